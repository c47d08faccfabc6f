/**
 * GB 11643 citizen ID number rules (ISO 7064 MOD 11-2), also used by
 * HK/Macau/Taiwan residence permits and 2023 foreigner permanent residence cards.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits, or null if they are not 17 digits. */
export function idCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  const sum = WEIGHTS.reduce((total, weight, i) => total + Number(first17[i]) * weight, 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** True when the 18-character number has a correct check character (x accepted as X). */
export function isValidIdNumber(idNumber: string): boolean {
  if (idNumber.length !== 18) return false;
  const check = idCheckCharacter(idNumber.slice(0, 17));
  return check !== null && check === idNumber.charAt(17).toUpperCase();
}

/**
 * Masks an identifier for display: keeps `head` leading and `tail` trailing
 * characters. A value too short to mask meaningfully is masked entirely, so
 * a mis-sized field never leaks in full.
 */
export function maskIdNumber(idNumber: string, head = 6, tail = 4): string {
  if (idNumber.length <= head + tail) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, head) + '*'.repeat(idNumber.length - head - tail) + idNumber.slice(idNumber.length - tail);
}

/**
 * An 18-character resident ID number (17 digits and a digit or X) or a
 * 15-digit first-generation one, standing alone. Checksums are not tested on
 * purpose: a mistyped number is personal data all the same.
 */
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/** `text` with every full ID number in it masked the way the clerk screen masks it (first 6, last 4). */
export function maskIdNumbersInText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (found) => maskIdNumber(found));
}
