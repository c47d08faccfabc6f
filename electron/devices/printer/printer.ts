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
  /**
   * Resolves once the spooler has taken the slip, with its id for each
   * physical copy when the spooler gives one (CUPS, the simulated printer);
   * a printer that cannot say (Electron) resolves with nothing.
   */
  print(pdfFile: string, options: SlipPrintOptions): Promise<PrintReceipt | void>;
  /**
   * After a crash: did the attempt `ref` (SlipPrintOptions.jobRef) reach the
   * spooler? Printers with a spooler to ask implement it; for the others the
   * print queue has to assume it does not know.
   */
  recover?(ref: string, job: { printer: string; copies: number }): Promise<SpoolerFinding>;
  /** The attempt `ref` is settled in the database: the printer may forget what it kept about it. */
  release?(ref: string): void;
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
  /**
   * This attempt's unique reference, committed in the database before the
   * spooler is called. Printers that can be asked later (recover) tag the
   * job with it (CUPS: the job's title; simulated: the file name).
   */
  jobRef?: string;
  /** What the spooler shows as the job's name (after the reference), e.g. 受理通知书 受字第000001号. */
  title?: string;
}

/** What the spooler gave back: its own id for every physical copy, in order. */
export interface PrintReceipt {
  copies: string[];
}

/** What a printer found out about an attempt interrupted by a crash. */
export type SpoolerFinding =
  /** The spooler has it (waiting or done): the copies are recorded and it is not sent again. */
  | { state: 'spooled'; copies: string[]; detail: string }
  /** The program handing it over (lp) is still running: ask again later. */
  | { state: 'inFlight' }
  /** It certainly never reached the spooler: send it again. */
  | { state: 'absent'; detail: string }
  /** Nothing can tell: it is sent again and the possible extra copy is recorded. */
  | { state: 'unknown'; detail: string };

/**
 * A print failure: `message` is Chinese for the clerk, `original` the
 * spooler's own words (English from lp) for the log. `uncertain` when the
 * slip may have reached the spooler anyway (lp killed on a timeout): the
 * queue then asks recover() before sending it again.
 */
export class PrinterError extends Error {
  override name = 'PrinterError';
  constructor(
    message: string,
    readonly original: string,
    readonly uncertain = false,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
