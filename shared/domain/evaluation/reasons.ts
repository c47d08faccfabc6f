import { z } from 'zod';
import { strings } from '../../i18n';
import { isBadRating, type Rating } from './levels';

/**
 * Reasons for a 差评, in the three offline indicator groups: 服务效率,
 * 服务水平, 服务态度. Centres publish their own codes, so the list is
 * configuration (config.json `evaluation.reasons`); the defaults below are a
 * starting point with codes of our own.
 */

export const REASON_GROUPS = ['efficiency', 'competence', 'attitude'] as const;
export const ReasonGroupSchema = z.enum(REASON_GROUPS);
export type ReasonGroup = z.infer<typeof ReasonGroupSchema>;

export const ReasonSchema = z
  .object({
    code: z.string().trim().min(1).max(20),
    label: z.string().trim().min(1).max(40),
    group: ReasonGroupSchema,
  })
  .strict();
export type Reason = z.infer<typeof ReasonSchema>;

/** The default reason list (codes E/S/A + number; labels from strings.evaluation.defaultReasons). */
export function defaultReasons(): Reason[] {
  const d = strings.evaluation.defaultReasons;
  return [
    { code: 'E01', label: d.E01, group: 'efficiency' },
    { code: 'E02', label: d.E02, group: 'efficiency' },
    { code: 'E03', label: d.E03, group: 'efficiency' },
    { code: 'S01', label: d.S01, group: 'competence' },
    { code: 'S02', label: d.S02, group: 'competence' },
    { code: 'S03', label: d.S03, group: 'competence' },
    { code: 'A01', label: d.A01, group: 'attitude' },
    { code: 'A02', label: d.A02, group: 'attitude' },
    { code: 'A03', label: d.A03, group: 'attitude' },
  ];
}

/** Problems of a configured list: duplicate codes. */
export function reasonListProblem(list: readonly Reason[]): string | null {
  const seen = new Set<string>();
  for (const r of list) {
    if (seen.has(r.code)) return strings.evaluation.reasons.duplicateCode(r.code);
    seen.add(r.code);
  }
  return null;
}

export type ReasonCheck = { ok: true; codes: string[] } | { ok: false; message: string };

/**
 * The reasons given with a level: a 差评 needs at least one, every code must
 * be on the list, duplicates collapse; a 好评 carries none.
 */
export function checkReasons(level: Rating, codes: readonly string[] | undefined, list: readonly Reason[]): ReasonCheck {
  const given = [...new Set((codes ?? []).map((c) => c.trim()).filter((c) => c !== ''))];
  if (!isBadRating(level)) {
    return given.length === 0 ? { ok: true, codes: [] } : { ok: false, message: strings.evaluation.reasons.onlyForBad };
  }
  if (given.length === 0) return { ok: false, message: strings.evaluation.reasons.required };
  const known = new Set(list.map((r) => r.code));
  const unknown = given.filter((c) => !known.has(c));
  if (unknown.length > 0) return { ok: false, message: strings.evaluation.reasons.unknown(unknown.join('、')) };
  return { ok: true, codes: given };
}
