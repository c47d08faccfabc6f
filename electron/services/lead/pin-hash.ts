/**
 * Lead PINs are stored only as scrypt hashes (node:crypto), in the form
 * scrypt$N$r$p$salt$hash so that the cost can be raised later without
 * breaking stored hashes. Verification is asynchronous (scrypt runs on the
 * libuv pool, not the main thread) and compares in constant time.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PIN_HASH_PATTERN } from '../../../shared/domain/lead/pin-format';

const DEFAULT_COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
/** A hash naming a cost above this is refused: a hand-edited config must not stall the counter. */
const MAX_N = 1 << 17;

function scrypt(pin: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(pin.normalize('NFKC'), salt, length, { ...options, maxmem: 256 * options.N! * options.r! }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string, cost: { N: number; r: number; p: number } = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, KEY_LENGTH, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

export function parsePinHash(stored: string): Parsed | null {
  if (!PIN_HASH_PATTERN.test(stored)) return null;
  const [, n, r, p, salt, key] = stored.split('$') as [string, string, string, string, string, string];
  const parsed = { N: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
  const powerOfTwo = (parsed.N & (parsed.N - 1)) === 0;
  if (!powerOfTwo || parsed.N < 1024 || parsed.N > MAX_N || parsed.r < 1 || parsed.p < 1 || parsed.salt.length < 8 || parsed.key.length < 16) return null;
  return parsed;
}

/** True when `pin` matches the stored hash; false for a wrong PIN or a hash that cannot be read. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  if (!parsed) return false;
  const key = await scrypt(pin, parsed.salt, parsed.key.length, { N: parsed.N, r: parsed.r, p: parsed.p });
  return timingSafeEqual(key, parsed.key);
}

/**
 * A hash of no PIN anyone can type, checked when the staff number is not a
 * lead's: the answer then takes as long as for a real lead, and does not
 * tell which staff numbers are leads.
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPin(randomBytes(18).toString('base64'));
  return decoy;
}
