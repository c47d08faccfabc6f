import { isMethodName, mayCall, methods, type MethodName, type ParamsOf, type ResultOf } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import type { Caller, HandleResult } from '../app/types';
import { chineseMessage } from '../errors/system-error';
import { retryWhenBusy, type BusyRetryOptions } from '../storage/busy-retry';
import { roleActor, runAsActor } from '../audit/actor-context';

/** `caller` names the connection asking (the lead gate's unlock is per connection). */
export type Handlers = { [M in MethodName]: (params: ParamsOf<M>, caller: Caller) => ResultOf<M> | Promise<ResultOf<M>> };

export interface DispatcherOptions {
  /**
   * Methods whose handler may simply run again when it failed with
   * SQLITE_BUSY (another program held the write lock): it only reads, or
   * writes in one transaction computed afresh from the stored state, and
   * does nothing outside the database before that transaction commits. The
   * composition root lists them, with its reasons.
   */
  rerunOnBusy?: ReadonlySet<MethodName>;
  /**
   * Rows this process has written so far (SQLite's total_changes()). A
   * failed run is run again only when this did not move during it: then
   * nothing it did was committed, whatever the handler.
   */
  writesSoFar?: () => number;
  busyRetry?: BusyRetryOptions;
  /**
   * Who the audit log names for a row written during this request (resolved
   * when the row is written): the composition root knows the signed-in clerk
   * and the unlocked lead. Default: the connection's role.
   */
  actor?: (caller: Caller, method: MethodName) => string;
  /**
   * Why this connection may not call this method although its role may
   * (Chinese), or null: the IT methods answer only a connection an IT account
   * unlocked (services/it-desk/it-gate.ts). Asked before the params are read.
   */
  unlockRefusal?: (method: MethodName, caller: Caller) => string | null;
}

/**
 * The single door into the services for every shell: checks the method
 * name, refuses a caller whose role the method is not for (before its params
 * are even read: a citizen screen gets no say in a clerk's method), validates
 * params against the contract, runs the handler, validates the result. It
 * never throws; failures come back as Chinese messages.
 *
 * A handler that met another program's database lock is waited for and run
 * again (rerunOnBusy), asynchronously: the event loop, devices and the other
 * screens go on meanwhile; after the deadline the clerk reads why in Chinese.
 */
export function createDispatcher(handlers: Handlers, log: (line: string) => void, options: DispatcherOptions = {}) {
  return async function handle(method: unknown, params: unknown, caller: Caller = { connection: '', role: 'clerk' }): Promise<HandleResult> {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown-method', message: strings.api.unknownMethod(String(method).slice(0, 60)) } };
    }
    if (!mayCall(method, caller.role)) {
      // Method and role only: the params are the caller's, unread, and may carry anything.
      log(strings.roles.logForbidden(method, String(caller.role).slice(0, 20)));
      return { ok: false, error: { code: 'forbidden', message: strings.roles.forbidden(method) } };
    }
    const refused = options.unlockRefusal?.(method, caller) ?? null;
    if (refused !== null) return { ok: false, error: { code: 'forbidden', message: refused } };
    const parsed = methods[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '参数'}：${i.message}`).join('；');
      return { ok: false, error: { code: 'bad-request', message: strings.api.badRequest(method, reason) } };
    }
    try {
      const handler = handlers[method] as (p: unknown, c: Caller) => unknown;
      // Everything the handler does, and starts, writes its audit rows as this caller (audit/actor-context.ts).
      const actorOf = options.actor;
      const run = () => runAsActor(actorOf ? () => actorOf(caller, method) : roleActor(caller), () => handler(parsed.data, caller), roleActor(caller));
      const output = options.rerunOnBusy?.has(method) ? await rerunWhenBusy(run, options) : await run();
      const result = methods[method].result.parse(output);
      return { ok: true, result };
    } catch (error) {
      // The log line names the method and the error class only: messages may quote personal data.
      log(`请求 ${method} 失败：${(error as Error).name}${busyNote(error)}`);
      return { ok: false, error: { code: 'failed', message: strings.api.failed(chineseMessage(error)) } };
    }
  };
}

/** Runs `run` again after SQLITE_BUSY, as long as the failed run committed nothing. */
async function rerunWhenBusy(run: () => unknown, options: DispatcherOptions): Promise<unknown> {
  const writes = options.writesSoFar;
  let before = 0;
  return retryWhenBusy(
    () => {
      before = writes?.() ?? 0;
      return run();
    },
    { ...options.busyRetry, canRetry: () => (writes ? writes() === before : true) },
  );
}

/** SQLite's result code in the log line (no message: it may quote data). */
function busyNote(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? `（${code}）` : '';
}
