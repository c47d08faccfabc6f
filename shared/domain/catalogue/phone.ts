/**
 * Telephone numbers as they appear at a counter. Spaces and the dashes people
 * type in a mobile number are tolerated; the stored form keeps one dash
 * between area code and landline number.
 */

const MOBILE = /^1[3-9]\d{9}$/;
/** Area code 0xx or 0xxx, 7–8 digit number, optional extension. */
const LANDLINE = /^(0\d{2,3})-?([1-9]\d{6,7})(?:-(\d{1,6}))?$/;
/** Government hotlines: 12345, 12315, 12333 … and 95xxx service numbers. */
const HOTLINE = /^(?:12\d{3}|95\d{3,4})$/;

function compact(raw: string): string {
  return raw.trim().replace(/[\s\u3000]+/g, '').replace(/[－—–]/g, '-');
}

/** A citizen's contact phone (mobile or landline), normalised; null when it is not one. */
export function normaliseContactPhone(raw: string): string | null {
  const text = compact(raw);
  const digits = text.replace(/-/g, '');
  if (MOBILE.test(digits)) return digits;
  const landline = LANDLINE.exec(text);
  if (landline) return `${landline[1]}-${landline[2]}${landline[3] ? `-${landline[3]}` : ''}`;
  return null;
}

/** A consultation or supervision number published for an item: a contact phone or a hotline. */
export function isServicePhone(raw: string): boolean {
  const text = compact(raw);
  return HOTLINE.test(text) || normaliseContactPhone(text) !== null;
}
