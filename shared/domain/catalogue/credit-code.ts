/**
 * GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters
 * from a 31-symbol alphabet (digits and capitals without I, O, S, V, Z), the
 * last one a check character over the first 17 (weights 3^i mod 31).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters, or null when they are not 17 valid symbols. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** True when the code has 18 valid symbols. Says nothing about the check character. */
export function isWellFormedCreditCode(code: string): boolean {
  return code.length === 18 && [...code].every((c) => ALPHABET.includes(c));
}

/** True when the 18-character code is well formed and its check character is right. */
export function isValidCreditCode(code: string): boolean {
  return isWellFormedCreditCode(code) && creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}
