import type { ApiError, ConnectionRole, EventName, PayloadOf, ShellKind } from '../../../shared/contract';
import type { DeviceDriver } from '../../devices/driver';
import type { DriverRegistry } from '../../devices/manager';
import type { SlipPrinter } from '../../devices/printer/printer';
import type { PdfRenderer } from '../slips/pdf-renderer';
import type { DiskWatchOptions } from '../disk/disk-space';
import type { KeyStore } from '../privacy/key-store';
import type { OverviewDeps } from '../../cli/device-overview';

/** What one request resolves to, before it is put on a wire (IPC or WebSocket). */
export type HandleResult = { ok: true; result: unknown } | { ok: false; error: ApiError };

/** Who is asking: the shell names each connection (a WebSocket, an Electron window); the lead gate unlocks per connection. */
export interface Caller {
  connection: string;
  /** What the connection is: the shell decides (the web shell from the session, Electron from the window). */
  role: ConnectionRole;
}

export type EventListener = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

/**
 * The running services of one counter, as a shell sees them. A shell
 * (Electron IPC, the web shell's WebSocket) only forwards requests to
 * `handle` and events from `onEvent`; it never reaches a service directly.
 */
export interface CounterServices {
  readonly shell: ShellKind;
  readonly dataDir: string;
  /** Validates params, runs the method, validates the result. Never throws. Without a caller, lead methods are refused. */
  handle(method: unknown, params: unknown, caller?: Caller): Promise<HandleResult>;
  /** Subscribes to every contract event; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** The archived PDF of a slip (for the web shell's download route), or null. */
  slipPdf(slipId: number): Buffer | null;
  /** The slip as HTML (the template the PDF was drawn from), for printing in the browser; null when there is no such slip. */
  slipHtml?(slipId: number): Promise<string | null>;
  /** A material's PDF of captured pages (the web shell's /captures/<case>/<material>.pdf), or null. */
  capturePdf?(caseId: string, materialId: string): Buffer | null;
  /** An export file for the web shell's download route: the path when the name is an export's and the ticket is good, else why not. */
  exportFile(fileName: string, ticket: string): { ok: true; path: string } | { ok: false; reason: 'bad-name' | 'bad-ticket' | 'missing' };
  /** A connection closed: the lead unlocked on it ends. */
  endConnection(connection: string): void;
  /** Stops device drivers and closes the database. Safe to call twice. */
  close(): Promise<void>;
}

export interface StartOptions {
  shell: ShellKind;
  /** Directory holding config.json and the terminal's database. Created if missing. */
  dataDir: string;
  /**
   * Where a line of diagnostics goes; never given personal data. Defaults to a daily file under <dataDir>/logs, echoed to stderr.
   * A shell's FileLog (electron/services/log) gets config.json `logs` once it is read, and its write problems reach the storage notices.
   */
  log?: (line: string) => void;
  /** Draws slips to PDF; the Electron shell passes printToPDF, otherwise headless Chromium. */
  pdfRenderer?: PdfRenderer;
  /** Sends slips to a printer; null for none. Defaults to CUPS when a printer is configured. */
  printer?: SlipPrinter | null;
  /**
   * The system printer of devices.printer in hardware mode, given its name
   * (empty: the system default). The Electron shell passes its silent
   * webContents.print printer; without it, CUPS where there is one.
   */
  hardwarePrinter?: (printerName: string) => SlipPrinter & DeviceDriver;
  /** Electron: lets the lead save an export where they choose (a save dialog); absent in the web shell, which downloads. */
  saveFile?: (sourcePath: string, suggestedName: string) => Promise<{ saved: boolean; path: string | null }>;
  /** How often a terminal whose database could not be opened for writing tries again (default 3 s). */
  storageRetryMs?: number;
  /** The free-space watch of the data directory's disk: thresholds, interval, and a statfs stand-in for tests. */
  diskSpace?: Partial<Pick<DiskWatchOptions, 'statfs' | 'thresholds' | 'intervalMs'>>;
  /** How often the WAL is looked at and, when the counter was idle, truncated (default 5 min). */
  walCheckpointMs?: number;
  /** How often background work runs: the evaluation sweep and the stale-session check (default 1 min), the print queue (2 s). */
  intervals?: { evaluationSweepMs?: number; serviceDayCheckMs?: number; printQueueMs?: number; retentionMs?: number };
  /**
   * Where the key that seals applicants' personal data comes from (electron/services/privacy). Default: a key
   * file in `keyDir`, else COUNTER_KEY_DIR, else the OS's per-user configuration folder — never the data directory.
   * The desktop shell passes the OS-sealed store (electron/shell/safe-storage-key-store.ts).
   */
  keyStore?: KeyStore;
  /** The folder of the default key file (tests: a temp folder of their own). */
  keyDir?: string;
  /** Drivers used instead of the registry's for some kinds (tests and the bench: a simulated device they hold and drive). */
  drivers?: DriverRegistry;
  /** The system's device listings for 设备与诊断 (serial ports with USB ids, HID, printers); tests fake them. Default: the doctor's. */
  deviceListing?: OverviewDeps;
  /** The clock the evaluation and service-day rules read (timeouts, the day a session belongs to); tests move it on. Default: the system's. */
  clock?: () => Date;
}
