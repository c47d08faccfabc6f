/**
 * Staff PINs (window leads and clerks) are stored only as scrypt hashes
 * (node:crypto), in the form scrypt$N$r$p$salt$hash so that the cost can be
 * raised without breaking stored hashes: a hash at an older, cheaper cost
 * still verifies, and is re-hashed at the current cost on the next success
 * (electron/services/accounts/credential-check.ts). Verification is
 * asynchronous (scrypt runs on the libuv pool, not the main thread) and
 * compares in constant time.
 *
 * Why this cost: a PIN is a short number, so what protects a stolen
 * config.json is the price of each guess. N=2^17, r=8 makes every guess take
 * 128 MiB of memory (which defeats cheap GPU/ASIC parallelism) and about
 * 0.3 s of one core on the counter PC this was measured on (Xeon, 2 cores;
 * 2^14 took 35 ms). An 8-digit PIN then costs ~3·10^7 core-seconds (about a
 * core-year) to search in full, where a 6-digit PIN at 2^14 fell in an hour.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PIN_HASH_PATTERN } from '../../../shared/domain/lead/pin-format';

export interface PinCost {
  N: number;
  r: number;
  p: number;
}

/** The cost of every new hash (and of the re-hash of an older one). */
export const DEFAULT_PIN_COST: Readonly<PinCost> = { N: 1 << 17, r: 8, p: 1 };
/** The cost the counter used before issue 13: hashes at or below it are weak (需重设 in `list`). */
export const LEGACY_PIN_COST: Readonly<PinCost> = { N: 1 << 14, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** A hash naming a cost above this is refused: a hand-edited config must not stall the counter (one step above the default). */
const MAX_N = 1 << 18;
/** …nor take more memory than this per guess (scrypt needs 128·N·r bytes). */
const MAX_MEMORY = 256 * 1024 * 1024;

function memoryOf(cost: PinCost): number {
  return 128 * cost.N * cost.r * cost.p;
}

function scrypt(pin: string, salt: Buffer, length: number, options: ScryptOptions & PinCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem a little above what this cost needs (node counts 128·N·r plus a small overhead).
    scryptCallback(pin.normalize('NFKC'), salt, length, { ...options, maxmem: 2 * memoryOf(options) }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string, cost: PinCost = DEFAULT_PIN_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, KEY_LENGTH, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Parsed extends PinCost {
  salt: Buffer;
  key: Buffer;
}

export function parsePinHash(stored: string): Parsed | null {
  if (!PIN_HASH_PATTERN.test(stored)) return null;
  const [, n, r, p, salt, key] = stored.split('$') as [string, string, string, string, string, string];
  const parsed = { N: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
  const powerOfTwo = (parsed.N & (parsed.N - 1)) === 0;
  if (!powerOfTwo || parsed.N < 1024 || parsed.N > MAX_N || parsed.r < 1 || parsed.p < 1 || parsed.salt.length < 8 || parsed.key.length < 16) return null;
  if (memoryOf(parsed) > MAX_MEMORY) return null;
  return parsed;
}

/** True when `pin` matches the stored hash; false for a wrong PIN or a hash that cannot be read. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  if (!parsed) return false;
  const key = await scrypt(pin, parsed.salt, parsed.key.length, { N: parsed.N, r: parsed.r, p: parsed.p });
  return timingSafeEqual(key, parsed.key);
}

/** The work (memory × passes) a guess against this cost takes, to compare costs. */
function workOf(cost: PinCost): number {
  return cost.N * cost.r * cost.p;
}

/** True when the stored hash is cheaper than `target`: it verifies, but is re-hashed on the next success. */
export function isBelowCost(stored: string, target: PinCost = DEFAULT_PIN_COST): boolean {
  const parsed = parsePinHash(stored);
  return parsed !== null && workOf(parsed) < workOf(target);
}

/** True when the stored hash is at or below the old default (or unreadable): IT should reset it (需重设). */
export function isWeakHash(stored: string): boolean {
  const parsed = parsePinHash(stored);
  return parsed === null || workOf(parsed) <= workOf(LEGACY_PIN_COST);
}

/**
 * A hash of no PIN anyone can type, checked when the staff number has no
 * account: the answer then takes as long as for a real account, and does
 * not tell which staff numbers exist. One per cost.
 */
const decoys = new Map<string, Promise<string>>();
export function decoyHash(cost: PinCost = DEFAULT_PIN_COST): Promise<string> {
  const key = `${cost.N}/${cost.r}/${cost.p}`;
  let decoy = decoys.get(key);
  if (!decoy) {
    decoy = hashPin(randomBytes(18).toString('base64'), cost);
    decoys.set(key, decoy);
  }
  return decoy;
}
