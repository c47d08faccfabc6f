import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, isValidCreditCode, isWellFormedCreditCode } from './credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('GB 32100 unified social credit code', () => {
  it('accepts codes of real registered companies', () => {
    // Published on the companies' licences and in the national enterprise credit system.
    for (const code of ['91440300708461136T', '91330100799655058B', '914403001922038216', '91350100M000100Y43']) {
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('rejects a wrong check character and names the right one', () => {
    expect(isValidCreditCode('91440300708461136X')).toBe(false);
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
  });

  it('rejects letters outside the alphabet (I, O, S, V, Z), lower case and wrong lengths', () => {
    expect(isWellFormedCreditCode('9144030070846113IT')).toBe(false);
    expect(isWellFormedCreditCode('91440300708461136t')).toBe(false);
    expect(isWellFormedCreditCode('9144030070846113')).toBe(false);
    expect(creditCodeCheckCharacter('9144030070846113O')).toBeNull();
  });

  it('detects any single changed character', () => {
    const symbol = fc.constantFrom(...ALPHABET);
    fc.assert(
      fc.property(fc.array(symbol, { minLength: 17, maxLength: 17 }), fc.nat(16), symbol, (chars, at, replacement) => {
        const body = chars.join('');
        const code = body + creditCodeCheckCharacter(body)!;
        expect(isValidCreditCode(code)).toBe(true);
        fc.pre(replacement !== code[at]);
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(isValidCreditCode(changed)).toBe(false);
      }),
    );
  });
});
