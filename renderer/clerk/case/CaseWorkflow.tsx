import { useState, type JSX } from 'react';
import type { CaseView } from '../../../shared/contract';
import type { CaseStateOf } from '../../../shared/domain/case';
import type { ServiceItem } from '../../../shared/domain/catalogue/schema';
import { strings } from '../../../shared/i18n';
import { CardApplicant, ManualApplicant } from './ApplicantCard';
import { CaseDetails } from './CaseDetails';
import { CaseSummary } from './CaseSummary';
import { DecisionOutcome } from './DecisionOutcome';
import { DecisionPanel, NoticePreview } from './DecisionPanel';
import { EvaluationSection } from './EvaluationSection';
import { ItemSearch } from './ItemSearch';
import { MaterialChecklist } from './MaterialChecklist';
import { SlipSection } from './SlipSection';
import { StartCase, WaitingApplicant } from './StartCase';
import { SignatureSection } from '../signature/SignatureSection';

const t = strings.caseScreen;
const c = strings.catalogue;

function ItemHeader({ item, onChange }: { item: ServiceItem; onChange?: () => void }): JSX.Element {
  const limit = item.promisedLimit;
  return (
    <div className="item-header" data-testid="item-header">
      <span className="item-header__name" data-testid="item-name" title={item.implementationCode}>
        {item.name}
      </span>
      <span className={`tag ${item.handling === 'immediate' ? 'tag--ok' : 'tag--brand'}`}>
        {item.handling === 'immediate' ? t.items.immediate : t.items.promised(limit.days, c.limitUnits[limit.unit])}
      </span>
      <span className="item-header__dept" title={`${item.implementingBody.name} · ${item.implementationCode}`}>
        {item.implementingBody.name}
      </span>
      {onChange && (
        <button type="button" className="link-button item-header__change" data-testid="change-item" title={t.items.changeHint} onClick={onChange}>
          {t.items.change}
        </button>
      )}
    </div>
  );
}

function Identified({ view }: { view: CaseView }): JSX.Element {
  const state = view.flow.state as CaseStateOf<'identified'>;
  return (
    <div className="case-work case-work--identified">
      <div className="case-work__col case-work__col--applicant">
        {view.applicant ? <CardApplicant applicant={view.applicant} /> : <ManualApplicant person={state.applicant} />}
        <h3 className="case-section-title case-section-title--spaced">{t.details.title}</h3>
        <CaseDetails view={view} />
      </div>
      <div className="case-work__col case-work__col--items">
        <h3 className="case-section-title">{t.items.title}</h3>
        <ItemSearch />
      </div>
    </div>
  );
}

function MaterialCheck({ view }: { view: CaseView }): JSX.Element {
  const state = view.flow.state as CaseStateOf<'materialCheck'>;
  const [changing, setChanging] = useState(false);
  return (
    <>
      <CaseSummary view={view} />
      <div className="case-work case-work--check">
        <div className="case-work__col case-work__col--main">
          {changing ? (
            <>
              <h3 className="case-section-title">{t.items.title}</h3>
              <ItemSearch currentCode={state.item.implementationCode} onCancel={() => setChanging(false)} />
            </>
          ) : (
            <>
              <ItemHeader item={state.item} onChange={() => setChanging(true)} />
              <MaterialChecklist item={state.item} checks={state.checks} editable />
            </>
          )}
        </div>
        <div className="case-work__col case-work__col--side">
          {view.flow.assessment && <DecisionPanel item={state.item} assessment={view.flow.assessment} />}
          <NoticePreview entries={view.flow.noticePreview} />
        </div>
      </div>
    </>
  );
}

function Decided({ view, pdfLinks }: { view: CaseView; pdfLinks: boolean }): JSX.Element {
  const state = view.flow.state as CaseStateOf<'decided' | 'slipPrinted' | 'evaluated' | 'closed'>;
  const handedOver = state.phase === 'slipPrinted' || state.phase === 'evaluated';
  return (
    <>
      <CaseSummary view={view} />
      <div className="case-work case-work--decided">
        <div className="case-work__col case-work__col--main">
          {/* Once the slip is out, its number and print status come first and the evaluation takes the side. */}
          {handedOver && <SlipSection view={view} state={state} pdfLinks={pdfLinks} />}
          <DecisionOutcome state={state} />
          {/* 签名 between the decision and the slip (issue 10), where the clerk's eye already is. */}
          {!handedOver && <SignatureSection />}
        </div>
        <div className="case-work__col case-work__col--side">
          {handedOver ? <EvaluationSection state={state} /> : <SlipSection view={view} state={state} pdfLinks={pdfLinks} />}
        </div>
      </div>
    </>
  );
}

/** The body of the case panel for the phase the case is in. */
export function CaseWorkflow({ view, idcardSimulated, pdfLinks }: { view: CaseView | null; idcardSimulated: boolean; pdfLinks: boolean }): JSX.Element {
  if (!view) return <StartCase idcardSimulated={idcardSimulated} />;
  switch (view.flow.state.phase) {
    case 'started':
      return <WaitingApplicant view={view} idcardSimulated={idcardSimulated} />;
    case 'identified':
      return <Identified view={view} />;
    case 'materialCheck':
      // A new item is a new list: the checklist's own state starts over.
      return <MaterialCheck key={view.flow.state.item.implementationCode} view={view} />;
    case 'decided':
    case 'slipPrinted':
    case 'evaluated':
    case 'closed':
      return <Decided view={view} pdfLinks={pdfLinks} />;
    case 'abandoned':
      return <StartCase idcardSimulated={idcardSimulated} />;
  }
}
