import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strings } from '../../../shared/i18n';
import { chineseMessage } from '../../services/errors/system-error';
import { pdfFilePageSize } from './pdf-page-size';
import { PrinterError, type PrinterInfo, type PrintReceipt, type SlipPrinter, type SlipPrintOptions, type SpoolerFinding } from './printer';
import { isRunningWithArgument } from './running-process';

const run = promisify(execFile);

/** `lpstat -p -d` output → printers. Pure, so it is tested on captured text. */
export function parseLpstat(output: string): PrinterInfo[] {
  const defaultName = /^system default destination: (\S+)/m.exec(output)?.[1] ?? /^系统默认目的地：(\S+)/m.exec(output)?.[1];
  const printers: PrinterInfo[] = [];
  for (const line of output.split('\n')) {
    const m = /^printer (\S+) (.*)$/.exec(line) ?? /^打印机 (\S+) ?(.*)$/.exec(line);
    if (!m) continue;
    const detail = m[2]!.trim();
    printers.push({ name: m[1]!, isDefault: m[1] === defaultName, ready: !/disabled|已禁用/.test(detail), detail });
  }
  return printers;
}

/** lp's answer "request id is Front_Laser-123 (1 file(s))" → Front_Laser-123; null when it gave none. */
export function parseRequestId(output: string): string | null {
  return /^request id is (\S+)/m.exec(output)?.[1] ?? null;
}

/** `lpstat -W … -o QUEUE` output → the job ids listed (first column, QUEUE-123). */
export function parseJobIds(output: string): string[] {
  return output
    .split('\n')
    .map((line) => /^(\S+-\d+)\s/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
}

/**
 * `lpq -P QUEUE` output → the waiting jobs with the first word of their
 * title (lpq cuts titles at 31 bytes; ours start with the attempt's short
 * reference). lpstat never shows titles; lpq shows only jobs not completed.
 */
export function parseLpq(output: string): { job: number; titleWord: string }[] {
  const jobs: { job: number; titleWord: string }[] = [];
  for (const line of output.split('\n')) {
    const m = /^\S+\s+\S+\s+(\d+)\s+(\S+)/.exec(line);
    if (m && !/^Rank\b/.test(line)) jobs.push({ job: Number(m[1]), titleWord: m[2]! });
  }
  return jobs;
}

/**
 * The roll length of a receipt: as long as the archived slip's page (it is
 * cut to its content when drawn), so the printer feeds no blank paper. A PDF
 * whose size cannot be read falls back to one A4 length.
 */
export function receiptMedia(pdfFile: string): string {
  const size = pdfFilePageSize(pdfFile);
  return `Custom.80x${size ? Math.ceil(size.height) : 297}mm`;
}

const LP_TIMEOUT_MS = 15_000;

/**
 * Printing through CUPS, as on UOS/Kylin counter PCs running the web shell.
 * The PDF goes to `lp` as is: CUPS rasterises it for the printer.
 *
 * Surviving a crash: lp's answer goes to a file in `spoolDir` (in the data
 * directory), not to a pipe, and the job's title starts with the attempt's
 * reference. If the terminal dies while lp runs, lp carries on alone and its
 * "request id is …" lands in that file, so a restart can tell whether CUPS
 * has the slip (recover) instead of printing it a second time.
 */
export class CupsPrinter implements SlipPrinter {
  readonly name = 'CUPS';

  constructor(
    private readonly spoolDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async list(): Promise<PrinterInfo[]> {
    try {
      const { stdout } = await run('lpstat', ['-p', '-d'], { env: this.cEnv(), timeout: 5000 });
      return parseLpstat(stdout);
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
      if (e.code === 'ENOENT') throw new Error(strings.printing.noCups, { cause: error });
      if ((error as { killed?: boolean }).killed) throw new PrinterError(strings.printRecovery.lpstatTimedOut, e.message, false, { cause: error });
      // lpstat exits non-zero when no printer is installed: that is an empty list, not a fault.
      const stderr = (e.stderr ?? '').trim();
      if (!stderr || /No destinations added/i.test(stderr)) return parseLpstat(e.stdout ?? '');
      // Anything else (the scheduler is not running …) is a fault, said in Chinese; lpstat's words stay for the log.
      throw new PrinterError(chineseMessage(new Error(stderr)), stderr, false, { cause: error });
    }
  }

  async print(pdfFile: string, options: SlipPrintOptions): Promise<PrintReceipt> {
    const media = options.paper === 'a4' ? 'A4' : receiptMedia(pdfFile);
    const ref = options.jobRef ?? `adhoc-${process.pid}-${Date.now()}`;
    const title = [ref, options.title].filter(Boolean).join(' ');
    const args = ['-d', options.printer, '-n', String(options.copies), '-t', title, '-o', `media=${media}`, '-o', 'fit-to-page', '--', pdfFile];
    const { code, timedOut, spawnError } = await this.runLp(args, ref);
    const output = this.output(ref) ?? '';
    // Without a reference from the queue nobody will ask recover(): the file is not kept.
    if (!options.jobRef) this.release(ref);
    if (spawnError?.code === 'ENOENT') throw new Error(strings.printing.noCups, { cause: spawnError });
    const id = parseRequestId(output);
    if (code === 0 && id) return { copies: Array.from({ length: options.copies }, () => id) };
    const original = output.trim() || spawnError?.message || `lp exit ${code}`;
    const reason = timedOut ? strings.printRecovery.lpTimedOut : chineseMessage(new Error(original));
    // An lp that refused says why; one killed (our timeout, a signal) or silent may have handed the slip over
    // already: then the queue asks recover() before sending it again.
    const uncertain = !spawnError && (timedOut || code === null || output.trim() === '');
    throw new PrinterError(strings.printing.printFailed(options.printer, reason), original, uncertain, spawnError ? { cause: spawnError } : undefined);
  }

  /**
   * Finds out what became of the attempt `ref`. In order: lp's answer in its
   * file (checked after looking for a running lp, so an lp that finishes in
   * between is not missed); an lp still running with our title; a waiting
   * job with our title (lp killed after CUPS took the job but before it
   * answered); else lp's error text, or nothing at all.
   */
  async recover(ref: string, job: { printer: string; copies: number }): Promise<SpoolerFinding> {
    const running = isRunningWithArgument(ref);
    const output = this.output(ref);
    const id = output === null ? null : parseRequestId(output);
    if (id) return { state: 'spooled', copies: Array.from({ length: job.copies }, () => id), detail: await this.jobState(job.printer, id) };
    if (running) return { state: 'inFlight' };
    const waiting = await this.waitingJobTitled(job.printer, ref);
    if (waiting) return { state: 'spooled', copies: Array.from({ length: job.copies }, () => waiting), detail: strings.printRecovery.cupsPending };
    if (output === null) return { state: 'absent', detail: strings.printRecovery.lpNeverStarted };
    if (output.trim()) return { state: 'absent', detail: output.trim() };
    return { state: 'unknown', detail: strings.printRecovery.lpSilent };
  }

  release(ref: string): void {
    rmSync(this.outputFile(ref), { force: true });
  }

  /** Runs lp with its stdout and stderr in the attempt's file, which outlives this process. */
  private runLp(args: string[], ref: string): Promise<{ code: number | null; timedOut: boolean; spawnError: NodeJS.ErrnoException | null }> {
    mkdirSync(this.spoolDir, { recursive: true });
    const fd = openSync(this.outputFile(ref), 'w');
    return new Promise((resolve) => {
      let timedOut = false;
      let spawnError: NodeJS.ErrnoException | null = null;
      const child = spawn('lp', args, { env: this.cEnv(), stdio: ['ignore', fd, fd] });
      closeSync(fd); // the child holds its own copy
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, LP_TIMEOUT_MS);
      const done = (code: number | null) => {
        clearTimeout(timer);
        resolve({ code, timedOut, spawnError });
      };
      // lp missing: 'error' and no process to wait for (resolve is idempotent if 'close' follows).
      child.once('error', (error) => {
        spawnError = error;
        if (child.pid === undefined) done(null);
      });
      child.once('close', done);
    });
  }

  /** pending / completed / no longer listed, in Chinese for the record; lpstat failing is said too. */
  private async jobState(printer: string, id: string): Promise<string> {
    try {
      if (parseJobIds((await run('lpstat', ['-W', 'not-completed', '-o', printer], { env: this.cEnv(), timeout: 5000 })).stdout).includes(id)) {
        return strings.printRecovery.cupsPending;
      }
      if (parseJobIds((await run('lpstat', ['-W', 'completed', '-o', printer], { env: this.cEnv(), timeout: 5000 })).stdout).includes(id)) {
        return strings.printRecovery.cupsCompleted;
      }
      return strings.printRecovery.cupsUnlisted;
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      return strings.printRecovery.cupsUnreachable(chineseMessage(new Error((e.stderr || e.message).trim())));
    }
  }

  private async waitingJobTitled(printer: string, ref: string): Promise<string | null> {
    try {
      const { stdout } = await run('lpq', ['-P', printer], { env: this.cEnv(), timeout: 5000 });
      const found = parseLpq(stdout).find((j) => j.titleWord === ref);
      return found ? `${printer}-${found.job}` : null;
    } catch {
      return null; // no lpq, or it failed: nothing found this way
    }
  }

  private output(ref: string): string | null {
    try {
      return readFileSync(this.outputFile(ref), 'utf8');
    } catch {
      return null;
    }
  }

  private outputFile(ref: string): string {
    return join(this.spoolDir, `${ref}.lp.txt`);
  }

  /** lp and lpstat in English, whatever the PC's locale, so their answers can be read (and translated). */
  private cEnv(): NodeJS.ProcessEnv {
    return { ...this.env, LC_ALL: 'C' };
  }
}
