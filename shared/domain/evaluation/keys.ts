import { strings } from '../../i18n';
import { levelCode, RATINGS, type Rating } from './levels';

/**
 * How a keypad's keys become national levels. Every profile goes through a
 * key map (key code → level) that is plain data, shown to IT as a table
 * (keyMappingTable) and overridable in configuration.
 *
 * Five-key keypads carry the five national levels, best first.
 * Older four-key keypads say 非常满意 / 满意 / 一般 / 不满意: 一般 is taken
 * as 基本满意 (both are the middle, non-negative answer), and 非常不满意
 * cannot be given on such a keypad — the table says so to IT.
 */

export const KEY_LAYOUTS = ['five', 'four'] as const;
export type KeyLayout = (typeof KEY_LAYOUTS)[number];

/** The printed labels of a four-key keypad, left to right (Chinese in strings.evaluation.fourKeyLabels). */
export const FOUR_KEY_LABELS = ['veryGood', 'good', 'average', 'bad'] as const;
export type FourKeyLabel = (typeof FOUR_KEY_LABELS)[number];

/** The explicit mapping of a four-key keypad onto the five national levels. */
export const FOUR_KEY_LEVELS: Readonly<Record<FourKeyLabel, Rating>> = {
  veryGood: 'verySatisfied',
  good: 'satisfied',
  average: 'basicallySatisfied',
  bad: 'dissatisfied',
};

/** Key code → level. */
export type KeyMap = ReadonlyMap<number, Rating>;

/** The levels a layout's keys give, left to right. */
export function layoutLevels(layout: KeyLayout): Rating[] {
  return layout === 'five' ? [...RATINGS] : FOUR_KEY_LABELS.map((k) => FOUR_KEY_LEVELS[k]);
}

/** The printed labels of a layout's keys, left to right. */
export function layoutLabels(layout: KeyLayout): string[] {
  return layout === 'five' ? RATINGS.map((r) => strings.caseFlow.ratings[r]) : FOUR_KEY_LABELS.map((k) => strings.evaluation.fourKeyLabels[k]);
}

/** Our serial profile: keys are numbered 1…n from the left (docs/evaluator-serial-protocol.md). */
export function defaultSerialKeyMap(layout: KeyLayout): KeyMap {
  return new Map(layoutLevels(layout).map((level, i) => [i + 1, level]));
}

/** HID usage ids of the digits 1–5 on a keyboard's main row and on its numeric keypad. */
export const HID_DIGIT_USAGES = { row: [0x1e, 0x1f, 0x20, 0x21, 0x22], keypad: [0x59, 0x5a, 0x5b, 0x5c, 0x5d] } as const;

/** HID keypads that type 1…n (as most keyboard-class keypads do): both the main-row and the keypad digits. */
export function defaultHidKeyMap(layout: KeyLayout): KeyMap {
  const levels = layoutLevels(layout);
  const map = new Map<number, Rating>();
  levels.forEach((level, i) => {
    map.set(HID_DIGIT_USAGES.row[i]!, level);
    map.set(HID_DIGIT_USAGES.keypad[i]!, level);
  });
  return map;
}

const KEY_TEXT = /^(0x[0-9a-f]{1,4}|\d{1,5})$/i;

/** True for a key written as decimal (3) or hex (0x1E). */
export function isKeyText(text: string): boolean {
  return KEY_TEXT.test(text.trim());
}

/** A key map from configuration: { "0x1E": "verySatisfied", "2": "satisfied" }. Keys were validated by the config schema. */
export function parseKeyMap(record: Readonly<Record<string, Rating>>): KeyMap {
  const map = new Map<number, Rating>();
  for (const [text, level] of Object.entries(record)) {
    const t = text.trim().toLowerCase();
    if (!KEY_TEXT.test(t)) throw new RangeError(`not a key code: ${text}`);
    map.set(t.startsWith('0x') ? parseInt(t.slice(2), 16) : Number(t), level);
  }
  return map;
}

export interface KeyMappingRow {
  key: number;
  /** As IT writes it in configuration: 3 or 0x1E. */
  keyText: string;
  /** What the key says on the device, when the layout is known. */
  deviceLabel: string;
  level: Rating;
  levelLabel: string;
  nationalCode: number;
  provincialCode: number;
}

/**
 * The key map as a table for IT: one row per key, in key order, with the
 * level it gives and that level's codes in both directions; levels no key
 * gives are listed in `unreachable` (a four-key keypad cannot say 非常不满意).
 */
export function keyMappingTable(map: KeyMap, options: { hex?: boolean; layout?: KeyLayout } = {}): { rows: KeyMappingRow[]; unreachable: Rating[] } {
  const labels = options.layout ? layoutLabels(options.layout) : null;
  const levels = options.layout ? layoutLevels(options.layout) : null;
  const keys = [...map.keys()].sort((a, b) => a - b);
  const rows = keys.map((key) => {
    const level = map.get(key)!;
    const position = levels ? levels.indexOf(level) : -1;
    const keyText = options.hex ? `0x${key.toString(16).toUpperCase().padStart(2, '0')}` : String(key);
    return {
      key,
      keyText,
      deviceLabel: labels && position >= 0 ? labels[position]! : strings.evaluation.keyLabel(keyText),
      level,
      levelLabel: strings.caseFlow.ratings[level],
      nationalCode: levelCode(level, 'national'),
      provincialCode: levelCode(level, 'provincial'),
    };
  });
  const given = new Set(map.values());
  return { rows, unreachable: RATINGS.filter((r) => !given.has(r)) };
}
