import { checksByMaterial, isProblem, type CaseState } from '../case';
import type { PhraseContext } from './fill';
import type { PhraseCue } from './schema';

/**
 * The phrase slots a case fills: the item, the materials asked for or
 * missing, the date promised or the supply deadline, the days, and where
 * to go instead after a rejection. Pure; what the case does not know yet
 * stays absent, so the phrase keeps a visible gap rather than a guess.
 */
export function phraseSlotsFromCase(state: CaseState | null): PhraseContext {
  if (!state || !('item' in state) || !state.item) return {};
  const { item } = state;
  const checks = 'checks' in state ? state.checks : [];
  const rows = checksByMaterial(item, checks);
  const slots: Record<string, unknown> = {
    itemName: item.name,
    requiredMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
  };
  const problems = rows.filter((r) => isProblem(r.result)).map((r) => r.material.name);
  if (problems.length > 0) slots.missingMaterials = problems;
  const limit = item.promisedLimit;
  if (limit.days > 0) slots[limit.unit === 'workingDays' ? 'workingDays' : 'days'] = limit.days;

  const decision = 'decision' in state ? state.decision : null;
  if (decision?.kind === 'accept' || decision?.kind === 'tolerate') slots.dueDate = decision.promisedDate;
  if (decision?.kind === 'notify') slots.dueDate = decision.supplyDeadline;
  if ((decision?.kind === 'notify' || decision?.kind === 'tolerate') && decision.notice.length > 0)
    slots.missingMaterials = decision.notice.map((n) => n.name);
  if (decision?.kind === 'reject' && decision.referral) {
    slots.department = decision.referral.department;
    if (decision.referral.window) slots.targetWindow = decision.referral.window;
  }
  return slots as PhraseContext;
}

/**
 * The situations the case itself shows, so the most fitting phrase comes
 * first without the clerk choosing: materials missing or defective, a fee
 * due. (The clerk adds the others — a system fault — from the panel.)
 */
export function phraseCuesFromCase(state: CaseState | null): PhraseCue[] {
  if (!state || !('item' in state) || !state.item) return [];
  const checks = 'checks' in state ? state.checks : [];
  const results = checksByMaterial(state.item, checks).map((r) => r.result.status);
  const cues: PhraseCue[] = [];
  if (results.includes('missing')) cues.push('materialsIncomplete');
  if (results.includes('defective')) cues.push('materialDefect');
  if (state.item.fee.charged) cues.push('payment');
  return cues;
}
