import type { CounterConfig } from '../../../shared/contract';
import { localIsoDate } from '../../../shared/domain/calendar';
import type { CaseState } from '../../../shared/domain/case';
import type { PhraseCue, PhraseStage } from '../../../shared/domain/phrases/schema';
import { applicantAge } from '../../../shared/domain/prompts/age';
import { longWaitFor } from '../../../shared/domain/prompts/long-wait';
import type { SpecialPrompt } from '../../../shared/domain/prompts/schema';
import { specialPrompts } from '../../../shared/domain/prompts/special';
import type { Db } from '../storage/database';

export interface SpecialPromptOptions {
  db: Db;
  config: CounterConfig['prompts'];
  now?: () => Date;
}

/**
 * Gathers what the special prompts need from the case in progress and this
 * window's history — the applicant's age from the full ID number (which
 * never leaves the service), the case before this one — and applies the
 * pure rules of shared/domain/prompts.
 */
export class SpecialPromptService {
  private readonly now: () => Date;

  constructor(private readonly options: SpecialPromptOptions) {
    this.now = options.now ?? (() => new Date());
  }

  forCase(stage: PhraseStage, open: { id: string; openedAt: string; state: CaseState } | null): { prompts: SpecialPrompt[]; cues: PhraseCue[] } {
    if (!open) return { prompts: [], cues: [] };
    const { config } = this.options;
    const applicant = 'applicant' in open.state ? open.state.applicant : null;
    const longWait = longWaitFor(
      // No queue system is connected, so a ticket's wait is not known here; the previous case tells.
      { caseOpenedAt: open.openedAt, previous: this.previousCase(open.id, open.openedAt) },
      { thresholdMinutes: config.longWaitMinutes, idleGapMinutes: config.idleGapMinutes },
    );
    return specialPrompts({
      stage,
      priority: open.state.priority,
      applicantAge: applicantAge(applicant, localIsoDate(this.now())),
      elderlyAge: config.elderlyAge,
      longWait,
      longWaitThreshold: config.longWaitMinutes,
    });
  }

  /** The last case at this window (one database per window) that ended before this one opened. */
  private previousCase(caseId: string, openedAt: string): { openedAt: string; closedAt: string } | null {
    const row = this.options.db
      .prepare<[string, string], { opened_at: string; closed_at: string }>(
        'SELECT opened_at, closed_at FROM cases WHERE id <> ? AND closed_at IS NOT NULL AND closed_at <= ? ORDER BY closed_at DESC LIMIT 1',
      )
      .get(caseId, openedAt);
    return row ? { openedAt: row.opened_at, closedAt: row.closed_at } : null;
  }
}
