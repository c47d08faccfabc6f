import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CounterConfig, SlipSignatureView, SlipSummary, VoidSlipNumbers } from '../../../shared/contract';
import { transition, type CaseStateOf } from '../../../shared/domain/case';
import { escapeHtml, renderSlipHtml, type SlipPaper, type SlipSignatureMark } from '../../../shared/domain/slips/slip-html';
import { SLIP_OF_DECISION, slipDataFromCase } from '../../../shared/domain/slips/slip-from-case';
import { SlipDataSchema, type SlipKind } from '../../../shared/domain/slips/slip-data';
import { formatSlipNumber } from '../../../shared/domain/slips/slip-number';
import { strings } from '../../../shared/i18n';
import type { CaseService, OpenCase } from '../cases/case-service';
import type { PrintQueue, PrintableSlip } from '../printing/print-queue';
import { slipPrintStatus } from '../printing/print-copies';
import type { Db } from '../storage/database';
import { retryWhenBusy, type BusyRetryOptions } from '../storage/busy-retry';
import { chineseMessage, explainError } from '../errors/system-error';
import { appendAudit } from '../audit/audit-log';
import { inkedSamples } from '../signatures/signature-record';
import { pngDataUrl } from '../signatures/signature-image';
import { signableSlip, signatureRequired, signedContentSha256, type SignableSlip } from '../signatures/signable-slip';
import { SignatureStore, type StoredSignature } from '../signatures/signature-store';
import type { PdfRenderer } from './pdf-renderer';
import { qrSvg } from './qr';
import type { SlipArchive } from './slip-archive';
import { SlipNumbers, type SlipNumberRow } from './slip-numbers';
import { SlipReconciliation } from './slip-reconciliation';

export interface SlipServiceOptions {
  db: Db;
  cases: CaseService;
  renderer: PdfRenderer;
  archive: SlipArchive;
  /** Null when the counter has no printer (devices.printer disabled): slips are archived only. */
  queue: PrintQueue | null;
  /** The system's name of the printer (devices.printer.port); empty for the simulated one. */
  printerName: string;
  config: Pick<CounterConfig, 'counter' | 'slips' | 'privacy'>;
  /**
   * The clerk signed in now (the service day's verified session), named on
   * the slip as the officer; null when nobody is: no slip is issued then.
   */
  clerk: () => { name: string; staffNumber: string } | null;
  now?: () => Date;
  /** Diagnostics (numbers and archive paths, never personal data). */
  log?: (line: string) => void;
  /**
   * Waits (without blocking the event loop) until the database takes writes
   * again, e.g. storage/busy-retry.ts waitUntilWritable: a foreign lock taken
   * while the slip renders then delays its record instead of voiding its
   * number. Throws when the lock outlasts its deadline.
   */
  waitForWritable?: () => Promise<void>;
  /** How the service's own transactions are retried under a foreign lock (storage/busy-retry.ts; its defaults otherwise). */
  busyRetry?: BusyRetryOptions;
  /**
   * The signatures kept as evidence (issue 10; sealed with the counter's field cipher). A slip that must be signed
   * is issued only with a signature or a recorded reason for the content issued. Defaults to a store on `db` without a cipher.
   */
  signatures?: SignatureStore;
}

export type SlipOutcome = { ok: boolean; message: string; slip: SlipSummary | null };

interface SlipRow {
  id: number;
  case_id: string;
  kind: SlipKind;
  number: string;
  issued_at: string;
  paper: SlipPaper;
  pdf_path: string;
  copy: number;
  data_json: string;
  /** SHA-256 of the archived PDF as it was written. */
  sha256: string;
}

const s = strings.slipService;
const sig = strings.signatureEvidence;

/** What a slip's signature check found: the record (or none), or why it cannot be trusted. */
type SignatureFinding = { ok: true; signature: StoredSignature | null } | { ok: false; problem: string };

/**
 * Issues the slip of a decided case: numbers it, draws it, archives the
 * PDF, queues it for printing and only then records in the case that the
 * slip was handed out. A slip is never lost: the PDF is on disk before the
 * case moves on, whatever the printer does.
 *
 * One recoverable operation: the number is recorded (reserved) and
 * committed before the slip is drawn; the slip row and "issued" are one
 * transaction; any failure in between voids the number with its reason and
 * moves aside a PDF it left, so the next attempt archives under the same
 * name. What a crash leaves is found by the reconciliation when the service
 * starts (slip-reconciliation.ts).
 */
export class SlipService {
  private readonly now: () => Date;
  private readonly log: (line: string) => void;
  private readonly numbers: SlipNumbers;
  private readonly signatures: SignatureStore;
  private readonly reconciliation: SlipReconciliation;
  /** Numbers this service is drawing now: the reconciliation leaves them alone. */
  private readonly inFlight = new Set<number>();
  /** Failed attempts whose void could not be written yet (a locked database), with their reason. */
  private readonly pendingVoids = new Map<number, string>();
  private startChecked = false;
  private issuing: Promise<unknown> = Promise.resolve();
  /** A background write of voids that met a lock is under way (recordVoidsLater). */
  private voidsRetrying = false;

  constructor(private readonly options: SlipServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.numbers = new SlipNumbers(options.db);
    this.signatures = options.signatures ?? new SignatureStore({ db: options.db });
    this.reconciliation = new SlipReconciliation({
      db: options.db,
      numbers: this.numbers,
      archive: options.archive,
      log: this.log,
      now: this.now,
      inFlight: () => this.inFlight,
      pendingReason: (id) => this.pendingVoids.get(id),
      formatNumber: (nature, year, seq) => this.formatNumber(nature, year, seq),
    });
    // A crash may have left a number reserved or a PDF without its row: settled before the first slip.
    this.reconcile();
  }

  /** One slip at a time: two clicks on 出具通知书 must not draw two numbers for one case. */
  issue(paper: SlipPaper = this.options.config.slips.paper): Promise<SlipOutcome> {
    const run = this.issuing.then(() => this.issueNow(paper));
    this.issuing = run.catch(() => undefined);
    return run;
  }

  private async issueNow(paper: SlipPaper): Promise<SlipOutcome> {
    const open = this.options.cases.current();
    if (!open) return { ok: false, message: strings.caseFlow.service.noOpenCase, slip: null };
    const state = open.state;
    if (state.phase !== 'decided') return { ok: false, message: s.notDecided, slip: null };
    // The slip names who issued it: the clerk who signed in with their PIN, never a name from config.json.
    const clerk = this.options.clerk();
    if (!clerk) return { ok: false, message: strings.credentials.slipNeedsSignIn, slip: null };
    // Ask the state machine first, so no number is used for a slip it would refuse (e.g. no delivery chosen).
    const dryRun = transition(state, { type: 'slipPrinted', at: this.now().toISOString(), slipNumber: 'x' });
    if (!dryRun.ok) return { ok: false, message: dryRun.reason, slip: null };
    // Signed (or why not) for exactly this content, before a number is taken: a refusal here costs no number.
    const evidence = this.signatureToIssue(open.id, state, clerk);
    if (!evidence.ok) return { ok: false, message: evidence.problem, slip: null };

    // What an earlier attempt left (a void not yet written, a crash before this start's check could run) is settled first.
    this.reconcile();

    const issuedAt = this.now();
    const { kind, nature } = SLIP_OF_DECISION[state.decision.kind];
    const pdfPath = this.options.archive.relativePathOf(open.id, kind, issuedAt);
    let reserved: SlipNumberRow;
    try {
      // Run again under a lock: the archive name is looked at afresh each time (a move aside is done once, its record
      // written on a later run), and reserve() is one transaction that a lock rolls back whole — no number is taken by
      // a run that failed, so running it again takes exactly one.
      reserved = await this.retried(() => {
        // The archive name must be free before a number is taken: a PDF a failed attempt left there is moved aside.
        this.reconciliation.clearTarget(pdfPath);
        // Committed before drawing: from here on the number is issued or recorded void, never lost.
        const row = this.numbers.reserve({
          nature,
          year: issuedAt.getFullYear(),
          caseId: open.id,
          kind,
          pdfPath,
          at: issuedAt.toISOString(),
          format: (seq) => this.formatNumber(nature, issuedAt.getFullYear(), seq),
        });
        // In the same synchronous step as the commit: no reconciliation can take the number for a stray meanwhile.
        this.inFlight.add(row.id);
        return row;
      });
    } catch (error) {
      this.log(`通知书未出具，未取用编号：${explainError(error).original}`);
      return { ok: false, message: s.notStarted(chineseMessage(error)), slip: null };
    }

    try {
      return await this.drawArchiveRecord(open.id, state, reserved, issuedAt, paper, clerk, evidence.signature);
    } finally {
      this.inFlight.delete(reserved.id);
    }
  }

  /** Draws, archives and records a slip under a reserved number; on any failure the number is voided with the reason. */
  private async drawArchiveRecord(
    caseId: string,
    state: CaseStateOf<'decided'>,
    reserved: SlipNumberRow,
    issuedAt: Date,
    paper: SlipPaper,
    clerk: { name: string; staffNumber: string },
    signature: StoredSignature | null,
  ): Promise<SlipOutcome> {
    const { kind } = SLIP_OF_DECISION[state.decision.kind];
    const { counter, privacy } = this.options.config;
    const number = reserved.number;
    const data = slipDataFromCase(state, {
      number,
      issuedAt: localDateTime(issuedAt),
      centreName: counter.centreName,
      windowNumber: counter.windowNumber,
      officerName: clerk.name,
      officerStaffNumber: clerk.staffNumber,
      mask: { head: privacy.idMaskHead, tail: privacy.idMaskTail },
    });

    // The content drawn is the content signed (checked before the number was taken; the same again on the drawn data).
    if (signature && signedContentSha256(data) !== signature.slipSha256) return this.failed(reserved, sig.contentChanged, new Error('signed content differs from the slip drawn'));

    let pdf: Buffer;
    try {
      pdf = await this.options.renderer.render(renderSlipHtml(data, await qrSvg(data.lookupCode), paper, markOf(signature)), paper);
    } catch (error) {
      return this.failed(reserved, s.renderFailed(chineseMessage(error)), error);
    }
    let archived;
    try {
      archived = this.options.archive.store(caseId, kind, issuedAt, pdf);
    } catch (error) {
      // Already Chinese (通知书归档失败：…), the system's wording kept on its cause.
      return this.failed(reserved, (error as Error).message, error);
    }

    const db = this.options.db;
    let slipId: number;
    try {
      await this.options.waitForWritable?.();
      // A lock taken after the wait (between it and this write) is waited out too rather than voiding the number: the
      // record is one transaction that a lock rolls back whole (slip row, number issued, print job, case step), each part
      // computed afresh from the stored state, so running it again writes it exactly once.
      slipId = await this.retried(() => db.transaction(() => {
        const { lastInsertRowid } = db
          .prepare('INSERT INTO slips (case_id, kind, number, issued_at, data_json, paper, pdf_path, sha256, copy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)')
          .run(caseId, kind, number, issuedAt.toISOString(), JSON.stringify(data), paper, archived.relativePath, archived.sha256);
        const id = Number(lastInsertRowid);
        // The signature belongs to this slip from now on, in the slip's own transaction.
        if (signature) this.signatures.bindToSlip(signature.id, id);
        this.numbers.markIssued(reserved.id, issuedAt.toISOString());
        this.options.queue?.enqueue(id, this.options.printerName);
        const recorded = this.options.cases.slipIssued(number);
        if (!recorded.ok) throw new Error(recorded.message);
        return id;
      })());
    } catch (error) {
      return this.failed(reserved, s.recordFailed(chineseMessage(error)), error);
    }
    void this.options.queue?.drain();
    return { ok: true, message: s.issued(strings.slips.titles[kind], number), slip: this.summary(this.row(slipId)) };
  }

  /**
   * An attempt that failed after its number was taken: the number is voided
   * with the reason and its PDF (if one was archived) moved aside. When even
   * that cannot be written (the database is locked), the reason is kept
   * here and the next attempt, or the next start, writes it.
   */
  private failed(reserved: SlipNumberRow, reason: string, error: unknown): SlipOutcome {
    this.log(`通知书 ${reserved.number} 未出具：${explainError(error).original}`);
    this.pendingVoids.set(reserved.id, reason);
    this.inFlight.delete(reserved.id);
    this.reconcile();
    const recorded = !this.pendingVoids.has(reserved.id);
    if (!recorded) this.recordVoidsLater();
    return { ok: false, message: recorded ? s.failedVoided(reason, reserved.number) : s.failedVoidPending(reason, reserved.number), slip: null };
  }

  /** Runs the start-up reconciliation until it has gone through once, then the cheap part; never throws (it is retried). */
  private reconcile(): void {
    try {
      this.reconcileNow();
    } catch (error) {
      this.log(`通知书编号核对未完成，稍后重试：${explainError(error).original}`);
    }
    this.forgetWrittenVoids();
  }

  private reconcileNow(): void {
    if (this.startChecked) this.reconciliation.settle();
    else {
      this.reconciliation.atStart();
      this.startChecked = true;
    }
  }

  private forgetWrittenVoids(): void {
    try {
      // Reasons once written are forgotten here; a read may fail too, then the next pass tidies.
      for (const id of this.pendingVoids.keys()) if (this.numbers.byId(id)?.status !== 'reserved') this.pendingVoids.delete(id);
    } catch {
      // kept until a later pass can read
    }
  }

  /**
   * A void that met another program's lock is written in the background as
   * soon as the lock is gone, not only at the next slip or start. Safe to run
   * again: the reconciliation re-reads the stored numbers each time, voids
   * only a number still reserved and not being drawn (one transaction per
   * number, conditional on its status), and moves a PDF aside before it
   * records where, finding it under its new name on a later run. Past the
   * deadline the reason stays in pendingVoids for the next slip or start.
   */
  private recordVoidsLater(): void {
    if (this.voidsRetrying) return;
    this.voidsRetrying = true;
    const pause = new Promise<void>((resolve) => setTimeout(resolve, 10));
    void pause
      .then(() => this.retried(() => this.reconcileNow()))
      .catch((error: unknown) => this.log(`通知书编号作废登记未完成，下次出具通知书或启动时重试：${explainError(error).original}`))
      .finally(() => {
        this.voidsRetrying = false;
        this.forgetWrittenVoids();
      });
  }

  /** Runs `attempt` again while another program holds the write lock (only for work that is safe to run again: see each caller). */
  private retried<T>(attempt: () => T): Promise<T> {
    return retryWhenBusy(attempt, this.options.busyRetry);
  }

  /** Void numbers for the lead, newest first. */
  voidNumbers(limit = 500): VoidSlipNumbers {
    const { total, rows } = this.numbers.voids(limit);
    return {
      total,
      numbers: rows.map((r) => ({
        number: r.number,
        caseId: r.case_id,
        kind: r.kind,
        takenAt: r.taken_at,
        voidedAt: r.settled_at ?? r.taken_at,
        reason: r.reason,
        pdfSetAside: r.aside_path || null,
      })),
    };
  }

  /** Prints the latest slip of the open case again: the same PDF, archived as a further copy. */
  async reprint(): Promise<SlipOutcome> {
    const open = this.options.cases.current();
    const latest = open && this.rows(open.id).at(-1);
    if (!open || !latest) return { ok: false, message: s.nothingToReprint, slip: null };
    return this.copyOf(open, latest, 'queue');
  }

  /**
   * A slip the clerk printed through the browser's print dialog (web shell),
   * recorded as a print by the terminal would be. A slip no printer has
   * printed yet is marked printed, and its waiting job withdrawn so that it
   * does not come out twice; a slip already printed makes a recorded reprint
   * (a further archived copy), as 补打 does.
   */
  async printedInBrowser(slipId: number): Promise<SlipOutcome> {
    const open = this.options.cases.current();
    const row = open && this.rows(open.id).find((r) => r.id === slipId);
    if (!open || !row) return { ok: false, message: strings.desktopPrinting.browser.notFound, slip: null };
    const jobs = this.options.db.prepare<[number], { status: string }>('SELECT status FROM print_jobs WHERE slip_id = ?').all(slipId);
    if (jobs.some((j) => j.status === 'done' || j.status === 'printing')) return this.copyOf(open, row, 'browser');
    const at = this.now().toISOString();
    const db = this.options.db;
    // One transaction, rolled back whole by a lock: run again, it withdraws the waiting job and records the print once.
    await this.retried(() =>
      db.transaction(() => {
        db.prepare("UPDATE print_jobs SET status = 'cancelled', updated_at = ? WHERE slip_id = ? AND status IN ('queued', 'failed')").run(at, slipId);
        this.recordBrowserJob(slipId, at);
      })(),
    );
    return { ok: true, message: strings.desktopPrinting.browser.recorded, slip: this.summary(this.row(slipId)) };
  }

  /** Archives a further copy of a slip and records the reprint in the case; the queue prints it, or the browser already did. */
  private async copyOf(open: OpenCase, source: SlipRow, via: 'queue' | 'browser'): Promise<SlipOutcome> {
    const caseId = open.id;
    const check = transition(open.state, { type: 'slipReprinted', at: this.now().toISOString() });
    if (!check.ok) return { ok: false, message: check.reason, slip: null };
    // A copy carries the signature of the original, never a new one: both hashes and the archived PDF are checked first.
    const verified = this.verifiedSlip(source, true);
    if (!verified.ok) return this.refusedCopy(source, verified.problem);
    const sameKind = this.rows(caseId).filter((r) => r.kind === source.kind);
    const copy = Math.max(...sameKind.map((r) => r.copy)) + 1;
    let archived;
    try {
      const pdf = readFileSync(this.options.archive.pathOf(source.pdf_path));
      archived = this.options.archive.store(caseId, source.kind, new Date(source.issued_at), pdf, copy);
    } catch (error) {
      this.log(`补打未完成：${explainError(error).original}`);
      return { ok: false, message: chineseMessage(error), slip: null };
    }
    const db = this.options.db;
    const original = sameKind.find((r) => r.copy === 1) ?? source;
    // A copy archived but not recorded (a locked database) is the same bytes under the same name: a retry accepts it.
    const record = db.transaction(() => {
      const { lastInsertRowid } = db
        .prepare(
          'INSERT INTO slips (case_id, kind, number, issued_at, data_json, paper, pdf_path, sha256, copy) SELECT case_id, kind, ?, ?, data_json, paper, ?, ?, ? FROM slips WHERE id = ?',
        )
        .run(`${original.number}#${copy}`, this.now().toISOString(), archived.relativePath, archived.sha256, copy, source.id);
      const id = Number(lastInsertRowid);
      if (via === 'queue') this.options.queue?.enqueue(id, this.options.printerName);
      else this.recordBrowserJob(id, this.now().toISOString());
      const recorded = this.options.cases.slipReprinted();
      if (!recorded.ok) throw new Error(recorded.message);
      return id;
    });
    let slipId: number;
    try {
      // One transaction (rolled back whole by a lock) over the same archived bytes: running it again records the copy once.
      slipId = await this.retried(() => record());
    } catch (error) {
      this.log(`补打未记录：${explainError(error).original}`);
      return { ok: false, message: s.recordFailed(chineseMessage(error)), slip: null };
    }
    if (via === 'queue') void this.options.queue?.drain();
    const message = via === 'queue' ? s.reprinted(copy) : strings.desktopPrinting.browser.recordedCopy(copy);
    return { ok: true, message, slip: this.summary(this.row(slipId)) };
  }

  /** A print made by the browser: a job that is done as it is recorded, so the slip's status and history show it. */
  private recordBrowserJob(slipId: number, at: string): void {
    this.options.db
      .prepare("INSERT INTO print_jobs (slip_id, printer, status, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'done', 1, ?, ?, ?)")
      .run(slipId, strings.desktopPrinting.browser.printerName, at, at, at);
  }

  slipsOf(caseId: string): SlipSummary[] {
    return this.rows(caseId).map((r) => this.summary(r));
  }

  /** What the print queue needs of a slip. */
  printable(slipId: number): PrintableSlip {
    const row = this.row(slipId);
    return {
      pdfFile: this.options.archive.pathOf(row.pdf_path),
      paper: row.paper,
      title: strings.slips.titles[row.kind],
      number: row.number,
      html: () => this.html(row),
    };
  }

  /** The slip as HTML for the web shell's print page, or null when there is no such slip; a page saying why when its signature does not verify. */
  async htmlOf(slipId: number): Promise<string | null> {
    const row = this.find(slipId);
    if (!row) return null;
    const verified = this.verifiedSlip(row, false);
    if (!verified.ok) {
      this.refusedCopy(row, verified.problem);
      return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(strings.slips.titles[row.kind])}</title></head><body><p>${escapeHtml(sig.reprintRefused(verified.problem))}</p></body></html>`;
    }
    return this.html(row, verified.signature);
  }

  /** The archived PDF of a slip, for the web shell's download route. */
  pdf(slipId: number): Buffer | null {
    const row = this.find(slipId);
    if (!row) return null;
    try {
      return readFileSync(this.options.archive.pathOf(row.pdf_path));
    } catch {
      return null;
    }
  }

  /**
   * The slip as HTML, drawn again from the data stored with it: the same
   * template and data that made the archived PDF, for printing as a web page
   * (the Electron printer, the browser's print dialog).
   */
  private async html(row: SlipRow, signature?: StoredSignature | null): Promise<string> {
    const data = SlipDataSchema.parse(JSON.parse(row.data_json));
    // With the signature it was issued with (a copy: its original's), so a page printed from HTML matches the archived PDF.
    return renderSlipHtml(data, await qrSvg(data.lookupCode), row.paper, markOf(signature === undefined ? this.signatures.forSlip(row.id) : signature));
  }

  private summary(row: SlipRow): SlipSummary {
    // The latest job's state, and once printed every physical copy recorded (electron/services/printing).
    const print = slipPrintStatus(this.options.db, row.id) ?? { status: 'none', message: strings.printing.noPrinter };
    return {
      id: row.id,
      kind: row.kind,
      number: row.number,
      issuedAt: row.issued_at,
      copy: row.copy,
      paper: row.paper,
      print,
      signature: this.signatures.stateOfSlip(row.id),
    };
  }

  /**
   * What the applicant signs for the open decided case now, drawn as the slip
   * would be (this counter's centre and window, the clerk signed in, the ID
   * mask), and whether it must be signed; null when no decided case is open
   * or nobody is signed in. The signing step (electron/services/signing)
   * hashes what it asks the applicant to sign with this.
   */
  signable(): (SignableSlip & { caseId: string; required: boolean }) | null {
    const open = this.options.cases.current();
    const clerk = this.options.clerk();
    if (!open || open.state.phase !== 'decided' || !clerk) return null;
    const signable = this.signableFor(open.state, clerk);
    return { ...signable, caseId: open.id, required: signatureRequired(signable.kind, this.options.config.slips) };
  }

  /** What a signature of this decided state signs: the slip as this service would draw it for `clerk` (signable-slip.ts). */
  signableFor(state: CaseStateOf<'decided'>, clerk: { name: string; staffNumber: string }): SignableSlip {
    return signableSlip(state, this.signableContext(clerk));
  }

  /** The signature of an issued slip for 办件记录, verified now (both hashes and the archived PDF). */
  slipSignature(slipId: number): { ok: boolean; message: string; signature: SlipSignatureView | null } {
    const row = this.find(slipId);
    if (!row) return { ok: false, message: sig.notFound, signature: null };
    let stored: StoredSignature | null;
    try {
      stored = this.signatures.forSlip(slipId);
    } catch (error) {
      this.log(`签名记录无法读取（通知书 ${row.number}）：${explainError(error).original}`);
      return { ok: false, message: sig.problems.unreadable(chineseMessage(error)), signature: null };
    }
    if (!stored) return { ok: true, message: sig.noSignature, signature: null };
    const verified = this.verifiedSlip(row, true);
    const pad = stored.pad;
    const hex = (n: number | null) => (n === null ? '????' : n.toString(16).padStart(4, '0'));
    const device = !pad ? null : pad.protocol === 'screen' ? sig.screenPad : `${pad.model} (${hex(pad.vendorId)}:${hex(pad.productId)})`;
    return {
      ok: true,
      message: verified.ok ? '' : verified.problem,
      signature: {
        state: stored.kind,
        signedAt: stored.kind === 'signed' ? stored.signedAt : null,
        verificationCode: stored.kind === 'signed' ? stored.verificationCode : null,
        waivedReason: stored.waivedReason,
        image: stored.png ? pngDataUrl(stored.png) : null,
        device,
        points: inkedSamples(stored.samples).length,
        verified: verified.ok,
        problem: verified.ok ? '' : verified.problem,
      },
    };
  }

  private signableContext(clerk: { name: string; staffNumber: string }) {
    const { counter, privacy } = this.options.config;
    return {
      centreName: counter.centreName,
      windowNumber: counter.windowNumber,
      officerName: clerk.name,
      officerStaffNumber: clerk.staffNumber,
      mask: { head: privacy.idMaskHead, tail: privacy.idMaskTail },
    };
  }

  /**
   * The signature (or waiver) a new slip goes out with: the latest record of
   * the case's slip kind not yet on a slip, for exactly the content about to
   * be issued and unchanged since it was kept. A slip that must be signed is
   * refused without one; any slip is refused with one for other content.
   */
  private signatureToIssue(caseId: string, state: CaseStateOf<'decided'>, clerk: { name: string; staffNumber: string }): SignatureFinding {
    const signable = this.signableFor(state, clerk);
    let latest: StoredSignature | null;
    try {
      latest = this.signatures.latestFor(caseId, signable.kind);
    } catch (error) {
      this.log(`签名记录无法读取（${caseId}）：${explainError(error).original}`);
      return { ok: false, problem: sig.problems.unreadable(chineseMessage(error)) };
    }
    const usable = latest && latest.slipId === null ? latest : null;
    if (!usable) return signatureRequired(signable.kind, this.options.config.slips) ? { ok: false, problem: sig.required } : { ok: true, signature: null };
    if (usable.slipSha256 !== signable.sha256) return { ok: false, problem: sig.contentChanged };
    const check = this.signatures.verifyRecord(usable);
    return check.ok ? { ok: true, signature: usable } : check;
  }

  /** A slip's signature record verified against the slip's stored content and, when asked, its archived PDF against the hash stored with it. */
  private verifiedSlip(row: SlipRow, withPdf: boolean): SignatureFinding {
    let signature: StoredSignature | null;
    try {
      signature = this.signatures.forSlip(row.id);
    } catch (error) {
      this.log(`签名记录无法读取（通知书 ${row.number}）：${explainError(error).original}`);
      return { ok: false, problem: sig.problems.unreadable(chineseMessage(error)) };
    }
    if (signature) {
      const check = this.signatures.verify(signature, row.data_json);
      if (!check.ok) return check;
    }
    if (withPdf && row.sha256) {
      let pdfSha: string | null;
      try {
        pdfSha = createHash('sha256').update(readFileSync(this.options.archive.pathOf(row.pdf_path))).digest('hex');
      } catch {
        pdfSha = null;
      }
      if (pdfSha !== row.sha256) return { ok: false, problem: sig.problems.pdf };
    }
    return { ok: true, signature };
  }

  /** A copy refused because something changed: audited (what, not the content), and said plainly to the clerk. */
  private refusedCopy(row: SlipRow, problem: string): SlipOutcome {
    this.log(`通知书 ${row.number} 不能补打：${problem}`);
    try {
      appendAudit(this.options.db, this.now().toISOString(), 'slip-reprint-refused', row.case_id, `slip=${row.id} problem=${problem}`);
    } catch (error) {
      this.log(`审计记录失败（slip-reprint-refused ${row.id}）：${explainError(error).original}`);
    }
    return { ok: false, message: sig.reprintRefused(problem), slip: null };
  }

  private find(id: number): SlipRow | undefined {
    return this.options.db.prepare<[number], SlipRow>('SELECT * FROM slips WHERE id = ?').get(id);
  }

  private row(id: number): SlipRow {
    return this.find(id)!;
  }

  private rows(caseId: string): SlipRow[] {
    return this.options.db.prepare<[string], SlipRow>('SELECT * FROM slips WHERE case_id = ? ORDER BY id').all(caseId);
  }

  private formatNumber(nature: string, year: number, seq: number): string {
    const { issuerShortName, numberPattern } = this.options.config.slips;
    return formatSlipNumber(numberPattern, { body: issuerShortName, nature, year, seq });
  }
}

/** What the slip's signature line shows for a record: the image, the local signing time and the code; the reason; or the empty line. */
function markOf(signature: StoredSignature | null): SlipSignatureMark {
  if (!signature) return null;
  if (signature.kind === 'waived') return { kind: 'waived', reason: signature.waivedReason ?? '' };
  if (!signature.png) return null;
  return { kind: 'signed', image: pngDataUrl(signature.png), signedAt: localDateTime(new Date(signature.signedAt)), verificationCode: signature.verificationCode };
}

/** Local wall-clock time as YYYY-MM-DDTHH:MM:SS: the slip shows the counter's time, not UTC. */
function localDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
