import { isMethodName, methods, type MethodName, type ParamsOf, type ResultOf } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import type { Caller, HandleResult } from '../app/types';

/** `caller` names the connection asking (the lead gate's unlock is per connection). */
export type Handlers = { [M in MethodName]: (params: ParamsOf<M>, caller: Caller) => ResultOf<M> | Promise<ResultOf<M>> };

/**
 * The single door into the services for every shell: checks the method
 * name, validates params against the contract, runs the handler, validates
 * the result. It never throws; failures come back as Chinese messages.
 */
export function createDispatcher(handlers: Handlers, log: (line: string) => void) {
  return async function handle(method: unknown, params: unknown, caller: Caller = { connection: '' }): Promise<HandleResult> {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown-method', message: strings.api.unknownMethod(String(method).slice(0, 60)) } };
    }
    const parsed = methods[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '参数'}：${i.message}`).join('；');
      return { ok: false, error: { code: 'bad-request', message: strings.api.badRequest(method, reason) } };
    }
    try {
      const handler = handlers[method] as (p: unknown, c: Caller) => unknown;
      const result = methods[method].result.parse(await handler(parsed.data, caller));
      return { ok: true, result };
    } catch (error) {
      // The log line names the method and the error class only: messages may quote personal data.
      log(`请求 ${method} 失败：${(error as Error).name}`);
      return { ok: false, error: { code: 'failed', message: strings.api.failed((error as Error).message) } };
    }
  };
}
