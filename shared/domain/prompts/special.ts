import type { PhraseCue, PhraseStage } from '../phrases/schema';
import type { LongWait } from './long-wait';
import { priorityCategoryOf, type PriorityFlag } from './priority';
import type { SpecialPrompt } from './schema';

/** What the terminal knows about the case in progress for the special prompts. */
export interface SpecialFacts {
  /** The stage the prompts are for. */
  stage: PhraseStage;
  /** The case's priority flag (null without a case). */
  priority: PriorityFlag | null;
  /** The applicant's age from their ID number, when it tells. */
  applicantAge: number | null;
  /** From which age to suggest the 老年人 green channel. */
  elderlyAge: number;
  /** A long wait, as longWaitFor judged it. */
  longWait: LongWait | null;
  longWaitThreshold: number;
}

/** The apology for a long wait belongs where the citizen is first spoken to: greeting and acceptance. */
const LONG_WAIT_STAGES: readonly PhraseStage[] = ['问候', '受理'];

/**
 * The special prompts for the case in progress and the cues they add, so
 * the fitting standard phrase comes first (请稍候,我们马上为您办理! for a
 * priority citizen; 很抱歉,让您久等了。 after a long wait). Order: priority
 * (or the offer to mark it), then the long wait. Never marks anything by
 * itself: the 老年人 offer waits for the clerk.
 */
export function specialPrompts(facts: SpecialFacts): { prompts: SpecialPrompt[]; cues: PhraseCue[] } {
  const prompts: SpecialPrompt[] = [];
  const cues: PhraseCue[] = [];
  if (facts.priority?.on) {
    prompts.push({ kind: 'priority', category: priorityCategoryOf(facts.priority), reason: facts.priority.reason });
    cues.push('priority');
  } else if (facts.priority && facts.applicantAge !== null && facts.applicantAge >= facts.elderlyAge) {
    prompts.push({ kind: 'suggestElderly', age: facts.applicantAge, threshold: facts.elderlyAge });
  }
  if (facts.longWait && LONG_WAIT_STAGES.includes(facts.stage)) {
    prompts.push({ kind: 'longWait', source: facts.longWait.source, minutes: facts.longWait.minutes, threshold: facts.longWaitThreshold });
    cues.push('longWait');
  }
  return { prompts, cues };
}
