import { describe, expect, it } from 'vitest';
import { PIN_HASH_PATTERN } from '../../../shared/domain/lead/pin-format';
import { DEFAULT_PIN_COST, decoyHash, hashPin, isBelowCost, isWeakHash, parsePinHash, verifyPin } from './pin-hash';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('staff PIN hashes', () => {
  it('stores scrypt at the memory-hard cost with a fresh salt, never the PIN', async () => {
    const a = await hashPin('24681357');
    const b = await hashPin('24681357');
    expect(a).toMatch(PIN_HASH_PATTERN);
    expect(a.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(DEFAULT_PIN_COST).toEqual({ N: 131072, r: 8, p: 1 });
    expect(a).not.toContain('24681357');
    expect(a).not.toBe(b);
    expect(await verifyPin('24681357', a)).toBe(true);
    expect(isBelowCost(a)).toBe(false);
    expect(isWeakHash(a)).toBe(false);
  });

  it('accepts the right PIN and refuses a wrong one', async () => {
    const stored = await hashPin('246810', CHEAP);
    expect(await verifyPin('246810', stored)).toBe(true);
    expect(await verifyPin('246811', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('still verifies a hash at the cost used before issue 13, and tells it is weak', async () => {
    const old = await hashPin('246810', { N: 16384, r: 8, p: 1 });
    expect(await verifyPin('246810', old)).toBe(true);
    expect(isBelowCost(old)).toBe(true);
    expect(isWeakHash(old)).toBe(true);
  });

  it('refuses hashes it cannot trust: malformed, too cheap, or so costly they would stall the counter', async () => {
    expect(parsePinHash('246810')).toBeNull();
    expect(parsePinHash('scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBeNull();
    expect(parsePinHash('scrypt$1048576$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBeNull();
    // 2^18 with r=16 would take 512 MiB per guess.
    expect(parsePinHash('scrypt$262144$16$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBeNull();
    expect(parsePinHash('scrypt$262144$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).not.toBeNull();
    expect(await verifyPin('246810', 'scrypt$16384$8$1$$')).toBe(false);
  });

  it('has a decoy for unknown staff numbers that no typed PIN matches, one per cost', async () => {
    const decoy = await decoyHash(CHEAP);
    expect(decoy).toMatch(PIN_HASH_PATTERN);
    expect(decoy.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await decoyHash(CHEAP)).toBe(decoy);
    expect(await verifyPin('000000', decoy)).toBe(false);
  });
});
