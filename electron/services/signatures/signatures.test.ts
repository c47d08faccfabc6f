import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldCipher } from '../privacy/field-cipher';
import { openDatabase, type Db } from '../storage/database';
import { tempDir } from '../../../test/support/temp-dir';
import { canonicalJson, signatureRequired, signedContentSha256 } from './signable-slip';
import { recordSha256, verificationCode, type SignatureRecord } from './signature-record';
import { MAX_HEIGHT_PX, MAX_WIDTH_PX, renderSignaturePng, strokesOf } from './signature-image';
import { SignatureError, SignatureStore } from './signature-store';
import { PAD, penSamples } from './test-kit';

const slipData = {
  kind: 'receipt',
  number: '示例政务〔2026〕受字第000001号',
  caseId: 'C-1',
  centreName: '示例市政务服务中心',
  windowNumber: '08',
  officerName: '王芳',
  officerStaffNumber: '0342',
  issuedAt: '2026-11-23T09:30:00',
  applicantName: '张晓明',
  applicantIdNumber: '110101********4511',
  itemName: '食品经营许可（新办）',
  itemCode: '0100230001',
  implementingBody: '示例市市场监督管理局',
  materials: [{ name: '申请书', form: '原件 1 份', detail: '已收' }],
  supervisionPhone: '12345',
  lookupCode: 'C-1',
} as const;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const clean of cleanups.splice(0).reverse()) clean();
});

function database(): Db {
  const db = openDatabase(join(tempDir('counter-signatures-'), 'db.sqlite'));
  cleanups.push(() => db.close());
  db.prepare("INSERT INTO cases (id, opened_at, status) VALUES ('C-1', '2026-11-23T01:00:00.000Z', 'open')").run();
  return db;
}

const capture = (overrides: Partial<Parameters<SignatureStore['save']>[0]> = {}) => ({
  caseId: 'C-1',
  slipKind: 'receipt' as const,
  slipSha256: signedContentSha256(slipData),
  pad: PAD,
  samples: penSamples(),
  capturedAt: '2026-11-23T01:29:00.000Z',
  confirmedAt: '2026-11-23T01:29:30.000Z',
  clerkStaffNumber: '0342',
  ...overrides,
});

describe('what a signature signs', () => {
  it('canonical JSON sorts keys at every level and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"é","z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('the slip content hash leaves out the number, issue time and lookup code, and follows every other field', () => {
    const base = signedContentSha256(slipData);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(signedContentSha256({ ...slipData, number: '另一个编号', issuedAt: '2027-01-01T00:00:00', lookupCode: 'X' })).toBe(base);
    // Defaults filled, key order irrelevant: the stored data_json hashes like the data drawn.
    expect(signedContentSha256(JSON.parse(JSON.stringify({ ...slipData, reasons: [], priority: false })))).toBe(base);
    expect(signedContentSha256({ ...slipData, applicantName: '张晓朋' })).not.toBe(base);
    expect(signedContentSha256({ ...slipData, materials: [{ name: '申请书', form: '原件 2 份', detail: '已收' }] })).not.toBe(base);
    expect(signedContentSha256({ ...slipData, officerName: '李四' })).not.toBe(base);
  });

  it('the 容缺受理 commitment is always signed; the other slips as the centre configures', () => {
    const off = { signatureRequired: { receipt: false, oneTimeNotice: false, rejection: false } };
    expect(signatureRequired('toleratedAcceptance', off)).toBe(true);
    expect(signatureRequired('receipt', off)).toBe(false);
    expect(signatureRequired('rejection', { signatureRequired: { receipt: false, oneTimeNotice: false, rejection: true } })).toBe(true);
  });
});

describe('the signature record', () => {
  const record: SignatureRecord = {
    id: 'R1',
    caseId: 'C-1',
    slipKind: 'receipt',
    slipSha256: 'a'.repeat(64),
    kind: 'signed',
    waivedReason: null,
    pad: PAD,
    samples: penSamples(),
    capturedAt: '2026-11-23T01:29:00.000Z',
    signedAt: '2026-11-23T01:29:30.000Z',
    pngSha256: 'b'.repeat(64),
    clerkStaffNumber: '0342',
  };

  it('hashes the same after a JSON round trip, and differently when one sample, the pad, a time or the slip hash changes', () => {
    const hash = recordSha256(record);
    expect(recordSha256(JSON.parse(JSON.stringify(record)) as SignatureRecord)).toBe(hash);
    const samples = penSamples();
    samples[10] = { ...samples[10]!, x: samples[10]!.x + 1 };
    for (const changed of [
      { ...record, samples },
      { ...record, pad: { ...PAD, firmware: '1.01' } },
      { ...record, signedAt: '2026-11-23T01:29:31.000Z' },
      { ...record, slipSha256: 'c'.repeat(64) },
      { ...record, pngSha256: 'd'.repeat(64) },
    ]) {
      expect(recordSha256(changed)).not.toBe(hash);
    }
  });

  it('the verification code is 8 Crockford base32 characters from the hash, in two groups', () => {
    const code = verificationCode(recordSha256(record));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(verificationCode('0'.repeat(64))).toBe('0000-0000');
    expect(verificationCode(`ffffffffff${'0'.repeat(54)}`)).toBe('ZZZZ-ZZZZ');
    // 40 bits: 0x0000000001 is the last character 1, 0x0000000020 the one before it.
    expect(verificationCode(`0000000021${'0'.repeat(54)}`)).toBe('0000-0011');
  });
});

describe('the signature image', () => {
  it('draws the strokes (tip-down runs) in black on transparent, trimmed, within 60 × 20 mm at 300 dpi', () => {
    const samples = penSamples();
    expect(strokesOf(samples).map((s) => s.length)).toEqual([41, 31]);
    const png = PNG.sync.read(renderSignaturePng(samples, PAD));
    expect(png.width).toBeLessThanOrEqual(MAX_WIDTH_PX);
    expect(png.height).toBeLessThanOrEqual(MAX_HEIGHT_PX);
    // The ink is scaled to fill the box on one side (this scrawl, 3:1 like the box, nearly on both).
    expect(Math.max(png.width / MAX_WIDTH_PX, png.height / MAX_HEIGHT_PX)).toBeGreaterThan(0.98);
    expect(png.width).toBeGreaterThan(MAX_WIDTH_PX * 0.85);
    let inked = 0;
    let transparent = 0;
    for (let i = 0; i < png.width * png.height; i += 1) {
      const a = png.data[i * 4 + 3]!;
      if (a === 255) inked += 1;
      if (a === 0) transparent += 1;
      if (a > 0) expect(png.data[i * 4]).toBe(0);
    }
    expect(inked).toBeGreaterThan(1000);
    expect(transparent).toBeGreaterThan(inked);
    // The margin is empty: the first and last columns carry no ink.
    for (let y = 0; y < png.height; y += 1) {
      expect(png.data[(y * png.width) * 4 + 3]).toBe(0);
      expect(png.data[(y * png.width + png.width - 1) * 4 + 3]).toBe(0);
    }
  });

  it('a signature without the pen ever down is refused', () => {
    expect(() => renderSignaturePng(penSamples().map((s) => ({ ...s, tip: false })), PAD)).toThrow();
  });
});

describe('SignatureStore', () => {
  it('keeps a signature with its samples and image sealed, and gives it back whole and verified', () => {
    const db = database();
    const cipher = new FieldCipher(randomBytes(32));
    const store = new SignatureStore({ db, cipher });
    const saved = store.save(capture());
    expect(saved.verificationCode).toBe(verificationCode(saved.recordSha256));
    const raw = db.prepare('SELECT samples, png, pad_json FROM signatures WHERE id = ?').get(saved.id) as { samples: string; png: string; pad_json: string };
    expect(raw.samples.startsWith('enc1:')).toBe(true);
    expect(raw.png.startsWith('enc1:')).toBe(true);
    expect(raw.samples).not.toContain('"hostTime"');
    const stored = store.latestFor('C-1', 'receipt')!;
    expect(stored).toMatchObject({ id: saved.id, kind: 'signed', slipId: null, recordSha256: saved.recordSha256, samples: penSamples(), pad: PAD });
    expect(store.verify(stored, JSON.stringify(slipData))).toEqual({ ok: true });
    // The audit says that it was kept and how much ink, never the ink.
    const audit = db.prepare("SELECT detail FROM audit_log WHERE kind = 'signature-saved'").pluck().all() as string[];
    expect(audit).toEqual(['kind=receipt samples=75 points=72 strokes=2']);
  });

  it('a sealed column copied onto another row is refused (bound to its row)', () => {
    const db = database();
    const store = new SignatureStore({ db, cipher: new FieldCipher(randomBytes(32)) });
    const a = store.save(capture());
    const b = store.save(capture({ samples: penSamples().slice(0, 20) }));
    db.exec('DROP TRIGGER signatures_no_update');
    db.prepare('UPDATE signatures SET samples = (SELECT samples FROM signatures WHERE id = ?) WHERE id = ?').run(a.id, b.id);
    expect(() => store.latestFor('C-1', 'receipt')).toThrow();
  });

  it('records a waiver with its reason; an empty signature or reason is refused', () => {
    const db = database();
    const store = new SignatureStore({ db });
    expect(() => store.waive({ caseId: 'C-1', slipKind: 'receipt', slipSha256: 'a'.repeat(64), reason: '  ', clerkStaffNumber: '0342', at: 'x' })).toThrow(SignatureError);
    expect(() => store.save(capture({ samples: penSamples().filter((s) => !s.tip) }))).toThrow('签名为空');
    store.waive({ caseId: 'C-1', slipKind: 'receipt', slipSha256: signedContentSha256(slipData), reason: '申请人拒签', clerkStaffNumber: '0342', at: '2026-11-23T01:30:00.000Z' });
    const stored = store.latestFor('C-1', 'receipt')!;
    expect(stored).toMatchObject({ kind: 'waived', waivedReason: '申请人拒签', png: null, samples: [] });
    expect(store.verify(stored, JSON.stringify(slipData))).toEqual({ ok: true });
  });

  it('the table refuses any change but the one binding to a slip, and any delete', () => {
    const db = database();
    const store = new SignatureStore({ db });
    const saved = store.save(capture());
    expect(() => db.prepare("UPDATE signatures SET signed_at = '2026-01-01' WHERE id = ?").run(saved.id)).toThrow('签名记录不能修改');
    expect(() => db.prepare('DELETE FROM signatures WHERE id = ?').run(saved.id)).toThrow('签名记录不能删除');
    expect(() =>
      db
        .prepare(
          "INSERT OR REPLACE INTO signatures (id, case_id, slip_kind, slip_sha256, kind, signed_at, record_sha256, verification_code, clerk_staff_number) VALUES (?, 'C-1', 'receipt', 'x', 'waived', 'x', 'x', 'x', 'x')",
        )
        .run(saved.id),
    ).toThrow('签名记录只能新增');
    db.prepare("INSERT INTO slips (case_id, kind, number, issued_at, data_json, paper, pdf_path, sha256) VALUES ('C-1', 'receipt', 'N1', 'x', '{}', 'a4', 'p', 's')").run();
    db.prepare("INSERT INTO slips (case_id, kind, number, issued_at, data_json, paper, pdf_path, sha256) VALUES ('C-1', 'receipt', 'N2', 'x', '{}', 'a4', 'p', 's')").run();
    store.bindToSlip(saved.id, 1);
    expect(() => store.bindToSlip(saved.id, 2)).toThrow(SignatureError);
    expect(() => db.prepare('UPDATE signatures SET slip_id = 2 WHERE id = ?').run(saved.id)).toThrow('签名记录不能修改');
    expect(store.forSlip(1)?.id).toBe(saved.id);
    expect(store.stateOfSlip(1)).toBe('signed');
    expect(store.stateOfSlip(2)).toBe('none');
  });

  it('verification finds one changed sample, a swapped image, a changed code and changed slip content', () => {
    const db = database();
    const cipher = new FieldCipher(randomBytes(32));
    const store = new SignatureStore({ db, cipher });
    const saved = store.save(capture());
    const stored = store.latestFor('C-1', 'receipt')!;
    const samples = stored.samples.map((s, i) => (i === 5 ? { ...s, pressure: (s.pressure ?? 0) + 1 } : s));
    expect(store.verify({ ...stored, samples }, JSON.stringify(slipData))).toEqual({ ok: false, problem: '签名记录已被改动（记录校验值不符）' });
    expect(store.verify({ ...stored, png: Buffer.concat([stored.png!, Buffer.from([0])]) }, JSON.stringify(slipData)).ok).toBe(false);
    expect(store.verify({ ...stored, verificationCode: 'AAAA-AAAA' }, JSON.stringify(slipData)).ok).toBe(false);
    expect(store.verify(stored, JSON.stringify({ ...slipData, applicantName: '张晓朋' }))).toEqual({ ok: false, problem: '通知书内容与签名时的内容不一致，已被改动' });
    // The same through the database: someone with the key re-seals a changed sample series into the row.
    db.exec('DROP TRIGGER signatures_no_update');
    const context = `signatures.samples:${saved.id}`;
    db.prepare('UPDATE signatures SET samples = ? WHERE id = ?').run(cipher.seal(JSON.stringify(samples), context), saved.id);
    expect(store.verify(store.latestFor('C-1', 'receipt')!, JSON.stringify(slipData)).ok).toBe(false);
  });
});
