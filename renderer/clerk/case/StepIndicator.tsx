import type { JSX } from 'react';
import { strings } from '../../../shared/i18n';
import { STEPS, type Step } from './case-model';

const t = strings.caseScreen;
/** The 签名 step's label lives with the signature screens' strings. */
const LABELS: Record<Step, string> = { ...t.steps, sign: strings.signatureScreen.step };

/** 开始 → 申请人 → 事项 → 材料审查 → 决定 → 签名 → 通知书 → 评价 → 办结, the current step highlighted. */
export function StepIndicator({ current }: { current: Step }): JSX.Element {
  const at = STEPS.indexOf(current);
  return (
    <ol className="case-steps" aria-label={t.stepsLabel} data-testid="case-steps" data-current={current}>
      {STEPS.map((step, i) => {
        const state = i < at ? 'done' : i === at ? 'current' : 'todo';
        return (
          <li
            key={step}
            className={`case-steps__step case-steps__step--${state}`}
            data-testid={`case-step-${step}`}
            data-state={state}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="case-steps__marker" aria-hidden="true">
              {state === 'done' ? (
                <svg viewBox="0 0 16 16" focusable="false">
                  <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
              ) : (
                i + 1
              )}
            </span>
            <span className="case-steps__label">{LABELS[step]}</span>
            <span className="visually-hidden">{t.stepStates[state]}</span>
          </li>
        );
      })}
    </ol>
  );
}
