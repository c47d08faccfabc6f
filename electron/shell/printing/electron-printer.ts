import { app, BrowserWindow, type PrinterInfo as ElectronPrinterInfo } from 'electron';
import { strings } from '../../../shared/i18n';
import type { DeviceDriver, DriverContext } from '../../devices/driver';
import { pdfFilePageSize } from '../../devices/printer/pdf-page-size';
import type { PrinterInfo, SlipPrinter, SlipPrintOptions } from '../../devices/printer/printer';
import { openSlipWindow } from './slip-window';
import { pollPrinterStatus } from '../../devices/printer/status-poll';

const p = strings.desktopPrinting;

/** CUPS's printer-state for a stopped (paused) queue; Electron passes CUPS options through on Linux and macOS. */
const CUPS_STOPPED = '5';

/** One of the platform's printer options (CUPS attributes on Linux and macOS); Electron types them as an empty object. */
function option(info: ElectronPrinterInfo, key: string): string | undefined {
  const value = (info.options as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The configured system printer of the desktop shell, printing slips
 * silently with Chromium's own print path (webContents.print), on Windows
 * as on Linux. It is a device like the others: it asks the system's printer
 * list every few seconds and reports 已连接 / 已断开, so the clerk sees a
 * missing printer before a slip is sent. Jobs come from the print queue; a
 * failure is an exception with a Chinese reason, and the queue keeps the
 * job and retries it.
 *
 * `printerName` is devices.printer.port: the system's name of the printer
 * (or the name shown in the print dialog); empty means the system default.
 */
export class ElectronPrinter implements DeviceDriver, SlipPrinter {
  readonly kind = 'printer' as const;
  readonly name: string;
  private stopPolling: (() => void) | null = null;
  /** A hidden window kept only to ask for the printer list (webContents.getPrintersAsync needs one). */
  private probe: BrowserWindow | null = null;
  /** One job at a time: a second slip waits for the first to be spooled. */
  private jobs: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly printerName: string,
    private readonly intervalMs = 5_000,
  ) {
    this.name = printerName ? p.driver(printerName) : p.defaultDriver;
  }

  async start(context: DriverContext): Promise<void> {
    const check = async () => {
      try {
        const printers = await this.systemPrinters();
        const found = this.resolve(printers);
        if (typeof found === 'string') return context.setStatus('disconnected', found);
        if (found && option(found, 'printer-state') === CUPS_STOPPED)
          return context.setStatus('disconnected', p.stopped(found.name, option(found, 'printer-state-reasons') ?? ''));
        context.setStatus('connected', '');
      } catch (error) {
        context.setStatus('fault', p.listFailed((error as Error).message));
      }
    };
    this.stopPolling = await pollPrinterStatus(check, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopPolling?.();
    this.stopPolling = null;
    this.probe?.destroy();
    this.probe = null;
  }

  async list(): Promise<PrinterInfo[]> {
    const printers = await this.systemPrinters();
    return printers.map((info) => ({
      name: info.name,
      // Electron no longer says which printer is the default.
      isDefault: false,
      ready: option(info, 'printer-state') !== CUPS_STOPPED,
      detail: info.description || info.displayName,
    }));
  }

  print(pdfFile: string, options: SlipPrintOptions): Promise<void> {
    const run = this.jobs.then(() => this.printNow(pdfFile, options));
    this.jobs = run.catch(() => undefined);
    return run;
  }

  private async printNow(pdfFile: string, options: SlipPrintOptions): Promise<void> {
    if (!options.html) throw new Error(p.noHtml);
    const html = await options.html();
    // The job's printer (as queued) wins over the configured one: a job queued before IT changed the printer stays addressed.
    const wanted = options.printer || this.printerName;
    const found = this.resolve(await this.systemPrinters(), wanted);
    if (typeof found === 'string') throw new Error(found);
    const label = wanted || p.defaultName;
    const win = await openSlipWindow(html);
    try {
      const [success, reason] = await new Promise<[boolean, string]>((resolve) => {
        win.webContents.print(
          {
            silent: true,
            // No deviceName: Chromium prints to the system default.
            ...(found ? { deviceName: found.name } : {}),
            printBackground: true,
            copies: options.copies,
            pageSize: pageSizeOf(pdfFile, options.paper),
            // Default margins let the slip's @page rule set them, as in its PDF.
            margins: { marginType: 'default' },
          },
          (ok, failureReason) => resolve([ok, failureReason]),
        );
      });
      if (!success) throw new Error(failureMessage(label, reason));
    } finally {
      win.destroy();
    }
  }

  /**
   * The printer a name means: the system name, or the name the print dialog
   * shows. null for the system default (empty name, at least one printer);
   * a Chinese reason when there is no such printer.
   */
  private resolve(printers: ElectronPrinterInfo[], name = this.printerName): ElectronPrinterInfo | null | string {
    if (!name) return printers.length > 0 ? null : p.noPrinters;
    const found = printers.find((info) => info.name === name) ?? printers.find((info) => info.displayName === name);
    if (found) return found;
    return p.unknownPrinter(name, printers.map((info) => info.name).join('、'));
  }

  private async systemPrinters(): Promise<ElectronPrinterInfo[]> {
    // The services start while Electron is still getting ready; no window before that.
    await app.whenReady();
    if (!this.probe || this.probe.isDestroyed()) {
      // Never loads a page; locked down like the slip windows all the same.
      this.probe = new BrowserWindow({
        show: false,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
          webSecurity: true,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
    }
    return this.probe.webContents.getPrintersAsync();
  }
}

/**
 * The paper of a job, as webContents.print wants it (microns for a custom
 * size). A receipt is as long as its archived PDF, which was cut to the
 * content when it was drawn.
 */
export function pageSizeOf(pdfFile: string, paper: SlipPrintOptions['paper']): 'A4' | { width: number; height: number } {
  if (paper === 'a4') return 'A4';
  const size = pdfFilePageSize(pdfFile);
  return { width: 80_000, height: Math.ceil((size?.height ?? 297) * 1000) };
}

/** Electron's failure reasons ("Print job canceled", "Print job failed", "Invalid printer settings", …) in words a clerk can act on. */
export function failureMessage(printer: string, reason: string): string {
  const f = p.failures;
  if (/cancel/i.test(reason)) return f.cancelled(printer);
  if (/invalid device ?name/i.test(reason)) return f.badDevice(printer);
  if (/invalid printer settings/i.test(reason)) return f.badSettings(printer);
  if (/failed/i.test(reason) || reason.trim() === '') return f.failed(printer);
  return f.other(printer, reason);
}
