import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { checkForbidden } from '../../../shared/domain/phrases/forbidden-guard';
import { templateOf } from '../../../shared/domain/phrases/fill';
import {
  PhraseFileSchema,
  PhraseOverrideSchema,
  PhraseSchema,
  SLOT_PATTERN,
  type Phrase,
  type PhraseIssue,
} from '../../../shared/domain/phrases/schema';
import { strings } from '../../../shared/i18n';
import { explainDataFileError, parseJsonText, readText } from '../config/json-text';
import { describeIssue } from '../config/zod-issues-zh';
import defaultCatalogue from '../../../resources/phrases/default.json';

/**
 * The phrase catalogue of this counter: the norms' standard phrases shipped
 * in `resources/phrases/default.json`, changed by the centre's own
 * `phrases.json` in the data directory:
 *
 * ```json
 * { "version": 1, "phrases": [
 *   { "id": "gd.farewell.bye", "disabled": true },
 *   { "id": "zmd.greet.welcome", "text": "您好!请坐,请问您办理什么业务?" },
 *   { "id": "centre.greet.ticket", "stage": "问候", "text": "请您先到取号机取号,谢谢!" }
 * ] }
 * ```
 *
 * An existing id changes the fields given (changing `text` of a phrase with
 * gaps needs its `template` too); a new id adds a phrase (stage and text
 * required); `"disabled": true` hides one. Every entry is checked on its
 * own: a bad entry is reported in Chinese, naming the phrase and the field,
 * and the default wording stays; the rest of the file still applies. A
 * phrase that contains a forbidden phrase (norms §4) is refused.
 */

export const PHRASES_FILE = 'phrases.json';
export const DEFAULT_PHRASES_FILE = 'default.json';

const s = strings.phraseCatalogue;

export interface LoadedPhrases {
  /** Every phrase in effect, disabled ones included (they carry `disabled: true`). */
  phrases: Phrase[];
  /** Problems found in default.json or phrases.json. Empty when both are valid. */
  issues: PhraseIssue[];
  /** Whether a centre file was found and how much of it applied. */
  override: 'none' | 'applied' | 'partly' | 'rejected';
}

function messageOf(issue: z.core.$ZodIssue): string {
  // Our own checks (custom, the id format) carry a Chinese message already.
  if (issue.code === 'custom' || issue.code === 'invalid_format') return issue.message;
  if (issue.code === 'unrecognized_keys') return s.unknownFields(issue.keys.join('、'));
  // A missing stage is reported by zod as a bad choice of undefined: it is missing.
  if (issue.code === 'invalid_value' && issue.input === undefined) return strings.config.required;
  return describeIssue(issue).message;
}

function issuesOf(error: z.ZodError, file: string, phrase: string, prefix: (string | number)[] = []): PhraseIssue[] {
  return error.issues.map((issue) => ({
    file,
    phrase,
    field: [...prefix, ...issue.path].map(String).join('.'),
    message: messageOf(issue),
  }));
}

function labelOf(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : s.entry(index + 1);
}

/** The citizen-facing wordings of a phrase, each checked against the forbidden phrases. */
function forbiddenIssue(phrase: Phrase, file: string): PhraseIssue | null {
  const wordings: [string, string][] = [
    [phrase.template === undefined ? 'text' : 'template', templateOf(phrase)],
    ...(phrase.alternatives ?? []).map((a, i): [string, string] => [`alternatives.${i}`, a]),
  ];
  for (const [field, wording] of wordings) {
    // A gap stands for a value, not for words: it separates, it does not join.
    const result = checkForbidden(wording.replace(SLOT_PATTERN, '，'));
    const first = result.matches[0];
    if (first) {
      const words = result.spans.map((span) => span.text).join('…');
      return { file, phrase: phrase.id, field, message: s.forbidden(words, first.phrase.text) };
    }
  }
  return null;
}

type FileBody = { ok: true; entries: unknown[] } | { ok: false; issues: PhraseIssue[] };

/** The file's JSON, its shape checked; the entries are checked one by one by the callers. */
function readBody(json: unknown, file: string): FileBody {
  const parsed = PhraseFileSchema.safeParse(json, { reportInput: true });
  return parsed.success ? { ok: true, entries: parsed.data.phrases } : { ok: false, issues: issuesOf(parsed.error, file, '') };
}

/** Parses a file's text (or the reason readText gave): a BOM tolerated, bad JSON reported by line and column, in Chinese. */
export function parsePhraseFileText(text: string | Error, file: string): FileBody {
  if (text instanceof Error) return { ok: false, issues: [{ file, phrase: '', field: '', message: s.unreadable(explainDataFileError(text).message) }] };
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    return { ok: false, issues: [{ file, phrase: '', field: '', message: s.notJson(explainDataFileError(error).message) }] };
  }
  return readBody(json, file);
}

/** Validates a full catalogue (the shipped default): each phrase on its own. */
export function parseCatalogue(json: unknown, file = DEFAULT_PHRASES_FILE): { phrases: Phrase[]; issues: PhraseIssue[] } {
  const body = readBody(json, file);
  if (!body.ok) return { phrases: [], issues: body.issues };
  const phrases: Phrase[] = [];
  const issues: PhraseIssue[] = [];
  const seen = new Set<string>();
  body.entries.forEach((raw, index) => {
    const label = labelOf(raw, index);
    const parsed = PhraseSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      issues.push(...issuesOf(parsed.error, file, label));
      return;
    }
    if (seen.has(parsed.data.id)) {
      issues.push({ file, phrase: label, field: 'id', message: s.duplicateId });
      return;
    }
    const forbidden = forbiddenIssue(parsed.data, file);
    if (forbidden) {
      issues.push(forbidden);
      return;
    }
    seen.add(parsed.data.id);
    phrases.push(parsed.data);
  });
  return { phrases, issues };
}

/**
 * Applies a centre's entries to a catalogue. Entries that fail leave the
 * phrase as it was and are reported; the others apply in file order.
 */
export function applyOverrides(
  base: readonly Phrase[],
  entries: readonly unknown[],
  file = PHRASES_FILE,
): { phrases: Phrase[]; issues: PhraseIssue[]; applied: number } {
  const phrases = [...base];
  const indexById = new Map(phrases.map((p, i) => [p.id, i]));
  const issues: PhraseIssue[] = [];
  const seen = new Set<string>();
  let applied = 0;
  entries.forEach((raw, index) => {
    const label = labelOf(raw, index);
    const parsed = PhraseOverrideSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      issues.push(...issuesOf(parsed.error, file, label));
      return;
    }
    const change = parsed.data;
    if (seen.has(change.id)) {
      issues.push({ file, phrase: label, field: 'id', message: s.duplicateId });
      return;
    }
    seen.add(change.id);
    const at = indexById.get(change.id);
    let candidate: Record<string, unknown>;
    if (at === undefined) {
      if (change.stage === undefined && change.text === undefined) {
        issues.push({ file, phrase: label, field: 'id', message: s.unknownId });
        return;
      }
      candidate = { source: s.centreSource, ...change };
    } else {
      candidate = { ...phrases[at], ...change };
      // New words make the old template and alternatives stale unless they are given again.
      if (change.text !== undefined && change.template === undefined) delete candidate.template;
      if (change.text !== undefined && change.alternatives === undefined) delete candidate.alternatives;
    }
    const checked = PhraseSchema.safeParse(candidate, { reportInput: true });
    if (!checked.success) {
      issues.push(...issuesOf(checked.error, file, label));
      return;
    }
    const forbidden = forbiddenIssue(checked.data, file);
    if (forbidden) {
      issues.push(forbidden);
      return;
    }
    if (at === undefined) {
      indexById.set(change.id, phrases.length);
      phrases.push(checked.data);
    } else phrases[at] = checked.data;
    applied++;
  });
  return { phrases, issues, applied };
}

/**
 * The catalogue in effect on this counter: the shipped default (validated
 * too), then `phrases.json` from the data directory when there is one.
 * Never throws; every problem is in `issues`.
 */
export function loadPhraseCatalogue(dataDir: string, defaults: unknown = defaultCatalogue): LoadedPhrases {
  const base = parseCatalogue(defaults, DEFAULT_PHRASES_FILE);
  const file = join(dataDir, PHRASES_FILE);
  if (!existsSync(file)) return { phrases: base.phrases, issues: base.issues, override: 'none' };

  const body = parsePhraseFileText(readText(file), PHRASES_FILE);
  if (!body.ok) return { phrases: base.phrases, issues: [...base.issues, ...body.issues], override: 'rejected' };
  const merged = applyOverrides(base.phrases, body.entries, PHRASES_FILE);
  const override = merged.issues.length === 0 ? 'applied' : merged.applied > 0 ? 'partly' : 'rejected';
  return { phrases: merged.phrases, issues: [...base.issues, ...merged.issues], override };
}

/** One line for the log, naming file, phrase and field. */
export function describePhraseIssue(issue: PhraseIssue): string {
  return s.logLine(issue.file, issue.phrase, issue.field, issue.message);
}
