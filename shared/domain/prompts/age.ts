import { isIsoDate } from '../calendar/iso-date';
import type { IdType } from '../case/vocabulary';
import { isValidIdNumber } from '../id-number';

/**
 * The applicant's age from the birth date in the ID number, for the
 * 绿色通道 suggestion (老年人). Pure: "today" is the counter's local date.
 */

/**
 * Documents whose 18-character number carries the birth date at positions
 * 7–14 (GB 11643): the resident ID card and temporary card, the HK/Macau/
 * Taiwan residence permit, and the 2023 foreigner permanent residence card.
 * Passports and other documents carry no birth date in their number.
 */
const BIRTH_IN_NUMBER: readonly IdType[] = ['residentId', 'temporaryResidentId', 'hmtResidencePermit', 'foreignerPermanentResident'];

/** YYYY-MM-DD, or null when the number has no (valid) birth date or the type carries none. */
export function birthDateFromIdNumber(idNumber: string, idType: IdType): string | null {
  if (!BIRTH_IN_NUMBER.includes(idType)) return null;
  const number = idNumber.trim();
  // The check character guards against a mistyped manual entry being read as a date.
  if (!isValidIdNumber(number)) return null;
  const iso = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  return isIsoDate(iso) && Number(iso.slice(0, 4)) >= 1850 ? iso : null;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Age in full years (周岁) on `today` (both YYYY-MM-DD). A year is complete
 * on the birthday itself. Someone born on 29 February completes a year on
 * 1 March in a common year: their birthday has not come while February
 * still has its 28th, and the year is full only once February is over.
 * Null for a malformed date or a birth after today.
 */
export function ageOn(birthDate: string, today: string): number | null {
  if (!isIsoDate(birthDate) || !isIsoDate(today) || birthDate > today) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const [month, day] = bm === 2 && bd === 29 && !isLeapYear(ty) ? [3, 1] : [bm, bd];
  const beforeBirthday = tm < month || (tm === month && td < day);
  return ty - by - (beforeBirthday ? 1 : 0);
}

/** The applicant's age from their ID number, or null when the number does not tell it. */
export function applicantAge(person: { idNumber: string; idType: IdType } | null | undefined, today: string): number | null {
  if (!person) return null;
  const birth = birthDateFromIdNumber(person.idNumber, person.idType);
  return birth === null ? null : ageOn(birth, today);
}
