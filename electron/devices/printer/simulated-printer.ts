import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { strings } from '../../../shared/i18n';
import type { DeviceDriver, DriverContext } from '../driver';
import type { PrinterInfo, PrintReceipt, SlipPrinter, SlipPrintOptions, SpoolerFinding } from './printer';

const PARTIAL = '.partial';

/**
 * The printer of a counter with none configured: every "printed" slip is
 * copied to <dataDir>/simulated-printer/, where a trainer or a tester can
 * open it. It is a device like the others (status 模拟), so the whole print
 * path — queue, retries, crash recovery, the clerk's print status — runs as
 * with paper.
 *
 * Its "spool" is that folder: each copy is named after the attempt's
 * reference and appears whole (written aside, then renamed), so after a
 * crash the files present are exactly the copies that came out.
 */
export class SimulatedPrinter implements DeviceDriver, SlipPrinter {
  readonly kind = 'printer' as const;
  readonly name = strings.devices.simulatedDriver(strings.deviceKinds.printer);
  private context: DriverContext | null = null;
  private printed = 0;

  constructor(private readonly outputDir: string) {}

  async start(context: DriverContext): Promise<void> {
    this.context = context;
    context.setStatus('simulated', strings.printing.simulatedReason(this.outputDir));
  }

  async stop(): Promise<void> {
    this.context = null;
  }

  async list(): Promise<PrinterInfo[]> {
    return [{ name: this.name, isDefault: true, ready: this.context !== null, detail: this.outputDir }];
  }

  async print(pdfFile: string, options: SlipPrintOptions): Promise<PrintReceipt> {
    if (!this.context) throw new Error(strings.printing.printFailed(this.name, strings.printing.simulatedStopped));
    mkdirSync(this.outputDir, { recursive: true });
    const copies: string[] = [];
    for (let copy = 1; copy <= options.copies; copy++) {
      this.printed += 1;
      const prefix = options.jobRef ?? new Date().toISOString().replace(/[:.]/g, '-');
      const name = `${prefix}-${options.jobRef ? copy : this.printed}-${basename(pdfFile)}`;
      copyFileSync(pdfFile, join(this.outputDir, name + PARTIAL));
      renameSync(join(this.outputDir, name + PARTIAL), join(this.outputDir, name));
      copies.push(name);
    }
    return { copies };
  }

  /**
   * The copies are whatever whole files carry the reference: printing runs in
   * this process, so nothing can still be under way after a crash, and a
   * half-written copy (never renamed) did not come out.
   */
  async recover(ref: string): Promise<SpoolerFinding> {
    let names: string[];
    try {
      names = readdirSync(this.outputDir).filter((n) => n.startsWith(`${ref}-`));
    } catch {
      names = [];
    }
    for (const partial of names.filter((n) => n.endsWith(PARTIAL))) rmSync(join(this.outputDir, partial), { force: true });
    const copies = names.filter((n) => !n.endsWith(PARTIAL)).sort();
    return copies.length > 0
      ? { state: 'spooled', copies, detail: strings.printRecovery.simulatedFound(this.outputDir) }
      : { state: 'absent', detail: strings.printRecovery.simulatedMissing };
  }
}
