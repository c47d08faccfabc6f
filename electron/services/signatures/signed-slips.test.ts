import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseHistory } from '../history/case-history';
import { tempDir } from '../../../test/support/temp-dir';
import { decideAccept, signOpenCase, slipKit, type SlipKit } from './test-kit';

const kits: SlipKit[] = [];
afterEach(() => {
  for (const kit of kits.splice(0)) kit.close();
});

function kit(dir = tempDir('counter-signedslips-'), key?: Buffer): SlipKit {
  const made = slipKit(dir, key);
  kits.push(made);
  return made;
}

const pdfOf = (k: SlipKit, slipId: number) => k.slips.pdf(slipId)!.toString('utf8');
const auditKinds = (k: SlipKit) => k.db.prepare('SELECT kind FROM audit_log ORDER BY id').pluck().all() as string[];

/** What someone with the database and the key could do: change one sample and seal it again in place. */
function tamperOneSample(k: SlipKit, id: string): void {
  k.db.exec('DROP TRIGGER signatures_no_update');
  const context = `signatures.samples:${id}`;
  const sealed = k.db.prepare('SELECT samples FROM signatures WHERE id = ?').pluck().get(id) as string;
  const samples = JSON.parse(k.cipher.open(sealed, context)) as Array<{ x: number }>;
  samples[12]!.x += 3;
  k.db.prepare('UPDATE signatures SET samples = ? WHERE id = ?').run(k.cipher.seal(JSON.stringify(samples), context), id);
}

describe('slips that must be signed', () => {
  it('a receipt is refused without a signature or a reason (no number taken), and goes out signed once signed', async () => {
    const k = kit();
    decideAccept(k.cases);
    const refused = await k.slips.issue();
    expect(refused).toMatchObject({ ok: false, message: '请先请申请人签名，或记录未签名原因' });
    expect(k.db.prepare('SELECT count(*) FROM slip_numbers').pluck().get()).toBe(0);

    const saved = signOpenCase(k);
    const issued = await k.slips.issue();
    expect(issued.ok).toBe(true);
    expect(issued.slip?.signature).toBe('signed');
    // The archived slip carries the image, the local signing time and the code.
    const slip = pdfOf(k, issued.slip!.id);
    expect(slip).toContain('<img class="signature-image" src="data:image/png;base64,');
    expect(slip).toContain(`签名校验码 ${saved.verificationCode}`);
    expect(slip).toContain(`签名时间：${new Date(saved.signedAt).getFullYear()}年`);
    // Bound to its slip in the slip's own transaction, audited with counts only.
    expect(k.store.latestFor(k.cases.current()!.id, 'receipt')?.slipId).toBe(issued.slip!.id);
    expect(auditKinds(k)).toEqual(expect.arrayContaining(['signature-saved', 'signature-bound']));
    // 办件记录: the slip is signed, and opening it shows the verified signature.
    const [row] = new CaseHistory(k.db).search({});
    expect(row!.slips).toEqual([expect.objectContaining({ id: issued.slip!.id, signature: 'signed' })]);
    const view = k.slips.slipSignature(issued.slip!.id);
    expect(view.signature).toMatchObject({ state: 'signed', verified: true, problem: '', verificationCode: saved.verificationCode, device: 'STU-540 (056a:00a8)', points: 72 });
    expect(view.signature?.image).toMatch(/^data:image\/png;base64,/);
  });

  it('a waiver prints its reason in the signature line', async () => {
    const k = kit();
    decideAccept(k.cases);
    const signable = k.slips.signable()!;
    k.store.waive({ caseId: signable.caseId, slipKind: signable.kind, slipSha256: signable.sha256, reason: '申请人拒签', clerkStaffNumber: '0342', at: new Date().toISOString() });
    const issued = await k.slips.issue();
    expect(issued.ok).toBe(true);
    expect(issued.slip?.signature).toBe('waived');
    expect(pdfOf(k, issued.slip!.id)).toContain('未签名：申请人拒签');
    expect(k.slips.slipSignature(issued.slip!.id).signature).toMatchObject({ state: 'waived', waivedReason: '申请人拒签', image: null, verified: true });
  });

  it('a case changed after the applicant signed is refused until signed again', async () => {
    const k = kit();
    decideAccept(k.cases);
    signOpenCase(k);
    expect(k.cases.act({ type: 'setContactPhone', phone: '13900139001' }).ok).toBe(true);
    expect(await k.slips.issue()).toMatchObject({ ok: false, message: '案件内容已变，请重新签名' });
    signOpenCase(k);
    expect((await k.slips.issue()).ok).toBe(true);
  });

  it('where the centre does not require it, an unsigned receipt goes out with the empty line', async () => {
    const k = kit();
    k.config.slips.signatureRequired.receipt = false;
    decideAccept(k.cases);
    const issued = await k.slips.issue();
    expect(issued).toMatchObject({ ok: true, slip: { signature: 'none' } });
    expect(pdfOf(k, issued.slip!.id)).toContain('<span class="line"></span>');
    expect(pdfOf(k, issued.slip!.id)).not.toContain('签名校验码');
  });
});

describe('reprints carry the same signature, verified', () => {
  async function signedSlip(): Promise<{ k: SlipKit; slipId: number; code: string; id: string }> {
    const k = kit();
    decideAccept(k.cases);
    const saved = signOpenCase(k);
    const issued = await k.slips.issue();
    if (!issued.ok) throw new Error(issued.message);
    return { k, slipId: issued.slip!.id, code: saved.verificationCode, id: saved.id };
  }

  it('an untouched slip is reprinted with its signature (the same code, no new record)', async () => {
    const { k, slipId, code } = await signedSlip();
    const copy = await k.slips.reprint();
    expect(copy).toMatchObject({ ok: true, slip: { copy: 2, signature: 'signed' } });
    expect(pdfOf(k, copy.slip!.id)).toContain(`签名校验码 ${code}`);
    expect(k.db.prepare('SELECT count(*) FROM signatures').pluck().get()).toBe(1);
    expect(k.slips.slipSignature(copy.slip!.id).signature?.verified).toBe(true);
    expect(pdfOf(k, slipId)).toBe(pdfOf(k, copy.slip!.id));
  });

  it('one changed sample: the reprint is refused and the refusal audited', async () => {
    const { k, slipId, id } = await signedSlip();
    tamperOneSample(k, id);
    const refused = await k.slips.reprint();
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('不能补打：签名记录已被改动（记录校验值不符）');
    expect(auditKinds(k).at(-1)).toBe('slip-reprint-refused');
    expect(k.db.prepare('SELECT count(*) FROM slips').pluck().get()).toBe(1);
    expect(k.slips.slipSignature(slipId).signature).toMatchObject({ verified: false, problem: '签名记录已被改动（记录校验值不符）' });
    // The browser's print page says why instead of the slip.
    expect(await k.slips.htmlOf(slipId)).toContain('不能补打');
  });

  it('changed slip content (data_json): refused', async () => {
    const { k, slipId } = await signedSlip();
    const data = JSON.parse(k.db.prepare('SELECT data_json FROM slips WHERE id = ?').pluck().get(slipId) as string) as { deadline: string };
    data.deadline = '2099-12-31';
    k.db.prepare('UPDATE slips SET data_json = ? WHERE id = ?').run(JSON.stringify(data), slipId);
    const refused = await k.slips.reprint();
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toContain('通知书内容与签名时的内容不一致');
  });

  it('a changed archived PDF: refused', async () => {
    const { k, slipId } = await signedSlip();
    const row = k.db.prepare('SELECT pdf_path FROM slips WHERE id = ?').get(slipId) as { pdf_path: string };
    const file = k.archive.pathOf(row.pdf_path);
    writeFileSync(file, readFileSync(file, 'utf8').replace('签名校验码', '签名校验'));
    const refused = await k.slips.reprint();
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('归档的通知书 PDF 已被改动或缺失');
    expect(auditKinds(k).at(-1)).toBe('slip-reprint-refused');
  });

  it('after a restart with the same key the record still verifies; with another key it cannot be read and nothing is printed', async () => {
    const dir = tempDir('counter-signedslips-');
    const key = randomBytes(32);
    const first = kit(dir, key);
    decideAccept(first.cases);
    signOpenCase(first);
    const issued = await first.slips.issue();
    first.close();
    kits.splice(kits.indexOf(first), 1);
    const again = kit(dir, key);
    expect(again.slips.slipSignature(issued.slip!.id).signature?.verified).toBe(true);
    again.close();
    kits.splice(kits.indexOf(again), 1);
    const foreign = kit(dir, randomBytes(32));
    expect(foreign.slips.slipSignature(issued.slip!.id).ok).toBe(false);
    expect((await foreign.slips.htmlOf(issued.slip!.id)) ?? '').toContain('签名记录无法读取');
  });
});
