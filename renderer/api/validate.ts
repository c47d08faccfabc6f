import type { z } from 'zod';
import {
  ApiErrorSchema,
  CounterApiError,
  events,
  methods,
  type ApiError,
  type EventName,
  type MethodName,
  type ParamsOf,
  type PayloadOf,
  type ResultOf,
} from '../../shared/contract';
import { strings } from '../../shared/i18n';

/**
 * Called when something arrives that does not fit the contract. The reason
 * names the place (method, event, field path) but never carries the data
 * itself: payloads hold personal data and must not reach a log.
 */
export type ProtocolErrorHandler = (reason: string) => void;

/** Default handler: one line on the console for IT; normal operation never gets here. */
export const warnProtocolError: ProtocolErrorHandler = (reason) => {
  console.warn(`[counter-api] protocol error: ${reason}`);
};

/** Issue paths and codes only: zod messages are safe, received values are not included. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.code}`)
    .join('; ');
}

export function parseParams<M extends MethodName>(method: M, params: ParamsOf<M>): ParamsOf<M> {
  const parsed = methods[method].params.safeParse(params);
  if (!parsed.success) {
    throw new CounterApiError('bad-request', strings.api.badRequest(method, describeIssues(parsed.error)));
  }
  return parsed.data as ParamsOf<M>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export function checkResult<M extends MethodName>(method: M, result: unknown): Checked<ResultOf<M>> {
  const parsed = methods[method].result.safeParse(result);
  if (parsed.success) return { ok: true, value: parsed.data as ResultOf<M> };
  return { ok: false, reason: `result of ${method}: ${describeIssues(parsed.error)}` };
}

export function checkPayload<E extends EventName>(event: E, payload: unknown): Checked<PayloadOf<E>> {
  const parsed = events[event].payload.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as PayloadOf<E> };
  return { ok: false, reason: `payload of ${event}: ${describeIssues(parsed.error)}` };
}

const ERROR_CODES: readonly ApiError['code'][] = ApiErrorSchema.shape.code.options;

function isErrorCode(code: unknown): code is ApiError['code'] {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** A code from the contract as is; anything else counts as a plain failure. */
export function toErrorCode(code: unknown): ApiError['code'] {
  return isErrorCode(code) ? code : 'failed';
}

/**
 * Electron prefixes errors that cross ipcRenderer.invoke with
 * "Error invoking remote method 'channel': Error: "; the clerk should only
 * see the Chinese message behind it.
 */
const IPC_PREFIX = /^Error invoking remote method '[^']*':\s*(?:[A-Za-z]*Error:\s*)?/;

/** Any rejection from a shell becomes a CounterApiError with a Chinese message. */
export function toCounterApiError(error: unknown): CounterApiError {
  if (error instanceof CounterApiError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const rawMessage = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const message = rawMessage.replace(IPC_PREFIX, '').trim();
  if (isErrorCode(code)) return new CounterApiError(code, message || strings.api.unavailable);
  return new CounterApiError('failed', message ? strings.api.failed(message) : strings.api.unavailable);
}
