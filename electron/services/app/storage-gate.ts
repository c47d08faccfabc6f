import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  citizenDayOf,
  isMethodName,
  mayCall,
  methods,
  type CitizenScreen,
  type ConfigIssue,
  type CounterConfig,
  type DiskSpace,
  type EventName,
  type PayloadOf,
  type ServiceDayView,
  type ShellKind,
  type Snapshot,
  type StorageProblem,
  type StorageStatus,
} from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { explainError, isDatabaseBusy } from '../errors/system-error';
import { checkWritable, closeDatabase, DATABASE_FILE, openDatabase, StorageError, type Db } from '../storage/database';
import type { Caller, CounterServices, EventListener, HandleResult } from './types';

/** How often a terminal waiting for its database tries again. */
export const STORAGE_RETRY_MS = 3_000;

/**
 * The storage as the screens see it: a start-up problem (the terminal waits
 * and retries) and the free disk space. Tells its listeners of each change.
 */
export class StorageHealth {
  private problem: StorageProblem | null = null;
  private disk: DiskSpace | null = null;
  private permissions: { message: string } | null = null;
  private log: { message: string } | null = null;
  private readonly listeners = new Set<(status: StorageStatus) => void>();

  status(): StorageStatus {
    const base: StorageStatus = { state: this.problem ? 'waiting' : 'ready', problem: this.problem, disk: this.disk };
    const withPermissions = this.permissions ? { ...base, permissions: this.permissions } : base;
    return this.log ? { ...withPermissions, log: this.log } : withPermissions;
  }

  /** The diagnostic log under logs/ cannot be written (electron/services/log), or null once it can. */
  setLog(message: string | null): void {
    if ((message ?? null) === (this.log?.message ?? null)) return;
    this.log = message === null ? null : { message };
    this.changed();
  }

  /** Other accounts can still read the data directory (the start-up permission check could not fix it), or null. */
  setPermissions(message: string | null): void {
    if ((message ?? null) === (this.permissions?.message ?? null)) return;
    this.permissions = message === null ? null : { message };
    this.changed();
  }

  setProblem(problem: StorageProblem | null): void {
    if (problem?.kind === this.problem?.kind && problem?.message === this.problem?.message) return;
    this.problem = problem;
    this.changed();
  }

  setDisk(disk: DiskSpace | null): void {
    this.disk = disk;
    this.changed();
  }

  onChange(listener: (status: StorageStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    const status = this.status();
    for (const listener of [...this.listeners]) listener(status);
  }
}

/**
 * Opens the terminal's database and proves it can be written now: the data
 * directory takes a file, the database opens with its migrations, and the
 * write lock can be taken. Throws the reason otherwise (errno or SQLite
 * code kept, see classifyStorageProblem).
 */
export function openWritableDatabase(dataDir: string): Db {
  checkDirectoryWritable(dataDir);
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    checkWritable(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Creates and removes a small file: the only sure test (access(W_OK) says yes to root on a read-only folder). */
function checkDirectoryWritable(dir: string): void {
  makeDirectory(dir);
  const probe = join(dir, `.write-check-${process.pid}`);
  writeFileSync(probe, '');
  rmSync(probe, { force: true });
}

/** mkdir -p that says why it failed: Node's recursive mkdir reports ENOENT on a read-only disk, one level at a time tells EROFS. */
function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    const parent = dirname(dir);
    if (parent !== dir && !existsSync(parent)) makeDirectory(parent);
    if (!existsSync(dir)) mkdirSync(dir);
  }
}

/**
 * Whether `dir` exists and refuses a new file (read-only disk or folder).
 * A folder that does not exist yet is not read-only: it is created on start.
 */
export function isReadOnlyDirectory(dir: string): boolean {
  if (!existsSync(dir)) return false;
  const probe = join(dir, `.write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    return false;
  } catch (error) {
    return READ_ONLY_CODES.has(systemCode(error));
  }
}

/** The first system code on an error or its causes (errno, SQLite). */
function systemCode(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
  }
  return '';
}

const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);

/** A failure of the storage itself (locked, read-only, full, damaged …), as opposed to a bug: worth waiting and retrying. */
export function isStorageFailure(error: unknown): boolean {
  const code = systemCode(error);
  return error instanceof StorageError || isDatabaseBusy(error) || code.startsWith('SQLITE_') || READ_ONLY_CODES.has(code) || ['ENOSPC', 'EDQUOT', 'EIO'].includes(code);
}

/** Why the database cannot be used, in Chinese, with what the terminal does about it. */
export function classifyStorageProblem(error: unknown, dataDir: string, retryMs: number): StorageProblem {
  const t = strings.storageHealth;
  const code = systemCode(error);
  if (isDatabaseBusy(error)) return { kind: 'locked', message: t.locked(retryMs) };
  if (READ_ONLY_CODES.has(code) || code.startsWith('SQLITE_READONLY')) return { kind: 'readOnly', message: t.readOnly(dataDir, retryMs) };
  return { kind: 'failed', message: t.failed(explainError(error).message, retryMs) };
}

/** What the screens show while the database cannot be used: drawn from config.json alone. */
export interface WaitingViews {
  counter: CounterConfig['counter'];
  configIssues: ConfigIssue[];
  serviceDay(): ServiceDayView;
  citizenScreen(): CitizenScreen;
}

/** The views of a counter whose services have not started: nobody signed in, the window closed. */
export function waitingViews(config: CounterConfig, configIssues: ConfigIssue[]): WaitingViews {
  const { serviceDay: day, counter } = config;
  const hours = { openingTime: day.openingTime, closingTime: day.closingTime, lunchStart: day.lunchStart, lunchEnd: day.lunchEnd };
  return {
    counter,
    configIssues,
    serviceDay: () => ({ phase: 'signedOut', session: null, check: [], canOpen: false, pause: null, hours, today: null, lastSummary: null }),
    citizenScreen: () => ({ centreName: counter.centreName, windowNumber: counter.windowNumber, status: 'closed', clerk: null, pause: null, hours }),
  };
}

export interface StorageGateOptions {
  shell: ShellKind;
  dataDir: string;
  log: (line: string) => void;
  health: StorageHealth;
  /** Opens the database for writing, or throws why it cannot. */
  open(): Db;
  /** Starts the full services on an open database; when it throws, it has closed what it started (the database too). */
  start(db: Db): Promise<CounterServices>;
  waiting: WaitingViews;
  retryMs?: number;
  /** Called once the gate is closed (stops what was started beside the services, e.g. the disk watch). */
  onClose?(): void;
}

/**
 * Starts the services, or — when the database cannot be opened for writing
 * (another program holds its lock, a read-only data directory, …) — answers
 * in their place while it retries every few seconds: the snapshot says why
 * (in Chinese) and every other request is refused with that reason. Once
 * the database opens, the full services start behind the same object, the
 * connected screens are told ('storage.changed') and load their snapshot
 * again: no restart, no exit.
 *
 * A failure at the first attempt that is not a storage problem (a bug) is
 * thrown as before, so a shell reports it.
 */
export async function startBehindStorageGate(options: StorageGateOptions): Promise<CounterServices> {
  const retryMs = options.retryMs ?? STORAGE_RETRY_MS;
  const t = strings.storageHealth.log;
  let running: CounterServices | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let attempting: Promise<void> = Promise.resolve();
  let lastLogged = '';
  /** Every shell listener, with its subscription to the running services (a no-op while waiting). */
  const listeners = new Map<EventListener, () => void>();

  const emit = <E extends EventName>(event: E, payload: PayloadOf<E>): void => {
    for (const listener of [...listeners.keys()]) {
      try {
        listener(event, payload);
      } catch (error) {
        options.log(`事件处理出错：${(error as Error).message}`);
      }
    }
  };
  const stopHealth = options.health.onChange((status) => emit('storage.changed', status));

  const wait = (error: unknown, during: 'open' | 'start'): void => {
    const problem = classifyStorageProblem(error, options.dataDir, retryMs);
    const original = explainError(error).original;
    // One log line per new reason: a lock held for an hour must not write a line every few seconds.
    if (`${problem.message}|${original}` !== lastLogged) {
      options.log(during === 'open' ? t.waiting(problem.message, original) : t.startFailed(problem.message, original));
      lastLogged = `${problem.message}|${original}`;
    }
    options.health.setProblem(problem);
    if (closed) return;
    timer = setTimeout(() => {
      attempting = attempt(false).catch((failure: unknown) => options.log(t.startFailed(explainError(failure).message, explainError(failure).original)));
    }, retryMs);
  };

  const attempt = async (first: boolean): Promise<void> => {
    timer = null;
    if (closed) return;
    let db: Db;
    try {
      db = options.open();
    } catch (error) {
      return wait(error, 'open');
    }
    let services: CounterServices;
    try {
      services = await options.start(db);
    } catch (error) {
      if (first && !isStorageFailure(error)) throw error;
      return wait(error, 'start');
    }
    if (closed) return void (await services.close());
    running = services;
    for (const listener of listeners.keys()) listeners.set(listener, services.onEvent(listener));
    if (first) return;
    options.log(t.recovered);
    options.health.setProblem(null);
    await republish(services);
  };

  /** The citizen screen and evaluator listen for these rather than reloading: give them the state the services start with. */
  const republish = async (services: CounterServices): Promise<void> => {
    const snapshot = await services.handle('getSnapshot', {});
    if (snapshot.ok) {
      const s = snapshot.result as Snapshot;
      emit('devices.changed', s.devices);
      emit('serviceDay.changed', s.serviceDay);
      emit('citizen.serviceDay', citizenDayOf(s.serviceDay));
      emit('case.changed', s.currentCase);
    }
    // Asked as the citizen screen would ask (the method is the citizen's); the answer goes out as its event.
    const rating = await services.handle('getRatingRequest', {}, { connection: 'storage-gate', role: 'citizen' });
    if (rating.ok) emit('evaluation.request', rating.result as PayloadOf<'evaluation.request'>);
  };

  const waitingHandle = (method: unknown, caller: Caller = { connection: '', role: 'clerk' }): HandleResult => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown-method', message: strings.api.unknownMethod(String(method).slice(0, 60)) } };
    }
    // The same roles as the dispatcher's, while it is not there yet.
    if (!mayCall(method, caller.role)) return { ok: false, error: { code: 'forbidden', message: strings.roles.forbidden(method) } };
    const { waiting } = options;
    switch (method) {
      case 'getSnapshot':
        return {
          ok: true,
          result: methods.getSnapshot.result.parse({
            shell: options.shell,
            counter: waiting.counter,
            devices: [],
            configIssues: waiting.configIssues,
            currentCase: null,
            serviceDay: waiting.serviceDay(),
            storage: options.health.status(),
          }),
        };
      case 'getServiceDay':
        return { ok: true, result: waiting.serviceDay() };
      case 'getCitizenScreen':
        return { ok: true, result: waiting.citizenScreen() };
      default:
        return { ok: false, error: { code: 'unavailable', message: options.health.status().problem?.message ?? strings.api.unavailable } };
    }
  };

  try {
    await attempt(true);
  } catch (error) {
    stopHealth();
    options.onClose?.();
    throw error;
  }

  return {
    shell: options.shell,
    dataDir: options.dataDir,
    handle: async (method, params, caller) => (running ? running.handle(method, params, caller) : waitingHandle(method, caller)),
    onEvent(listener) {
      listeners.set(listener, running ? running.onEvent(listener) : () => undefined);
      return () => {
        listeners.get(listener)?.();
        listeners.delete(listener);
      };
    },
    slipPdf: (slipId) => running?.slipPdf(slipId) ?? null,
    slipHtml: async (slipId) => (running?.slipHtml ? running.slipHtml(slipId) : null),
    exportFile: (fileName, ticket) => (running ? running.exportFile(fileName, ticket) : { ok: false, reason: 'missing' }),
    endConnection: (connection) => running?.endConnection(connection),
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      await attempting.catch(() => undefined);
      stopHealth();
      await running?.close();
      options.onClose?.();
    },
  };
}

/** Closes a database a failed start left open (best effort). */
export function closeQuietly(db: Db): void {
  try {
    closeDatabase(db);
  } catch {
    // Already closed, or the disk is gone: nothing more to do.
  }
}
