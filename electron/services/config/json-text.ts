import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { strings } from '../../../shared/i18n';
import { explainError, type ExplainedError } from '../errors/system-error';
import { findJsonSyntaxProblem } from './json-syntax';

/**
 * Reading the JSON files IT edits by hand (config.json, catalogue.json,
 * phrases.json, calendar.json) — the one place that decides how their bytes
 * become text and their text becomes JSON. A file that is not UTF-8 (Notepad's
 * “ANSI”, i.e. GBK on a Chinese Windows) is refused, never read as mojibake:
 * a clerk's name turned into ���� and kept as the last good configuration is
 * worse than a clear message.
 */

const t = strings.dataFiles;

/**
 * Why a hand-edited file could not be used. `message` is Chinese, for the
 * clerk's screen and IT; `original` is the platform's own wording (Node's
 * errno text, the decoder's, V8's JSON message), for the log only.
 */
export class DataFileError extends Error {
  constructor(
    message: string,
    readonly original: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DataFileError';
  }
}

/** The text of a hand-edited file, or why it cannot be used (not found, no permission, not UTF-8). */
export function readText(file: string): string | DataFileError {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const explained = explainError(error);
    return new DataFileError(explained.message, explained.original, { cause: error });
  }
  return decodeText(bytes, basename(file));
}

/**
 * Bytes to text: UTF-8 with or without a BOM, or UTF-16 when a BOM says so
 * (Notepad's “Unicode”). Anything else is refused with a message naming
 * `name` and saying how to save it as UTF-8.
 */
export function decodeText(bytes: Uint8Array, name: string): string | DataFileError {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(Buffer.from(bytes.subarray(2)), name);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2));
    if (body.length % 2 !== 0) return new DataFileError(t.badUtf16(name), `${name}: odd length for UTF-16BE`);
    return decodeUtf16(body.swap16(), name);
  }
  let text: string;
  try {
    // fatal: an invalid byte throws instead of becoming U+FFFD; the BOM, if any, is dropped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return new DataFileError(t.notUtf8(name), `${name}: ${(error as Error).message}`, { cause: error });
  }
  // JSON never contains NUL; a file full of them is UTF-16 without its BOM (or not text at all).
  if (text.includes('\u0000')) return new DataFileError(t.notText(name), `${name}: NUL bytes in a UTF-8 text`);
  return text;
}

function decodeUtf16(littleEndian: Buffer, name: string): string | DataFileError {
  try {
    return new TextDecoder('utf-16le', { fatal: true }).decode(littleEndian);
  } catch (error) {
    return new DataFileError(t.badUtf16(name), `${name}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * JSON.parse with a leading BOM tolerated (what Windows Notepad leaves).
 * Throws a DataFileError whose message says in Chinese what is wrong and at
 * which line and column; V8's English wording is kept as `original`.
 */
export function parseJsonText(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (error) {
    const problem = findJsonSyntaxProblem(body);
    const message = problem ? t.jsonAt(problem.line, problem.column, problem.what) : t.json.unknown;
    // V8 quotes the text itself in some messages ("…" is not valid JSON): left out, config.json names the clerk.
    const original = (error as Error).message.replace(/"[\s\S]*" is not valid JSON$/, '(text omitted) is not valid JSON');
    throw new DataFileError(message, original, { cause: error });
  }
}

/** A failure to read or parse a hand-edited file: Chinese for the screen, the original for the log. */
export function explainDataFileError(error: unknown): ExplainedError {
  return error instanceof DataFileError ? { message: error.message, original: error.original } : explainError(error);
}
