import type { PhraseStage } from './schema';

/** What the stage of the prompts depends on: the case in progress, as far as it is known. */
export interface StageFacts {
  applicant: unknown;
}

/**
 * The prompt stage for the case in progress. Today: no case (or no
 * applicant yet) → 问候; an applicant identified → 受理. The case workflow
 * extends this with its own states (接收, 退回, 回执, 告别…) when it exists.
 */
export function stageForCase(currentCase: StageFacts | null | undefined): PhraseStage {
  if (!currentCase || currentCase.applicant === null || currentCase.applicant === undefined) return '问候';
  return '受理';
}
