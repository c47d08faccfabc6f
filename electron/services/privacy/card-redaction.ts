import { parseCaseState, type CaseState, type Person } from '../../../shared/domain/case';
import { maskIdNumber } from '../../../shared/domain/id-number';

/**
 * A closed case's state as the counter keeps it after its card data's
 * retention: full ID numbers masked (as in the history's column), the
 * contact phone and a postal address dropped. Names, the item, the
 * decision, the slip and the rating stay: the case record still reads.
 * Null when the stored state is not a case state (nothing worth keeping).
 */
export function redactCaseState(json: unknown): CaseState | null {
  const state = parseCaseState(json);
  if (!state) return null;
  const mask = (p: Person | null): Person | null => (p ? { ...p, idNumber: maskIdNumber(p.idNumber) } : null);
  const delivery = state.delivery?.method === 'post' ? { ...state.delivery, address: '' } : state.delivery;
  const redacted = { ...state, agent: mask(state.agent), contactPhone: null, delivery } as CaseState;
  if ('applicant' in redacted && redacted.applicant) (redacted as { applicant: Person | null }).applicant = mask(redacted.applicant);
  return parseCaseState(redacted);
}
