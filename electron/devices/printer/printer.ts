import type { SlipPaper } from '../../../shared/domain/slips/slip-html';

export interface PrinterInfo {
  name: string;
  isDefault: boolean;
  /** False when the system reports it disabled or offline. */
  ready: boolean;
  detail: string;
}

/**
 * Sends an archived slip PDF to a printer. The Electron shell implements it
 * with webContents.print; the web shell on Linux with CUPS (`lp`). Failure
 * is an exception with a Chinese message; the print queue retries it.
 */
export interface SlipPrinter {
  readonly name: string;
  list(): Promise<PrinterInfo[]>;
  print(pdfFile: string, options: SlipPrintOptions): Promise<void>;
}

export interface SlipPrintOptions {
  /** The system's name of the printer; empty for the system default. */
  printer: string;
  paper: SlipPaper;
  copies: number;
  /**
   * The slip's HTML, drawn from the same data and template as the archived
   * PDF. A printer that prints web pages (Electron) prints this; CUPS and
   * the simulated printer send the PDF itself.
   */
  html?: () => Promise<string>;
}
