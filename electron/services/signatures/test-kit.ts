/**
 * For the signature tests: a pad, a signature's raw samples, a decided case
 * and a slip service over a temp data directory (no Chromium: the slip
 * "PDF" is its HTML, so a byte search sees what the slip shows), with the
 * real signature store sealing with a field key.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { PadDescription, PenSample } from '../../../shared/domain/signature/pen';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { CaseService } from '../cases/case-service';
import { defaultConfig } from '../config/config-file';
import { FieldCipher } from '../privacy/field-cipher';
import type { PdfRenderer } from '../slips/pdf-renderer';
import { SlipArchive } from '../slips/slip-archive';
import { SlipService } from '../slips/slip-service';
import { openDatabase, type Db } from '../storage/database';
import { SignatureStore } from './signature-store';

export { decideAccept, FOOD } from '../cases/test-kit';
const catalogue = loadDefaultCatalogue();

export const PAD: PadDescription = {
  protocol: 'wacom-stu',
  simulated: true,
  vendorId: 0x056a,
  productId: 0x00a8,
  model: 'STU-540',
  firmware: '1.00',
  x: { min: 0, max: 9600 },
  y: { min: 0, max: 6000 },
  pressure: { min: 0, max: 1023 },
  resolution: { x: 2540, y: 2540, unit: 'inch' },
};

/** Two strokes of a written name-like scrawl with hover reports between them, in device units. */
export function penSamples(): PenSample[] {
  const samples: PenSample[] = [];
  let t = 1000;
  const add = (x: number, y: number, tip: boolean, pressure: number) =>
    samples.push({ x, y, pressure, tip, inRange: true, deviceTime: t % 0xffff, seq: samples.length, hostTime: (t += 5) + 0.25 });
  add(1000, 3000, false, 0);
  for (let i = 0; i <= 40; i += 1) add(1000 + i * 60, 3000 + Math.round(Math.sin(i / 4) * 700), true, 300 + i * 10);
  add(3500, 3000, false, 0);
  for (let i = 0; i <= 30; i += 1) add(4000 + i * 50, 2200 + i * 40, true, 700);
  add(5600, 3500, false, 0);
  return samples;
}

export const now = () => new Date(2026, 10, 23, 9, 30);

export interface SlipKit {
  db: Db;
  cases: CaseService;
  slips: SlipService;
  store: SignatureStore;
  cipher: FieldCipher;
  archive: SlipArchive;
  renderer: HtmlRenderer;
  config: ReturnType<typeof defaultConfig>;
  close(): void;
}

/** The slip HTML as the "PDF": a test reads what the slip shows from the archived bytes. */
export class HtmlRenderer implements PdfRenderer {
  html: string[] = [];
  async render(html: string): Promise<Buffer> {
    this.html.push(html);
    return Buffer.from(html, 'utf8');
  }
  async close(): Promise<void> {}
}

/** A slip service with the real signature store on `dir` (a second call on the same folder and key is a restart). */
export function slipKit(dir: string, key: Buffer = randomBytes(32), renderer: PdfRenderer = new HtmlRenderer()): SlipKit {
  const db = openDatabase(join(dir, 'db.sqlite'));
  const cipher = new FieldCipher(key);
  const cases = new CaseService({ db, windowNumber: '08', items: () => catalogue.items, now, cipher });
  const config = defaultConfig();
  config.slips.issuerShortName = '示例政务';
  const archive = new SlipArchive(join(dir, 'archive'));
  const store = new SignatureStore({ db, cipher });
  const slips = new SlipService({
    db,
    cases,
    renderer,
    archive,
    queue: null,
    printerName: '',
    config,
    clerk: () => ({ name: '王芳', staffNumber: '0342' }),
    now,
    signatures: store,
  });
  return { db, cases, slips, store, cipher, archive, renderer: renderer as HtmlRenderer, config, close: () => db.close() };
}

/** The applicant signs the open case's slip as the signing step would: the hash of what the slip service would draw now. */
export function signOpenCase(kit: Pick<SlipKit, 'slips' | 'store'>, samples: PenSample[] = penSamples()) {
  const signable = kit.slips.signable();
  if (!signable) throw new Error('no decided case to sign');
  return kit.store.save({
    caseId: signable.caseId,
    slipKind: signable.kind,
    slipSha256: signable.sha256,
    pad: PAD,
    samples,
    capturedAt: '2026-11-23T01:29:00.000Z',
    confirmedAt: '2026-11-23T01:29:30.000Z',
    clerkStaffNumber: '0342',
  });
}
