import { strings } from '../../i18n';
import { isReferred, type ServiceItem } from '../catalogue/schema';
import { normaliseContactPhone } from '../catalogue/phone';
import { isValidIdNumber } from '../id-number';
import type { CaseEvent, CaseEventOf, CaseEventType } from './events';
import { assessMaterials, initialChecks } from './materials';
import { computeOneTimeNotice } from './notice';
import type { CaseState, CaseStateOf, Decision, Person } from './state';
import { GB11643_ID_TYPES, type Phase } from './vocabulary';

const f = strings.caseFlow;
const r = f.refusals;

export type TransitionResult = { ok: true; state: CaseState } | { ok: false; reason: string };

const refuse = (reason: string): TransitionResult => ({ ok: false, reason });
const done = (state: CaseState): TransitionResult => ({ ok: true, state });

/** Phases until the slip is out: the case's content may still change. */
const EDITABLE = ['identified', 'materialCheck', 'decided'] as const satisfies readonly Phase[];

/** Where each event may happen. Everything else is refused with a reason (phaseRefusal). */
export const ALLOWED_PHASES: Record<CaseEventType, readonly Phase[]> = {
  identifyApplicant: ['started', 'identified'],
  setAgent: EDITABLE,
  clearAgent: EDITABLE,
  setPriority: ['started', ...EDITABLE],
  setContactPhone: EDITABLE,
  setDelivery: EDITABLE,
  chooseItem: ['identified', 'materialCheck'],
  checkMaterial: ['materialCheck'],
  accept: ['materialCheck'],
  acceptTolerated: ['materialCheck'],
  notifyOnce: ['materialCheck'],
  reject: ['materialCheck'],
  withdrawDecision: ['decided'],
  slipPrinted: ['decided'],
  slipReprinted: ['slipPrinted', 'evaluated'],
  evaluate: ['slipPrinted'],
  skipEvaluation: ['slipPrinted'],
  close: ['evaluated'],
  abandon: ['started', ...EDITABLE],
};

const DETAILS: readonly CaseEventType[] = ['setAgent', 'clearAgent', 'setContactPhone', 'setDelivery'];
const MATERIAL_WORK: readonly CaseEventType[] = ['checkMaterial', 'accept', 'acceptTolerated', 'notifyOnce', 'reject'];
const AFTER_SLIP: readonly CaseEventType[] = ['evaluate', 'skipEvaluation', 'close', 'slipReprinted'];

/** The most helpful reason an event is not possible in a phase: what to do first, when there is such a thing. */
function phaseRefusal(phase: Phase, type: CaseEventType): string {
  if (phase === 'closed' || phase === 'abandoned') return r.finished;
  if (phase === 'started' && [...DETAILS, 'chooseItem', ...MATERIAL_WORK].includes(type)) return r.needApplicant;
  if (phase === 'identified' && MATERIAL_WORK.includes(type)) return r.needItem;
  if (phase === 'materialCheck' && type === 'identifyApplicant') return r.applicantLocked;
  if (phase === 'decided' && ['identifyApplicant', 'chooseItem', ...MATERIAL_WORK].includes(type)) return r.alreadyDecided;
  if (phase === 'decided' && AFTER_SLIP.includes(type)) return r.needSlip;
  if (phase === 'slipPrinted' && type === 'close') return r.needEvaluation;
  if (phase === 'slipPrinted' || phase === 'evaluated') return type === 'abandon' ? r.slipOutCannotAbandon : r.slipOut;
  return r.notInPhase(f.eventLabels[type], f.phases[phase]);
}

/** Manual entries are checked here; a card read by the reader is taken as read (its own warnings go to the clerk). */
function personRefusal(person: Person): string | null {
  if (person.entry.method !== 'manual') return null;
  if (person.entry.reason === 'other' && !person.entry.text) return r.manualReasonText;
  if (GB11643_ID_TYPES.includes(person.idType) && !isValidIdNumber(person.idNumber)) return r.badIdNumber(f.idTypes[person.idType]);
  return null;
}

function normalisePerson(person: Person): Person {
  return { ...person, name: person.name.trim(), idNumber: person.idNumber.trim().toUpperCase() };
}

const samePerson = (a: Person | null, b: Person | null) =>
  a !== null && b !== null && a.idType === b.idType && a.idNumber.toUpperCase() === b.idNumber.toUpperCase();

/** A freshly opened case, before anyone is identified. */
export function startCase(options: { caseId: string; at: string; ticket?: string; priority?: boolean }): CaseStateOf<'started'> {
  const ticket = options.ticket?.trim();
  return {
    phase: 'started',
    caseId: options.caseId,
    openedAt: options.at,
    updatedAt: options.at,
    ticket: ticket ? ticket : null,
    priority: { on: options.priority ?? false, reason: null },
    applicant: null,
    agent: null,
    contactPhone: null,
    delivery: null,
  };
}

/** The decision an item this window does not handle leads to at once (行政许可法 art. 32 (2)). */
function automaticRejection(item: ServiceItem & { referral: NonNullable<ServiceItem['referral']> }, at: string, on: string): Decision {
  return { kind: 'reject', at, on, warnings: [], reason: 'outsideCompetence', text: '', referral: item.referral, automatic: true };
}

function chooseItem(state: CaseStateOf<'identified' | 'materialCheck'>, e: CaseEventOf<'chooseItem'>): TransitionResult {
  const { item } = e;
  const common = { ...state, updatedAt: e.at, item };
  if (isReferred(item)) return done({ ...common, phase: 'decided', checks: [], decision: automaticRejection(item, e.at, e.on) });
  // Choosing the item again keeps what was checked; another item starts its own list.
  const checks = state.phase === 'materialCheck' && state.item.implementationCode === item.implementationCode ? state.checks : initialChecks(item);
  return done({ ...common, phase: 'materialCheck', checks });
}

function checkMaterial(state: CaseStateOf<'materialCheck'>, e: CaseEventOf<'checkMaterial'>): TransitionResult {
  const material = state.item.materials.find((m) => m.id === e.materialId);
  if (!material) return refuse(r.unknownMaterial(e.materialId));
  if (e.result.status === 'notApplicable' && material.required) return refuse(r.notApplicableRequired(material.name));
  if (e.result.status === 'defective' && e.result.defect === 'other' && !e.result.text) return refuse(r.defectTextNeeded);
  const check = { materialId: material.id, result: e.result };
  // One check per material, in catalogue order, so the stored state reads like the list on paper.
  const checks = state.item.materials.map(
    (m) => (m.id === material.id ? check : state.checks.find((c) => c.materialId === m.id)) ?? { materialId: m.id, result: { status: 'pending' as const } },
  );
  return done({ ...state, updatedAt: e.at, checks });
}

function decide(state: CaseStateOf<'materialCheck'>, decision: Decision): TransitionResult {
  return done({ ...state, phase: 'decided', updatedAt: decision.at, decision });
}

function accept(state: CaseStateOf<'materialCheck'>, e: CaseEventOf<'accept'>): TransitionResult {
  const ready = assessMaterials(state.item, state.checks).accept;
  if (!ready.ok) return refuse(ready.reason);
  if (e.promisedDate < e.on) return refuse(r.promisedBeforeToday);
  return decide(state, { kind: 'accept', at: e.at, on: e.on, warnings: e.warnings, promisedDate: e.promisedDate });
}

function acceptTolerated(state: CaseStateOf<'materialCheck'>, e: CaseEventOf<'acceptTolerated'>): TransitionResult {
  const ready = assessMaterials(state.item, state.checks).tolerate;
  if (!ready.ok) return refuse(ready.reason);
  if (!e.commitmentSigned) return refuse(r.commitmentUnsigned);
  if (e.creditCheck === 'listed') return refuse(r.creditListed);
  if (e.promisedDate < e.on) return refuse(r.promisedBeforeToday);
  if (e.supplyDeadline < e.on) return refuse(r.deadlineBeforeToday);
  // The tolerance period may not exceed the item's promised time limit.
  if (e.supplyDeadline > e.promisedDate) return refuse(r.deadlineAfterPromised(e.promisedDate));
  return decide(state, {
    kind: 'tolerate',
    at: e.at,
    on: e.on,
    warnings: e.warnings,
    promisedDate: e.promisedDate,
    supplyDeadline: e.supplyDeadline,
    commitmentSigned: true,
    creditCheck: e.creditCheck,
    notice: computeOneTimeNotice(state.item, state.checks),
  });
}

function notifyOnce(state: CaseStateOf<'materialCheck'>, e: CaseEventOf<'notifyOnce'>): TransitionResult {
  const ready = assessMaterials(state.item, state.checks).notify;
  if (!ready.ok) return refuse(ready.reason);
  if (e.supplyDeadline < e.on) return refuse(r.deadlineBeforeToday);
  const notice = computeOneTimeNotice(state.item, state.checks);
  return decide(state, { kind: 'notify', at: e.at, on: e.on, warnings: e.warnings, supplyDeadline: e.supplyDeadline, notice });
}

function reject(state: CaseStateOf<'materialCheck'>, e: CaseEventOf<'reject'>): TransitionResult {
  const text = e.text.trim();
  if (e.reason === 'other' && !text) return refuse(r.rejectTextNeeded);
  const referral = e.referral ?? state.item.referral ?? null;
  if (e.reason === 'outsideCompetence' && !referral) return refuse(r.referralNeeded);
  return decide(state, {
    kind: 'reject',
    at: e.at,
    on: e.on,
    warnings: [],
    reason: e.reason,
    text,
    // A referral only belongs on a rejection for lack of competence.
    referral: e.reason === 'outsideCompetence' ? referral : null,
    automatic: false,
  });
}

function withdrawDecision(state: CaseStateOf<'decided'>, e: CaseEventOf<'withdrawDecision'>): TransitionResult {
  const { decision: _decision, ...rest } = state;
  // The automatic rejection came from choosing the item: undoing it means choosing again.
  if (state.decision.kind === 'reject' && state.decision.automatic) {
    const { item: _item, checks: _checks, ...identified } = rest;
    return done({ ...identified, phase: 'identified', updatedAt: e.at });
  }
  return done({ ...rest, phase: 'materialCheck', updatedAt: e.at });
}

function slipPrinted(state: CaseStateOf<'decided'>, e: CaseEventOf<'slipPrinted'>): TransitionResult {
  const number = e.slipNumber.trim();
  if (!number) return refuse(r.slipNumberNeeded);
  const accepted = state.decision.kind === 'accept' || state.decision.kind === 'tolerate';
  // A receipt tells how the result is delivered and how the applicant will be told (acceptance.md).
  if (accepted && !state.delivery) return refuse(r.deliveryNeeded);
  if (accepted && !state.contactPhone) return refuse(r.phoneNeeded);
  return done({ ...state, phase: 'slipPrinted', updatedAt: e.at, slip: { number, printedAt: e.at, reprints: [] } });
}

type Editable = CaseStateOf<(typeof EDITABLE)[number]>;
type Open = Editable | CaseStateOf<'started'>;

/** Applies one event. Pure: the same state and event always give the same answer. */
export function transition(state: CaseState, event: CaseEvent): TransitionResult {
  if (!ALLOWED_PHASES[event.type].includes(state.phase)) return refuse(phaseRefusal(state.phase, event.type));
  const e = event;
  switch (e.type) {
    case 'identifyApplicant': {
      const s = state as CaseStateOf<'started' | 'identified'>;
      const refusal = personRefusal(e.applicant);
      if (refusal) return refuse(refusal);
      const applicant = normalisePerson(e.applicant);
      if (samePerson(applicant, s.agent)) return refuse(r.agentIsApplicant);
      return done({ ...s, phase: 'identified', updatedAt: e.at, applicant });
    }
    case 'setAgent': {
      const s = state as Editable;
      const refusal = personRefusal(e.agent);
      if (refusal) return refuse(refusal);
      const agent = normalisePerson(e.agent);
      if (samePerson(agent, s.applicant)) return refuse(r.agentIsApplicant);
      return done({ ...s, updatedAt: e.at, agent });
    }
    case 'clearAgent': {
      const s = state as Editable;
      if (!s.agent) return refuse(r.noAgent);
      return done({ ...s, updatedAt: e.at, agent: null });
    }
    case 'setPriority': {
      const s = state as Open;
      const category = e.priority ? (e.category ?? null) : null;
      return done({ ...s, updatedAt: e.at, priority: { on: e.priority, reason: e.priority && e.reason ? e.reason : null, category } });
    }
    case 'setContactPhone': {
      const phone = normaliseContactPhone(e.phone);
      if (!phone) return refuse(r.badPhone);
      return done({ ...(state as Editable), updatedAt: e.at, contactPhone: phone });
    }
    case 'setDelivery': {
      const d = e.delivery;
      if (d.method === 'post' && !d.address.trim()) return refuse(r.addressNeeded);
      return done({ ...(state as Editable), updatedAt: e.at, delivery: d });
    }
    case 'chooseItem':
      return chooseItem(state as CaseStateOf<'identified' | 'materialCheck'>, e);
    case 'checkMaterial':
      return checkMaterial(state as CaseStateOf<'materialCheck'>, e);
    case 'accept':
      return accept(state as CaseStateOf<'materialCheck'>, e);
    case 'acceptTolerated':
      return acceptTolerated(state as CaseStateOf<'materialCheck'>, e);
    case 'notifyOnce':
      return notifyOnce(state as CaseStateOf<'materialCheck'>, e);
    case 'reject':
      return reject(state as CaseStateOf<'materialCheck'>, e);
    case 'withdrawDecision':
      return withdrawDecision(state as CaseStateOf<'decided'>, e);
    case 'slipPrinted':
      return slipPrinted(state as CaseStateOf<'decided'>, e);
    case 'slipReprinted': {
      const s = state as CaseStateOf<'slipPrinted' | 'evaluated'>;
      return done({ ...s, updatedAt: e.at, slip: { ...s.slip, reprints: [...s.slip.reprints, e.at] } });
    }
    case 'evaluate':
      return done({
        ...(state as CaseStateOf<'slipPrinted'>),
        phase: 'evaluated',
        updatedAt: e.at,
        evaluation: { kind: 'rated', at: e.at, rating: e.rating, ...(e.comment ? { comment: e.comment } : {}) },
      });
    case 'skipEvaluation':
      if (e.reason === 'other' && !e.text) return refuse(r.skipTextNeeded);
      return done({
        ...(state as CaseStateOf<'slipPrinted'>),
        phase: 'evaluated',
        updatedAt: e.at,
        evaluation: { kind: 'skipped', at: e.at, reason: e.reason, ...(e.text ? { text: e.text } : {}) },
      });
    case 'close':
      return done({ ...(state as CaseStateOf<'evaluated'>), phase: 'closed', updatedAt: e.at, closedAt: e.at });
    case 'abandon': {
      if (e.reason === 'other' && !e.text) return refuse(r.abandonTextNeeded);
      const s = state as Open;
      const { caseId, openedAt, ticket, priority, agent, contactPhone, delivery, applicant } = s;
      return done({
        phase: 'abandoned',
        caseId,
        openedAt,
        updatedAt: e.at,
        ticket,
        priority,
        agent,
        contactPhone,
        delivery,
        applicant,
        item: 'item' in s ? s.item : null,
        checks: 'checks' in s ? s.checks : [],
        abandon: { at: e.at, reason: e.reason, ...(e.text ? { text: e.text } : {}), fromPhase: s.phase },
      });
    }
  }
}
