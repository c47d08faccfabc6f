import { describe, expect, it } from 'vitest';
import { isServicePhone, normaliseContactPhone } from './phone';

describe('contact phone', () => {
  it('normalises mobiles and landlines as people type them', () => {
    expect(normaliseContactPhone('138 0013 8000')).toBe('13800138000');
    expect(normaliseContactPhone('138-0013-8000')).toBe('13800138000');
    expect(normaliseContactPhone('0371 65123456')).toBe('0371-65123456');
    expect(normaliseContactPhone('010-8888888')).toBe('010-8888888');
    expect(normaliseContactPhone('0396－2812345－806')).toBe('0396-2812345-806');
  });

  it('refuses what cannot be dialled back', () => {
    for (const bad of ['', '1380013800', '23800138000', '12345', '65123456', '0371-0123456', 'abc']) {
      expect(normaliseContactPhone(bad)).toBeNull();
    }
  });

  it('accepts government hotlines as published service numbers, but not as a citizen contact', () => {
    expect(isServicePhone('12345')).toBe(true);
    expect(isServicePhone('12315')).toBe(true);
    expect(isServicePhone('95598')).toBe(true);
    expect(isServicePhone('0371-12345678')).toBe(true);
    expect(isServicePhone('1234')).toBe(false);
  });
});
