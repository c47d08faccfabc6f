import { useState, type JSX } from 'react';
import type { CounterApi, SpecialPrompt } from '../../../shared/contract';
import type { ExtendedServiceNotice } from '../../../shared/domain/prompts/closing';
import { strings } from '../../../shared/i18n';
import { messageOf } from '../../api';

const t = strings.prompts;

export interface SpecialPromptsProps {
  api: CounterApi;
  online: boolean;
  /** From getPhrases: green channel, the 老年人 offer, a long wait. */
  special: readonly SpecialPrompt[];
  /** 延时服务: after closing time with a case in progress. */
  extended: ExtendedServiceNotice | null;
  /** The 老年人 offer may be taken only where the case allows setting priority. */
  canSetPriority: boolean;
}

/**
 * The special situations of the case in progress, above its phrases: what
 * the clerk should do, and why the fitting phrase leads. Calm notes, not
 * alarms; nothing here blocks the case.
 */
export function SpecialPrompts({ api, online, special, extended, canSetPriority }: SpecialPromptsProps): JSX.Element | null {
  const [marking, setMarking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (special.length === 0 && extended === null) return null;

  const markElderly = (): void => {
    setMarking(true);
    setError(null);
    // The clerk's one click marks it; the terminal never does on its own.
    api
      .invoke('caseAction', { action: { type: 'setPriority', priority: true, reason: t.suggestElderly.reason, category: 'elderly' } })
      .then(
        (outcome) => {
          if (!outcome.ok) setError(outcome.message);
        },
        (failure: unknown) => setError(messageOf(failure)),
      )
      .finally(() => setMarking(false));
  };

  return (
    <section className="special-prompts" aria-label={t.title} data-testid="special-prompts">
      {extended && (
        <div className="special-prompt special-prompt--extended" role="status" data-testid="special-extended">
          <strong className="special-prompt__heading">{t.extended.heading}</strong>
          <span>{t.extended.text}</span>
          <span className="special-prompt__meta">{t.extended.since(extended.since, extended.minutes)}</span>
        </div>
      )}
      {special.map((prompt) => {
        switch (prompt.kind) {
          case 'priority': {
            const category = prompt.category ? (t.priority.categories[prompt.category] ?? null) : null;
            return (
              <div key="priority" className="special-prompt special-prompt--priority" data-testid="special-priority" data-category={prompt.category ?? ''}>
                <strong className="special-prompt__heading">{t.priority.heading(category)}</strong>
                <span>{t.priority.todo}</span>
                {prompt.reason && prompt.reason !== category && <span className="special-prompt__meta">{t.priority.reason(prompt.reason)}</span>}
              </div>
            );
          }
          case 'suggestElderly':
            return (
              <div key="elderly" className="special-prompt special-prompt--offer" data-testid="special-suggest-elderly">
                <span>{t.suggestElderly.text(prompt.age, prompt.threshold)}</span>
                {canSetPriority && (
                  <button
                    type="button"
                    className="button button--quiet special-prompt__action"
                    data-testid="mark-elderly"
                    disabled={!online || marking}
                    aria-busy={marking}
                    onClick={markElderly}
                  >
                    {t.suggestElderly.action}
                  </button>
                )}
                {error && (
                  <span className="special-prompt__error" role="alert">
                    {error}
                  </span>
                )}
              </div>
            );
          case 'longWait':
            return (
              <div key="longWait" className="special-prompt special-prompt--wait" data-testid="special-long-wait">
                <strong className="special-prompt__heading">{t.longWait.heading}</strong>
                <span>{prompt.source === 'ticket' ? t.longWait.ticket(prompt.minutes) : t.longWait.previousCase(prompt.minutes, prompt.threshold)}</span>
              </div>
            );
        }
      })}
    </section>
  );
}
