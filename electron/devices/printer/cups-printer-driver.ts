import { strings } from '../../../shared/i18n';
import { chineseMessage } from '../../services/errors/system-error';
import type { DeviceDriver, DriverContext } from '../driver';
import { CupsPrinter } from './cups-printer';
import { pollPrinterStatus } from './status-poll';

/**
 * The configured CUPS printer as a device on the status bar: it asks
 * lpstat every few seconds whether the printer exists and is enabled, so
 * the clerk sees 已断开 before a slip is sent, not after; when it turns
 * 已连接 again the print queue wakes (counter-services wires the status
 * change to it). Printing itself goes through the print queue.
 */
export class CupsPrinterDriver implements DeviceDriver {
  readonly kind = 'printer' as const;
  readonly name: string;
  private stopPolling: (() => void) | null = null;

  constructor(
    readonly printer: CupsPrinter,
    private readonly printerName: string,
    private readonly intervalMs = 5_000,
  ) {
    this.name = strings.printing.cupsDriver(printerName);
  }

  async start(context: DriverContext): Promise<void> {
    const check = async () => {
      try {
        const found = (await this.printer.list()).find((p) => p.name === this.printerName);
        if (!found) context.setStatus('disconnected', strings.printing.notInstalled(this.printerName));
        else if (!found.ready) context.setStatus('disconnected', strings.printing.disabled(found.detail));
        else context.setStatus('connected', '');
      } catch (error) {
        // Chinese for the status bar whatever failed (lpstat's own words are translated by CupsPrinter.list).
        context.setStatus('fault', chineseMessage(error));
      }
    };
    this.stopPolling = await pollPrinterStatus(check, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopPolling?.();
    this.stopPolling = null;
  }
}
