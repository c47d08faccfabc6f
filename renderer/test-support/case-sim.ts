/**
 * Test support: a case service in memory for the renderer's component
 * tests. Every clerk action goes through the real state machine of
 * shared/domain/case (and a rejection text through the real forbidden-phrase
 * guard), so a refusal the screen shows is the one the counter would give.
 * Dates and numbers are fixed; the catalogue is the test kit's.
 */
import type { CaseAction, CaseView, ItemSummary, SlipSummary } from '../../shared/contract';
import { startCase, transition, type CaseEventInput, type CaseState, type Person } from '../../shared/domain/case';
import { CaseEventSchema } from '../../shared/domain/case/events';
import { AT, ON, item, referredItem } from '../../shared/domain/case/test-kit';
import type { ServiceItem } from '../../shared/domain/catalogue/schema';
import { toCaseView, type StoredCard } from '../../shared/domain/case/view';
import { checkForbidden } from '../../shared/domain/phrases/forbidden-guard';
import { SLIP_OF_DECISION } from '../../shared/domain/slips/slip-from-case';
import { strings } from '../../shared/i18n';
import { FakeCounterApi, sampleApplicant, sampleSnapshot } from './fake-api';

export const CASE_ID = '01-20260302-0001';
export const PROMISED = '2026-03-09';
export const SUPPLY = '2026-03-06';
export { item, referredItem };

const f = strings.caseFlow;

/** The sample card as the service keeps it (full number); the view masks it again. */
const { idNumberMasked: _masked, photo: _photo, age: _age, ...sampleView } = sampleApplicant;
const sampleCard = { ...sampleView, birthDate: '19900101' };

function summary(i: ServiceItem): ItemSummary {
  return {
    code: i.implementationCode,
    name: i.name,
    department: i.implementingBody.name,
    handling: i.handling,
    promisedDays: i.promisedLimit.days,
    promisedUnit: i.promisedLimit.unit,
    materialCount: i.materials.length,
    referral: i.referral?.department ?? null,
  };
}

const manual = (p: Extract<CaseAction, { type: 'identifyManually' }>['person']): Person => ({
  name: p.name,
  idType: p.idType,
  idNumber: p.idNumber,
  entry: { method: 'manual', reason: p.reason, ...(p.text ? { text: p.text } : {}) },
});

export class CaseSim {
  state: CaseState | null;
  expectingAgent = false;
  slips: SlipSummary[] = [];
  readonly items: ServiceItem[] = [item, referredItem];
  /** Whether the applicant came from a card (the view then carries the card). */
  private card = true;
  readonly api: FakeCounterApi;

  constructor(state: CaseState | null = null, options: { shell?: 'web' | 'electron' } = {}) {
    this.state = state;
    this.api = new FakeCounterApi(sampleSnapshot({ shell: options.shell ?? 'electron', currentCase: null }), {
      caseAction: ({ action }) => this.handle(action),
      searchItems: ({ query }) =>
        this.items.filter((i) => query === '' || i.name.includes(query) || i.implementationCode.startsWith(query)).map(summary),
      issueSlip: ({ paper }) => this.issue(paper ?? 'a4'),
      clearCase: () => ({ cleared: false }),
    });
    this.api.snapshot.currentCase = this.view();
  }

  /** The view as the service builds it (the real toCaseView): ID numbers and the phone masked. */
  view(): CaseView | null {
    const s = this.state;
    if (!s || s.phase === 'closed' || s.phase === 'abandoned') return null;
    const applicant = 'applicant' in s ? s.applicant : null;
    const applicantCard: StoredCard | null =
      applicant && this.card && applicant.entry.method === 'idCard'
        ? { ...sampleCard, name: applicant.name, idNumber: applicant.idNumber }
        : null;
    return toCaseView(
      { id: s.caseId, openedAt: s.openedAt, state: s, applicantCard, agentCard: null },
      { expectingAgentCard: this.expectingAgent, slips: this.slips },
      { head: 6, tail: 4 },
    );
  }

  private apply(input: CaseEventInput): { ok: boolean; message: string } {
    if (!this.state) return { ok: false, message: f.service.noOpenCase };
    const result = transition(this.state, CaseEventSchema.parse(input));
    if (!result.ok) return { ok: false, message: result.reason };
    this.state = result.state;
    this.publish();
    return { ok: true, message: '' };
  }

  publish(): void {
    this.api.emit('case.changed', this.view());
  }

  handle(action: CaseAction): { ok: boolean; message: string } {
    const at = AT;
    switch (action.type) {
      case 'start':
        if (this.view()) return { ok: false, message: f.service.alreadyOpen };
        this.state = startCase({ caseId: CASE_ID, at, ticket: action.ticket, priority: action.priority });
        this.publish();
        return { ok: true, message: '' };
      case 'expectAgentCard':
        this.expectingAgent = action.on;
        this.publish();
        return { ok: true, message: action.on ? f.service.waitingForAgentCard : '' };
      case 'identifyManually':
        this.card = false;
        return this.apply({ type: 'identifyApplicant', at, applicant: manual(action.person) });
      case 'setAgentManually':
        return this.apply({ type: 'setAgent', at, agent: manual(action.person) });
      case 'chooseItem': {
        const chosen = this.items.find((i) => i.implementationCode === action.itemCode);
        if (!chosen) return { ok: false, message: f.service.unknownItem(action.itemCode) };
        return this.apply({ type: 'chooseItem', at, on: ON, item: chosen });
      }
      case 'accept':
        return this.apply({ type: 'accept', at, on: ON, promisedDate: PROMISED });
      case 'acceptTolerated':
        return this.apply({ ...action, at, on: ON, promisedDate: PROMISED, supplyDeadline: SUPPLY });
      case 'notifyOnce':
        return this.apply({ type: 'notifyOnce', at, on: ON, supplyDeadline: SUPPLY });
      case 'reject': {
        const guard = checkForbidden(action.text ?? '');
        if (guard.flagged) return { ok: false, message: f.service.forbidden(guard.matches.map((m) => m.phrase.text).join('、'), guard.suggestion ?? '') };
        return this.apply({ ...action, at, on: ON });
      }
      default:
        return this.apply({ ...action, at } as CaseEventInput);
    }
  }

  issue(paper: SlipSummary['paper']): { ok: boolean; message: string; slip: SlipSummary | null } {
    const s = this.state;
    if (!s || s.phase !== 'decided') return { ok: false, message: strings.slipService.notDecided, slip: null };
    const { kind } = SLIP_OF_DECISION[s.decision.kind];
    const number = `示例政务〔2026〕${SLIP_OF_DECISION[s.decision.kind].nature}字第000001号`;
    const dry = transition(s, { type: 'slipPrinted', at: AT, slipNumber: number });
    if (!dry.ok) return { ok: false, message: dry.reason, slip: null };
    const slip: SlipSummary = { id: 7, kind, number, issuedAt: AT, copy: 1, paper, print: { status: 'none', message: strings.printing.noPrinter }, signature: 'none' };
    this.slips = [slip];
    this.state = dry.state;
    this.publish();
    return { ok: true, message: strings.slipService.issued(strings.slips.titles[kind], number), slip };
  }
}
