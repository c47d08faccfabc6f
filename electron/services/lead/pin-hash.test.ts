import { describe, expect, it } from 'vitest';
import { PIN_HASH_PATTERN } from '../../../shared/domain/lead/pin-format';
import { decoyHash, hashPin, parsePinHash, verifyPin } from './pin-hash';

describe('lead PIN hashes', () => {
  it('stores scrypt with its cost and a fresh salt, never the PIN', async () => {
    const a = await hashPin('246810');
    const b = await hashPin('246810');
    expect(a).toMatch(PIN_HASH_PATTERN);
    expect(a.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(a).not.toContain('246810');
    expect(a).not.toBe(b);
  });

  it('accepts the right PIN and refuses a wrong one', async () => {
    const stored = await hashPin('246810', { N: 1024, r: 8, p: 1 });
    expect(await verifyPin('246810', stored)).toBe(true);
    expect(await verifyPin('246811', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('refuses hashes it cannot trust: malformed, too cheap, or so costly they would stall the counter', async () => {
    expect(parsePinHash('246810')).toBeNull();
    expect(parsePinHash('scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBeNull();
    expect(parsePinHash('scrypt$1048576$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBeNull();
    expect(await verifyPin('246810', 'scrypt$16384$8$1$$')).toBe(false);
  });

  it('has a decoy for unknown staff numbers that no typed PIN matches', async () => {
    const decoy = await decoyHash();
    expect(decoy).toMatch(PIN_HASH_PATTERN);
    expect(await decoyHash()).toBe(decoy);
    expect(await verifyPin('000000', decoy)).toBe(false);
  });
});
