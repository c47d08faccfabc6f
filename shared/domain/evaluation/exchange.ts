import { levelCode, RATINGS, type CodeDirection, type Rating } from './levels';
import type { EvaluationStatus } from './stats';

/**
 * One rating as the exports and the upload see it, and its GB/T 39046
 * exchange form (specs/evaluation.md, "Record fields"): field names are the
 * standard's data-item names, times are YYYYMMDDThhmmss in Beijing time, and
 * the level code is written in the direction the caller names — there is no
 * default, because national (A.8: 1 = 非常满意) and provincial
 * (1 = 非常不满意) interfaces disagree.
 *
 * The Chinese field names and level names here are identifiers of an
 * exchange format, not UI text: they must not change with the locale.
 */

/** How a rating was given: a keypad (serial or HID), the citizen-facing screen, or the configured default. */
export const RATING_CHANNELS = ['keypad', 'screen', 'default'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

export interface RatingRecord {
  caseId: string;
  day: string;
  itemCode: string;
  itemName: string;
  windowNumber: string;
  clerkName: string;
  clerkStaffNumber: string;
  status: EvaluationStatus;
  level: Rating | null;
  reasons: string[];
  comment: string;
  channel: RatingChannel | '';
  ratedAt: string | null;
  /** The applicant's name for a real-name rating; empty: anonymous. */
  rater: string;
  /** 1 for the first rating of a case (一次一评: always 1 at the counter). */
  count: number;
}

/** Channel codes in use (1 PC, 2 mobile, 3 QR, 4 hall tablet, 5 other hall terminal, 6/7 vary by province). */
export interface ChannelCodes {
  keypad: string;
  screen: string;
  default: string;
}

export const EXCHANGE_STANDARD = 'GB/T 39046-2020';

/** The standard's names of the five levels. */
export const STANDARD_LEVEL_NAMES: Readonly<Record<Rating, string>> = {
  verySatisfied: '非常满意',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意',
};

/** Data-item names of an exchange record, in column order. */
export const EXCHANGE_FIELDS = {
  caseNumber: '办件编号',
  itemCode: '事项编码',
  itemName: '事项名称',
  channel: '评价渠道',
  rater: '评价人',
  anonymous: '是否匿名',
  time: '评价时间',
  count: '评价次数',
  level: '评价等级',
  levelCode: '评价等级代码',
  comment: '文字评价',
  reasonCodes: '差评原因代码',
  regionCode: '行政区划代码',
  clerk: '经办人',
  clerkStaffNumber: '经办人工号',
  window: '窗口编号',
} as const;

export type ExchangeRecord = Record<(typeof EXCHANGE_FIELDS)[keyof typeof EXCHANGE_FIELDS], string | number>;

/** YYYYMMDDThhmmss in Beijing time (UTC+8 all year: China keeps no daylight saving). */
export function exchangeTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${iso}`);
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export interface ExchangeOptions {
  direction: CodeDirection;
  regionCode: string;
  channelCodes: ChannelCodes;
}

/** The exchange record of a rating that has a level; null for 未评 and waiting requests (they carry no level). */
export function exchangeRecord(r: RatingRecord, o: ExchangeOptions): ExchangeRecord | null {
  if (!r.level || !r.ratedAt) return null;
  const f = EXCHANGE_FIELDS;
  return {
    [f.caseNumber]: r.caseId,
    [f.itemCode]: r.itemCode,
    [f.itemName]: r.itemName,
    [f.channel]: r.channel ? o.channelCodes[r.channel] : '',
    [f.rater]: r.rater,
    [f.anonymous]: r.rater ? 0 : 1,
    [f.time]: exchangeTime(r.ratedAt),
    [f.count]: r.count,
    [f.level]: STANDARD_LEVEL_NAMES[r.level],
    [f.levelCode]: levelCode(r.level, o.direction),
    [f.comment]: r.comment,
    [f.reasonCodes]: r.reasons.join(','),
    [f.regionCode]: o.regionCode,
    [f.clerk]: r.clerkName,
    [f.clerkStaffNumber]: r.clerkStaffNumber,
    [f.window]: r.windowNumber,
  } as ExchangeRecord;
}

/** The code table of a direction, written into every exchange file: { "1": "非常满意", … }. */
export function levelCodeTable(direction: CodeDirection): Record<string, string> {
  const table: Record<string, string> = {};
  for (const level of RATINGS) table[String(levelCode(level, direction))] = STANDARD_LEVEL_NAMES[level];
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => Number(a) - Number(b)));
}

export interface ExchangeFile {
  standard: string;
  levelCodeDirection: CodeDirection;
  levelCodes: Record<string, string>;
  exportedAt: string;
  count: number;
  records: ExchangeRecord[];
}

export function exchangeFile(records: readonly RatingRecord[], o: ExchangeOptions, exportedAt: string): ExchangeFile {
  const out = records.map((r) => exchangeRecord(r, o)).filter((r): r is ExchangeRecord => r !== null);
  return {
    standard: EXCHANGE_STANDARD,
    levelCodeDirection: o.direction,
    levelCodes: levelCodeTable(o.direction),
    exportedAt: exchangeTime(exportedAt),
    count: out.length,
    records: out,
  };
}
