import { describe, expect, it } from 'vitest';
import { cardWarnings, localYyyymmdd } from './card-checks';
import { SAMPLE_FOREIGNER_2017_CARD, SAMPLE_RESIDENT_CARD, SAMPLE_RESIDENT_LONG_TERM } from './sample-cards';

describe('card warnings', () => {
  it('warns about an expired card and not about a valid or long-term one', () => {
    expect(cardWarnings(SAMPLE_RESIDENT_CARD, '20400316').map((w) => w.code)).toEqual(['expired']);
    expect(cardWarnings(SAMPLE_RESIDENT_CARD, '20400315')).toEqual([]);
    expect(cardWarnings(SAMPLE_RESIDENT_LONG_TERM, '20991231')).toEqual([]);
  });

  it('warns about a wrong check digit where GB 11643 applies, not on 2017 foreigner cards', () => {
    const wrong = { ...SAMPLE_RESIDENT_CARD, idNumber: '110101199003073512' };
    expect(cardWarnings(wrong, '20250101')).toEqual([{ code: 'bad-check-digit', message: '公民身份号码校验位不正确，请核对证件' }]);
    expect(cardWarnings(SAMPLE_FOREIGNER_2017_CARD, '20250101')).toEqual([]);
  });

  it('formats today in local time', () => {
    expect(localYyyymmdd(new Date(2026, 0, 5, 23, 59))).toBe('20260105');
  });
});
