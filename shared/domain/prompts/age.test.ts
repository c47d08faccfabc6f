import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../id-number';
import { ageOn, applicantAge, birthDateFromIdNumber } from './age';

/** A GB 11643 number with a correct check character, born on `birth` (YYYYMMDD). */
function idFor(birth: string, region = '410102', seq = '123'): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCheckCharacter(first17)!;
}

describe('birthDateFromIdNumber', () => {
  it('reads the birth date at positions 7–14 of a valid number', () => {
    expect(birthDateFromIdNumber(idFor('19650301'), 'residentId')).toBe('1965-03-01');
    expect(birthDateFromIdNumber(idFor('20000229'), 'hmtResidencePermit')).toBe('2000-02-29');
    expect(birthDateFromIdNumber(idFor('19580712', '911156'), 'foreignerPermanentResident')).toBe('1958-07-12');
  });

  it('refuses a number whose check character is wrong (a mistyped manual entry)', () => {
    const good = idFor('19650301');
    const bad = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    expect(birthDateFromIdNumber(bad, 'residentId')).toBeNull();
  });

  it('refuses an impossible date even with a correct check character', () => {
    expect(birthDateFromIdNumber(idFor('19650230'), 'residentId')).toBeNull();
    expect(birthDateFromIdNumber(idFor('19011301'), 'residentId')).toBeNull();
    expect(birthDateFromIdNumber(idFor('17990101'), 'residentId')).toBeNull();
  });

  it('reads nothing from documents whose number carries no birth date', () => {
    expect(birthDateFromIdNumber(idFor('19650301'), 'passport')).toBeNull();
    expect(birthDateFromIdNumber(idFor('19650301'), 'other')).toBeNull();
    expect(birthDateFromIdNumber('E12345678', 'passport')).toBeNull();
  });

  it('tolerates surrounding spaces and a lower-case x', () => {
    // 11010519491231002X is the standard's own example.
    expect(birthDateFromIdNumber(' 11010519491231002x ', 'residentId')).toBe('1949-12-31');
  });
});

describe('ageOn', () => {
  it('completes a year on the birthday itself, not the day before', () => {
    expect(ageOn('1966-05-20', '2026-05-19')).toBe(59);
    expect(ageOn('1966-05-20', '2026-05-20')).toBe(60);
    expect(ageOn('1966-05-20', '2026-05-21')).toBe(60);
  });

  it('compares months before days', () => {
    expect(ageOn('1966-12-01', '2026-11-30')).toBe(59);
    expect(ageOn('1966-01-31', '2026-02-01')).toBe(60);
  });

  it('lets someone born on 29 February complete a year on 1 March in a common year', () => {
    expect(ageOn('1964-02-29', '2025-02-28')).toBe(60);
    expect(ageOn('1965-02-28', '2025-02-28')).toBe(60);
    // 2026 is a common year: 28 February is not yet the 29th.
    expect(ageOn('1964-02-29', '2024-02-28')).toBe(59);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ageOn('1968-02-29', '2028-02-28')).toBe(59);
    expect(ageOn('1968-02-29', '2028-02-29')).toBe(60);
    expect(ageOn('1964-02-29', '2023-02-28')).toBe(58);
    expect(ageOn('1964-02-29', '2023-03-01')).toBe(59);
  });

  it('is 0 on the day of birth and null for a birth after today or a bad date', () => {
    expect(ageOn('2026-03-01', '2026-03-01')).toBe(0);
    expect(ageOn('2026-03-02', '2026-03-01')).toBeNull();
    expect(ageOn('2026-02-30', '2026-03-01')).toBeNull();
    expect(ageOn('1966-05-20', '2026-5-20')).toBeNull();
  });
});

describe('applicantAge', () => {
  it('ages the applicant from the full ID number against today', () => {
    expect(applicantAge({ idNumber: idFor('19660520'), idType: 'residentId' }, '2026-05-20')).toBe(60);
    expect(applicantAge({ idNumber: idFor('19660520'), idType: 'passport' }, '2026-05-20')).toBeNull();
    expect(applicantAge(null, '2026-05-20')).toBeNull();
  });
});
