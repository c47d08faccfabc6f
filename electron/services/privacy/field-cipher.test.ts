import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseField, FieldCipher, FieldCipherError, isSealed } from './field-cipher';

const ID = '110101199003074511';
const card = JSON.stringify({ name: '张晓明', idNumber: ID, address: '北京市东城区景山前街4号' });

describe('FieldCipher', () => {
  const cipher = new FieldCipher(randomBytes(32));

  it('seals a field into an envelope that shows nothing of it, and opens it again', () => {
    const sealed = cipher.seal(card, caseField('applicant_json', 'C1'));
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.startsWith(`enc1:${cipher.keyId}:`)).toBe(true);
    for (const part of [ID, '张晓明', '景山前街', ID.slice(0, 17)]) expect(sealed).not.toContain(part);
    // A fresh IV each time: the same card never gives the same ciphertext (no equality leak across rows).
    expect(cipher.seal(card, caseField('applicant_json', 'C1'))).not.toBe(sealed);
    expect(cipher.open(sealed, caseField('applicant_json', 'C1'))).toBe(card);
  });

  it('reads a legacy plain value as it is (sealed later), so an old database still opens', () => {
    expect(isSealed(card)).toBe(false);
    expect(cipher.open(card, caseField('applicant_json', 'C1'))).toBe(card);
  });

  it('refuses another key, by its fingerprint, in Chinese', () => {
    const sealed = cipher.seal(card, caseField('applicant_json', 'C1'));
    const other = new FieldCipher(randomBytes(32));
    expect(() => other.open(sealed, caseField('applicant_json', 'C1'))).toThrow(FieldCipherError);
    expect(() => other.open(sealed, caseField('applicant_json', 'C1'))).toThrow(/另一把密钥/);
  });

  it('refuses a value edited on disk, and one copied onto another case or column (attacker swaps rows)', () => {
    const sealed = cipher.seal(card, caseField('applicant_json', 'C1'));
    const body = Buffer.from(sealed.slice(sealed.lastIndexOf(':') + 1), 'base64');
    body[body.length - 1]! ^= 1;
    const edited = `${sealed.slice(0, sealed.lastIndexOf(':') + 1)}${body.toString('base64')}`;
    expect(() => cipher.open(edited, caseField('applicant_json', 'C1'))).toThrow(/损坏或被改动/);
    expect(() => cipher.open(sealed, caseField('applicant_json', 'C2'))).toThrow(/损坏或被改动/);
    expect(() => cipher.open(sealed, caseField('agent_json', 'C1'))).toThrow(/损坏或被改动/);
  });

  it('takes only a 32-byte key', () => {
    expect(() => new FieldCipher(randomBytes(16))).toThrow(/32 字节/);
  });
});
