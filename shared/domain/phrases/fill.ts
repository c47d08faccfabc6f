import { strings } from '../../i18n';
import {
  SLOT_KINDS,
  SLOT_NAMES,
  SLOT_PATTERN,
  type FilledPhrase,
  type Phrase,
  type PhraseCue,
  type PhraseSegment,
  type PhraseStage,
  type SlotName,
} from './schema';

const s = strings.phraseCatalogue;

/** A value the case or the counter knows for a slot. */
export type SlotValue = string | number | readonly string[];

/**
 * What is known when a phrase is shown: slot values (from the counter's
 * configuration and the case) and the situation (cues). Anything absent,
 * empty or malformed counts as unknown and leaves a visible gap.
 */
export type PhraseContext = { readonly [K in SlotName]?: SlotValue | null } & { readonly cues?: readonly PhraseCue[] };

/** The template of a phrase: its own, or the text when the text has no gap. */
export function templateOf(phrase: Pick<Phrase, 'template' | 'text'>): string {
  return phrase.template ?? phrase.text;
}

/** The slots a template uses, in order, each once. Unknown names are skipped (the schema reports them). */
export function slotsOf(template: string): SlotName[] {
  const found: SlotName[] = [];
  for (const match of template.matchAll(SLOT_PATTERN)) {
    const name = match[1] as SlotName;
    if ((SLOT_NAMES as readonly string[]).includes(name) && !found.includes(name)) found.push(name);
  }
  return found;
}

function cleanText(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  // Control characters and runs of spaces never belong in a spoken sentence.
  // eslint-disable-next-line no-control-regex
  const text = String(value).replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  // A value made only of punctuation ("……", "-") is a placeholder, not a value.
  return text === '' || !/[\p{L}\p{N}]/u.test(text) ? null : text;
}

function formatDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // 2025-02-30 would roll over to March: a wrong date is worse than a gap.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return s.monthDay(month, day);
}

function formatCount(value: unknown): string | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 3650 ? String(n) : null;
}

function formatList(value: unknown): string | null {
  if (typeof value === 'string') return cleanText(value);
  if (!Array.isArray(value)) return null;
  const items = [...new Set(value.map(cleanText).filter((item): item is string => item !== null))];
  return items.length === 0 ? null : items.join(s.listSeparator);
}

function formatWindow(value: unknown): string | null {
  const text = cleanText(value)?.replace(/\s*窗口$/, '');
  if (!text) return null;
  // A window number gets 号 (3 → 3号窗口); a named window (社保, 3号) stays as it is.
  return /^[0-9A-Za-z-]+$/.test(text) ? s.windowNumbered(text) : text;
}

/** How a context value is written into the sentence, or null when it is not a usable value of the slot. */
export function formatSlotValue(slot: SlotName, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (SLOT_KINDS[slot]) {
    case 'text':
      return cleanText(value);
    case 'list':
      return formatList(value);
    case 'window':
      return formatWindow(value);
    case 'date':
      return formatDate(value);
    case 'count':
      return formatCount(value);
  }
}

const HALF_TO_FULL: Record<string, string> = { ',': '，', '!': '！', '?': '？', ':': '：', ';': '；', '(': '（', ')': '）' };

/**
 * The norms' wording as typed in the spec uses ASCII punctuation
 * ("您好!请坐,"); the clerk sees and copies it with Chinese punctuation
 * ("您好！请坐，"). Only the phrase's own words are converted, never a
 * filled value (a law article "第3.2条" keeps its dot).
 */
export function toChinesePunctuation(literal: string): string {
  return literal
    .replace(/\.{6}|\.{3,}/g, '……')
    .replace(/[,!?:;()]/g, (ch) => HALF_TO_FULL[ch] ?? ch)
    .replace(/(?<=[\p{Script=Han}）》」』”！？])\.(?!\d)/gu, '。');
}

/** Fills one template: segments, and the slots left unknown. */
export function fillTemplate(template: string, context: PhraseContext): { segments: PhraseSegment[]; missing: SlotName[] } {
  const segments: PhraseSegment[] = [];
  const missing: SlotName[] = [];
  let last = 0;
  const pushText = (raw: string) => {
    if (raw === '') return;
    const text = toChinesePunctuation(raw);
    const previous = segments.at(-1);
    if (previous?.kind === 'text') previous.text += text;
    else segments.push({ kind: 'text', text });
  };
  for (const match of template.matchAll(SLOT_PATTERN)) {
    const name = match[1] ?? '';
    const index = match.index ?? 0;
    pushText(template.slice(last, index));
    last = index + match[0].length;
    if (!(SLOT_NAMES as readonly string[]).includes(name)) {
      // The schema rejects unknown slots; should one slip through, it is shown as written, never guessed.
      pushText(match[0]);
      continue;
    }
    const slot = name as SlotName;
    const value = formatSlotValue(slot, context[slot]);
    if (value === null && !missing.includes(slot)) missing.push(slot);
    segments.push({ kind: 'slot', slot, label: s.slots[slot], value });
  }
  pushText(template.slice(last));
  return { segments, missing };
}

/** The plain sentence of filled segments; an unknown gap is written 【label】. */
export function segmentsToText(segments: readonly PhraseSegment[]): string {
  return segments.map((seg) => (seg.kind === 'text' ? seg.text : (seg.value ?? s.gap(seg.label)))).join('');
}

/**
 * Fills a phrase from the context. Of its wordings (the template, then the
 * alternatives) the first whose gaps are all known is used; when none is
 * complete, the one with the fewest unknown gaps, gaps visibly marked.
 */
export function fillPhrase(phrase: Phrase, context: PhraseContext = {}, stage: PhraseStage = phrase.stage): FilledPhrase {
  const wordings = [templateOf(phrase), ...(phrase.alternatives ?? [])];
  let best: ReturnType<typeof fillTemplate> | null = null;
  for (const wording of wordings) {
    const filled = fillTemplate(wording, context);
    if (best === null || filled.missing.length < best.missing.length) best = filled;
    if (filled.missing.length === 0) break;
  }
  const { segments, missing } = best!;
  const cues = new Set(context.cues ?? []);
  return {
    id: phrase.id,
    stage,
    text: phrase.text,
    filled: segmentsToText(segments),
    segments,
    complete: missing.length === 0,
    missing,
    matchedCues: (phrase.fits ?? []).filter((cue) => cues.has(cue)),
    source: phrase.source ?? null,
  };
}

/** Whether a phrase is offered in a stage (its own, or one it is also shown in). */
export function isInStage(phrase: Phrase, stage: PhraseStage): boolean {
  return phrase.stage === stage || (phrase.alsoIn?.includes(stage) ?? false);
}

/**
 * The enabled phrases of a stage, filled, the most fitting first:
 *  1. those fitting more of the current situations (cues);
 *  2. complete ones before those with gaps;
 *  3. general ones before situational ones whose situation is absent
 *     ("很抱歉,让您久等了" only leads when the citizen did wait);
 *  4. phrases of this stage before those borrowed from another;
 *  5. fewer gaps first; then the catalogue's order.
 */
export function phrasesForStage(phrases: readonly Phrase[], stage: PhraseStage, context: PhraseContext = {}): FilledPhrase[] {
  const ranked = phrases
    .map((phrase, order) => ({ phrase, order }))
    .filter(({ phrase }) => !phrase.disabled && isInStage(phrase, stage))
    .map(({ phrase, order }) => {
      const filled = fillPhrase(phrase, context, stage);
      const situational = (phrase.fits?.length ?? 0) > 0 && filled.matchedCues.length === 0;
      const key = [
        -filled.matchedCues.length,
        filled.complete ? 0 : 1,
        situational ? 1 : 0,
        phrase.stage === stage ? 0 : 1,
        filled.missing.length,
        order,
      ];
      return { filled, key };
    });
  ranked.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const d = (a.key[i] ?? 0) - (b.key[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  return ranked.map((r) => r.filled);
}
