/**
 * The shapes of a staff number, PIN and stored PIN hash of a staff account
 * (window leads and clerks). Pure: the config schema, the unlock and sign-in
 * forms and the IT commands agree on them.
 */

/** Staff numbers as centres issue them: letters and digits. */
export const STAFF_NO_PATTERN = /^[0-9A-Za-z]{1,20}$/;

/**
 * What a sign-in or unlock accepts: 6 to 12 digits, so that PINs set before
 * issue 13 (6 digits allowed then) still work until IT resets them.
 */
export const PIN_PATTERN = /^\d{6,12}$/;

/**
 * What IT may set from now on: 8 to 12 digits. The lock-outs stop guessing
 * at the counter; the length is what protects a copied config.json: 10^8
 * PINs at ~0.3 s of scrypt each (accounts/pin-hash.ts) is about a
 * core-year of search, where 10^6 was a few core-days. Eight digits are
 * still typed on a numeric keypad and remembered.
 */
export const NEW_PIN_MIN_DIGITS = 8;
export const NEW_PIN_PATTERN = /^\d{8,12}$/;

/** scrypt$N$r$p$salt$hash with base64 salt and hash (electron/services/accounts/pin-hash.ts). */
export const PIN_HASH_PATTERN = /^scrypt\$\d{4,7}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/;

export function isPin(text: string): boolean {
  return PIN_PATTERN.test(text);
}

/** A PIN IT may set now (longer than what is still accepted at sign-in). */
export function isNewPin(text: string): boolean {
  return NEW_PIN_PATTERN.test(text);
}
