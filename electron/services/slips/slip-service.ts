import { readFileSync } from 'node:fs';
import type { CounterConfig, SlipSummary } from '../../../shared/contract';
import { transition } from '../../../shared/domain/case';
import { renderSlipHtml, type SlipPaper } from '../../../shared/domain/slips/slip-html';
import { SLIP_OF_DECISION, slipDataFromCase } from '../../../shared/domain/slips/slip-from-case';
import { SlipDataSchema, type SlipKind } from '../../../shared/domain/slips/slip-data';
import { formatSlipNumber } from '../../../shared/domain/slips/slip-number';
import { strings } from '../../../shared/i18n';
import type { CaseService, OpenCase } from '../cases/case-service';
import type { PrintQueue, PrintableSlip } from '../printing/print-queue';
import type { Db } from '../storage/database';
import type { PdfRenderer } from './pdf-renderer';
import { qrSvg } from './qr';
import type { SlipArchive } from './slip-archive';

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
  now?: () => Date;
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
}

const s = strings.slipService;

/**
 * Issues the slip of a decided case: numbers it, draws it, archives the
 * PDF, queues it for printing and only then records in the case that the
 * slip was handed out. A slip is never lost: the PDF is on disk before the
 * case moves on, whatever the printer does.
 */
export class SlipService {
  private readonly now: () => Date;

  constructor(private readonly options: SlipServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async issue(paper: SlipPaper = this.options.config.slips.paper): Promise<SlipOutcome> {
    const open = this.options.cases.current();
    if (!open) return { ok: false, message: strings.caseFlow.service.noOpenCase, slip: null };
    const state = open.state;
    if (state.phase !== 'decided') return { ok: false, message: s.notDecided, slip: null };
    // Ask the state machine first, so no number is used for a slip it would refuse (e.g. no delivery chosen).
    const dryRun = transition(state, { type: 'slipPrinted', at: this.now().toISOString(), slipNumber: 'x' });
    if (!dryRun.ok) return { ok: false, message: dryRun.reason, slip: null };

    const issuedAt = this.now();
    const { kind, nature } = SLIP_OF_DECISION[state.decision.kind];
    const { counter, privacy } = this.options.config;
    const number = this.nextNumber(nature, issuedAt.getFullYear());
    const data = slipDataFromCase(state, {
      number,
      issuedAt: localDateTime(issuedAt),
      centreName: counter.centreName,
      windowNumber: counter.windowNumber,
      officerName: counter.clerkName,
      officerStaffNumber: counter.clerkStaffNumber,
      mask: { head: privacy.idMaskHead, tail: privacy.idMaskTail },
    });

    let pdf: Buffer;
    try {
      pdf = await this.options.renderer.render(renderSlipHtml(data, await qrSvg(data.lookupCode), paper), paper);
    } catch (error) {
      return { ok: false, message: s.renderFailed((error as Error).message), slip: null };
    }
    let archived;
    try {
      archived = this.options.archive.store(open.id, kind, issuedAt, pdf);
    } catch (error) {
      return { ok: false, message: (error as Error).message, slip: null };
    }

    const db = this.options.db;
    const slipId = db.transaction(() => {
      const { lastInsertRowid } = db
        .prepare('INSERT INTO slips (case_id, kind, number, issued_at, data_json, paper, pdf_path, sha256, copy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)')
        .run(open.id, kind, number, issuedAt.toISOString(), JSON.stringify(data), paper, archived.relativePath, archived.sha256);
      const id = Number(lastInsertRowid);
      this.options.queue?.enqueue(id, this.options.printerName);
      const recorded = this.options.cases.slipIssued(number);
      if (!recorded.ok) throw new Error(recorded.message);
      return id;
    })();
    void this.options.queue?.drain();
    return { ok: true, message: s.issued(strings.slips.titles[kind], number), slip: this.summary(this.row(slipId)) };
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
    db.transaction(() => {
      db.prepare("UPDATE print_jobs SET status = 'cancelled', updated_at = ? WHERE slip_id = ? AND status IN ('queued', 'failed')").run(at, slipId);
      this.recordBrowserJob(slipId, at);
    })();
    return { ok: true, message: strings.desktopPrinting.browser.recorded, slip: this.summary(this.row(slipId)) };
  }

  /** Archives a further copy of a slip and records the reprint in the case; the queue prints it, or the browser already did. */
  private async copyOf(open: OpenCase, source: SlipRow, via: 'queue' | 'browser'): Promise<SlipOutcome> {
    const caseId = open.id;
    const check = transition(open.state, { type: 'slipReprinted', at: this.now().toISOString() });
    if (!check.ok) return { ok: false, message: check.reason, slip: null };
    const sameKind = this.rows(caseId).filter((r) => r.kind === source.kind);
    const copy = Math.max(...sameKind.map((r) => r.copy)) + 1;
    let archived;
    try {
      const pdf = readFileSync(this.options.archive.pathOf(source.pdf_path));
      archived = this.options.archive.store(caseId, source.kind, new Date(source.issued_at), pdf, copy);
    } catch (error) {
      return { ok: false, message: (error as Error).message, slip: null };
    }
    const db = this.options.db;
    const original = sameKind.find((r) => r.copy === 1) ?? source;
    const slipId = db.transaction(() => {
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
    })();
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
      html: () => this.html(row),
    };
  }

  /** The slip as HTML for the web shell's print page, or null when there is no such slip. */
  async htmlOf(slipId: number): Promise<string | null> {
    const row = this.find(slipId);
    return row ? this.html(row) : null;
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
  private async html(row: SlipRow): Promise<string> {
    const data = SlipDataSchema.parse(JSON.parse(row.data_json));
    return renderSlipHtml(data, await qrSvg(data.lookupCode), row.paper);
  }

  private summary(row: SlipRow): SlipSummary {
    const job = this.options.db
      .prepare<[number], { status: string; last_error: string }>('SELECT status, last_error FROM print_jobs WHERE slip_id = ? ORDER BY id DESC LIMIT 1')
      .get(row.id);
    const print = job
      ? { status: job.status, message: job.status === 'done' ? s.printed : job.last_error || s.printQueued }
      : { status: 'none', message: strings.printing.noPrinter };
    return { id: row.id, kind: row.kind, number: row.number, issuedAt: row.issued_at, copy: row.copy, paper: row.paper, print };
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

  /** The next number of a nature in a year; one transaction so two slips never share one. */
  private nextNumber(nature: string, year: number): string {
    const db = this.options.db;
    const seq = db.transaction(() => {
      db.prepare('INSERT INTO sequences (name, year, value) VALUES (?, ?, 1) ON CONFLICT (name, year) DO UPDATE SET value = value + 1').run(
        nature,
        year,
      );
      return db.prepare<[string, number], { value: number }>('SELECT value FROM sequences WHERE name = ? AND year = ?').get(nature, year)!.value;
    })();
    const { issuerShortName, numberPattern } = this.options.config.slips;
    return formatSlipNumber(numberPattern, { body: issuerShortName, nature, year, seq });
  }
}

/** Local wall-clock time as YYYY-MM-DDTHH:MM:SS: the slip shows the counter's time, not UTC. */
function localDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
