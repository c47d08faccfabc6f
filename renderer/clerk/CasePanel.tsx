import { type JSX, type ReactNode } from 'react';
import type { CaseView, CounterApi, DeviceState, ShellKind } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { findPreloadBridge } from '../api';
import { CaseActionsProvider } from './case/case-actions';
import { currentStep } from './case/case-model';
import { CaseWorkflow } from './case/CaseWorkflow';
import { StepIndicator } from './case/StepIndicator';
import { SigningProvider, signatureSettled, useSigning } from './signature/signing-context';
import { formatTimestamp } from './format';
import './case/case.css';

interface CasePanelProps {
  api: CounterApi;
  currentCase: CaseView | null;
  restored: boolean;
  idcardSimulated: boolean;
  /** False while the connection to the services is down: the case controls wait. */
  online: boolean;
  /** Which shell serves the page: the web shell links to the archived slip PDFs. */
  shell: ShellKind | null;
  /** Buttons for the panel's toolbar (模拟刷证, 结束本次办件). */
  actions: ReactNode;
  /** The signature pad's state (签名 on the pad or the citizen screen); null without one. */
  signaturePad?: DeviceState | null;
}

/** The steps, 签名 current while the decided case still needs its signature. */
function CaseSteps({ currentCase }: { currentCase: CaseView | null }): JSX.Element {
  const signing = useSigning();
  return <StepIndicator current={currentStep(currentCase, signatureSettled(signing?.view ?? null))} />;
}

/**
 * The case in progress, step by step: the applicant (card or manual entry)
 * and the case details, the item, the material check, the decision, the
 * slip and the evaluation — or the waiting state when no case is open.
 */
export function CasePanel({ api, currentCase, restored, idcardSimulated, online, shell, actions, signaturePad = null }: CasePanelProps): JSX.Element {
  // Inside Electron (window.counterApi present) the slip prints silently; the web shell offers the PDF.
  const pdfLinks = shell === 'web' && findPreloadBridge(globalThis) === null;
  const phase = currentCase?.flow.state.phase ?? 'none';
  const decision = currentCase && 'decision' in currentCase.flow.state ? currentCase.flow.state.decision.kind : '';
  return (
    <SigningProvider api={api} online={online} caseKey={`${currentCase?.id ?? ''}|${phase}|${decision}`} pad={signaturePad}>
      <section className="panel case-panel" aria-labelledby="case-panel-title" data-testid="case-panel" data-phase={phase}>
        <div className="panel__header">
          <h2 className="panel__title" id="case-panel-title">
            {strings.case.panelTitle}
          </h2>
          {currentCase && (
            <dl className="case-panel__meta">
              <div>
                <dt>{strings.case.caseNumber}</dt>
                <dd className="case-panel__number" data-testid="case-number">
                  {currentCase.id}
                </dd>
              </div>
              <div className="case-panel__opened">
                <dt>{strings.clerkScreen.caseOpenedAt}</dt>
                <dd>{formatTimestamp(currentCase.openedAt)}</dd>
              </div>
            </dl>
          )}
          <div className="panel__actions">{actions}</div>
        </div>
        <CaseSteps currentCase={currentCase} />
        {restored && currentCase && (
          <p className="case-panel__restored" role="status" data-testid="case-restored">
            {strings.case.restoredNotice}
          </p>
        )}
        <div className={`panel__body case-panel__body case-panel__body--${phase}`}>
          <CaseActionsProvider api={api} online={online} caseKey={currentCase?.id ?? ''}>
            <CaseWorkflow view={currentCase} idcardSimulated={idcardSimulated} pdfLinks={pdfLinks} />
          </CaseActionsProvider>
        </div>
      </section>
    </SigningProvider>
  );
}
