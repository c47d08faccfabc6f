import { strings } from '../../../shared/i18n';

const t = strings.systemErrors;

/** A system error as the clerk reads it, and as IT finds it in the log. */
export interface ExplainedError {
  /** Chinese, for the screen; the code in brackets when there is one. */
  message: string;
  /** The original text (English from Node, SQLite, CUPS …), for the log only. */
  original: string;
}

/**
 * Turns an error from the platform (errno codes, SQLite result codes, the
 * English wording of lp or the JSON parser) into Chinese, keeping the
 * original for the log. A message that is already Chinese (our own errors)
 * is passed on unchanged.
 */
export function explainError(error: unknown): ExplainedError {
  const original = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  const byCode = code ? (t.errno[code] ?? t.sqlite[code] ?? t.sqlite[code.split('_').slice(0, 2).join('_')]) : undefined;
  if (byCode) return { message: t.withCode(byCode, code!), original };
  const byText = t.patterns.find((p) => p.pattern.test(original));
  if (byText) return { message: byText.text, original };
  if (isMostlyChinese(original)) return { message: original, original };
  return { message: code ? t.withCode(t.unknown, code) : `${t.unknown}：${original}`, original };
}

/** The Chinese message alone, for a reply or a notice (the caller logs `explainError(e).original` where it logs). */
export function chineseMessage(error: unknown): string {
  return explainError(error).message;
}

/** Whether an error is SQLite saying another connection holds the lock (a retry may succeed). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code?.startsWith('SQLITE_BUSY_') === true || /database is locked/i.test(String((error as Error)?.message ?? ''));
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code) return code;
  // Wrapped errors (new Error(msg, { cause })) carry the system code on their cause.
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause && cause !== error ? errorCode(cause) : undefined;
}

function isMostlyChinese(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han > 0 && han * 3 >= text.replace(/\s/g, '').length / 2;
}
