import type { PriorityCategory } from '../case/vocabulary';

/** A case's priority flag, as stored (cases from before the category have none). */
export interface PriorityFlag {
  on: boolean;
  reason: string | null;
  category?: PriorityCategory | null | undefined;
}

/**
 * Key words of the reasons the clerk could choose before the category was
 * stored (老年人, 残疾人, 孕期妇女, 现役军人及军属), so an old case still gets
 * the right green-channel prompt.
 */
const FROM_REASON: readonly [RegExp, PriorityCategory][] = [
  [/老|高龄/, 'elderly'],
  [/残/, 'disabled'],
  [/孕/, 'pregnant'],
  [/军/, 'military'],
];

/** The category of a priority case: stored, else read from its reason; null when not priority or not said. */
export function priorityCategoryOf(priority: PriorityFlag | null | undefined): PriorityCategory | null {
  if (!priority?.on) return null;
  if (priority.category) return priority.category;
  const reason = priority.reason?.trim() ?? '';
  if (reason === '') return null;
  return FROM_REASON.find(([pattern]) => pattern.test(reason))?.[1] ?? 'other';
}
