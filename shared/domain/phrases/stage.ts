import type { DecisionKind, Phase } from '../case/vocabulary';
import type { PhraseStage } from './schema';

/** What the stage of the prompts depends on: the case in progress, as far as it is known. */
export interface StageFacts {
  /** The applicant's card as read (null before a card read or for a manual entry). */
  applicant: unknown;
  /** The workflow state, when the case workflow knows the case (CaseView.flow). */
  flow?: { state: { phase: Phase; decision?: { kind: DecisionKind } } };
}

/** After a decision: what the clerk says on telling it, and on handing over its slip. */
const AFTER_DECISION: Record<DecisionKind, { told: PhraseStage; handedOver: PhraseStage }> = {
  accept: { told: '接收', handedOver: '回执' },
  tolerate: { told: '接收', handedOver: '回执' },
  // Materials to supply or correct: the 退回 wording (还缺……, ……未签章) until the citizen leaves.
  notify: { told: '退回', handedOver: '退回' },
  // Explaining a refusal and where to go instead.
  reject: { told: '接待', handedOver: '接待' },
};

/**
 * The prompt stage for the case in progress, following its phase: no case
 * (or no applicant yet) → 问候; applicant identified and materials under
 * review → 受理; decided → 接收 (accepted), 退回 (one-time notice) or 接待
 * (not accepted: explain); slip handed over → 回执 for an acceptance;
 * evaluated or closed → 告别.
 */
export function stageForCase(currentCase: StageFacts | null | undefined): PhraseStage {
  if (!currentCase) return '问候';
  const state = currentCase.flow?.state;
  if (!state) return currentCase.applicant === null || currentCase.applicant === undefined ? '问候' : '受理';
  switch (state.phase) {
    case 'started':
    case 'abandoned':
      return '问候';
    case 'identified':
    case 'materialCheck':
      return '受理';
    case 'decided':
      return state.decision ? AFTER_DECISION[state.decision.kind].told : '受理';
    case 'slipPrinted':
      return state.decision ? AFTER_DECISION[state.decision.kind].handedOver : '回执';
    case 'evaluated':
    case 'closed':
      return '告别';
  }
}
