import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { strings } from '../../../shared/i18n';
import type { DeviceDriver, DriverContext } from '../driver';
import type { PrinterInfo, SlipPrinter, SlipPrintOptions } from './printer';

/**
 * The printer of a counter with none configured: every "printed" slip is
 * copied to <dataDir>/simulated-printer/, where a trainer or a tester can
 * open it. It is a device like the others (status 模拟), so the whole print
 * path — queue, retries, the clerk's print status — runs as with paper.
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

  async print(pdfFile: string, options: SlipPrintOptions): Promise<void> {
    if (!this.context) throw new Error(strings.printing.printFailed(this.name, strings.printing.simulatedStopped));
    mkdirSync(this.outputDir, { recursive: true });
    for (let copy = 1; copy <= options.copies; copy++) {
      this.printed += 1;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      copyFileSync(pdfFile, join(this.outputDir, `${stamp}-${this.printed}-${basename(pdfFile)}`));
    }
  }
}
