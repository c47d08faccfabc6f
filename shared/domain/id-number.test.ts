import { describe, expect, it } from 'vitest';
import { idCheckCharacter, isValidIdNumber, maskIdNumber } from './id-number';

describe('GB 11643 check character', () => {
  it('matches the published example 11010519491231002X', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('matches a number whose check is a digit', () => {
    // 440524188001010014 is the other example printed in GB 11643.
    expect(idCheckCharacter('44052418800101001')).toBe('4');
  });
  it('rejects a wrong check, a wrong length and non-digits', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(idCheckCharacter('1101051949123100A')).toBeNull();
  });
  it('maps every remainder to the table of the standard', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 2000; n++) seen.add(idCheckCharacter(String(n).padStart(17, '0')) ?? '?');
    expect([...seen].sort().join('')).toBe('0123456789X');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 by default', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('honours a configured head and tail', () => {
    expect(maskIdNumber('11010519491231002X', 3, 1)).toBe('110**************X');
  });
  it('masks a value too short to keep both ends entirely', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
  });
});
