/**
 * The shapes of a lead's staff number, PIN and stored PIN hash. Pure: the
 * config schema, the unlock form and the IT command agree on them.
 */

/** Staff numbers as centres issue them: letters and digits. */
export const STAFF_NO_PATTERN = /^[0-9A-Za-z]{1,20}$/;

/** 6 to 12 digits: typed on a counter keyboard, long enough with the lock-out. */
export const PIN_PATTERN = /^\d{6,12}$/;

/** scrypt$N$r$p$salt$hash with base64 salt and hash (electron/services/lead/pin-hash.ts). */
export const PIN_HASH_PATTERN = /^scrypt\$\d{4,7}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/;

export function isPin(text: string): boolean {
  return PIN_PATTERN.test(text);
}
