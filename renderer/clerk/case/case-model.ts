import type { CaseAction, CaseView } from '../../../shared/contract';
import {
  ALLOWED_PHASES,
  checksByMaterial,
  type CaseEventType,
  type CaseState,
  type CaseStateOf,
  type Phase,
} from '../../../shared/domain/case';

/** The steps the clerk sees, in order (strings.caseScreen.steps). */
export const STEPS = ['start', 'applicant', 'item', 'materials', 'decision', 'sign', 'slip', 'evaluation', 'close'] as const;
export type Step = (typeof STEPS)[number];

export type CaseActionType = CaseAction['type'];

/** The workflow event each clerk action becomes in the service (expectAgentCard leads to setAgent). */
const EVENT_OF: Record<Exclude<CaseActionType, 'start'>, CaseEventType> = {
  identifyManually: 'identifyApplicant',
  setAgentManually: 'setAgent',
  expectAgentCard: 'setAgent',
  clearAgent: 'clearAgent',
  setPriority: 'setPriority',
  setContactPhone: 'setContactPhone',
  setDelivery: 'setDelivery',
  chooseItem: 'chooseItem',
  checkMaterial: 'checkMaterial',
  accept: 'accept',
  acceptTolerated: 'acceptTolerated',
  notifyOnce: 'notifyOnce',
  reject: 'reject',
  withdrawDecision: 'withdrawDecision',
  skipEvaluation: 'skipEvaluation',
  close: 'close',
  abandon: 'abandon',
};

/** Whether the state machine takes this action in this phase (its own table: nothing re-encoded here). */
export function allowedIn(type: Exclude<CaseActionType, 'start'>, phase: Phase): boolean {
  return ALLOWED_PHASES[EVENT_OF[type]].includes(phase);
}

export type WithItem = CaseStateOf<'materialCheck' | 'decided' | 'slipPrinted' | 'evaluated' | 'closed'>;
export type WithDecision = CaseStateOf<'decided' | 'slipPrinted' | 'evaluated' | 'closed'>;

export function hasItem(state: CaseState): state is WithItem {
  return 'item' in state && state.item !== null && state.phase !== 'abandoned';
}

export function hasDecision(state: CaseState): state is WithDecision {
  return 'decision' in state;
}

/** Materials not yet looked at. */
export function pendingCount(state: CaseState): number {
  if (!hasItem(state)) return 0;
  return checksByMaterial(state.item, state.checks).filter((row) => row.result.status === 'pending').length;
}

/**
 * The step the clerk is at: what to do next. `signatureSettled`: the 签名
 * step is done (signed, waived, or the slip needs no signature).
 */
export function currentStep(view: CaseView | null, signatureSettled = true): Step {
  if (!view) return 'start';
  const state = view.flow.state;
  switch (state.phase) {
    case 'started':
      return 'applicant';
    case 'identified':
      return 'item';
    case 'materialCheck':
      return pendingCount(state) > 0 ? 'materials' : 'decision';
    case 'decided':
      return signatureSettled ? 'slip' : 'sign';
    case 'slipPrinted':
      return 'evaluation';
    case 'evaluated':
    case 'closed':
      return 'close';
    case 'abandoned':
      return 'start';
  }
}

/** 2026-03-09 → 2026年03月09日; anything else as received. */
export function formatIsoDate(iso: string, format: (y: string, m: string, d: string) => string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? format(match[1]!, match[2]!, match[3]!) : iso;
}
