import { z } from 'zod';
import { IdCardSchema, type CaseAction, type IdCard } from '../../../shared/contract';
import type { IndexedItem } from '../../../shared/domain/catalogue/search';
import {
  localIsoDate,
  promisedCompletionDate,
  supplyDeadline,
  toleranceDeadline,
  type CalendarOverrides,
  type DeadlineResult,
} from '../../../shared/domain/calendar';
import {
  parseCaseState,
  startCase,
  transition,
  type CaseEventInput,
  type CaseState,
  type IdType,
  type Person,
} from '../../../shared/domain/case';
import { CaseEventSchema } from '../../../shared/domain/case/events';
import type { OpenCase, StoredCard } from '../../../shared/domain/case/view';
import { checkForbidden } from '../../../shared/domain/phrases/forbidden-guard';
import { maskIdNumber } from '../../../shared/domain/id-number';
import { strings } from '../../../shared/i18n';
import type { Db } from '../storage/database';
import { appendAudit } from '../audit/audit-log';
import { caseField, type FieldCipher } from '../privacy/field-cipher';

type CaseRating = Extract<CaseEventInput, { type: 'evaluate' }>['rating'];

const StoredCardSchema = IdCardSchema.extend({
  readAt: z.string(),
  source: z.string(),
  photoWlt: z.string().optional(),
  photoBmp: z.string().optional(),
  warnings: z.array(z.string()).optional(),
}) satisfies z.ZodType<StoredCard>;
export type { OpenCase, StoredCard };

export type ActionOutcome = { ok: true; message: string } | { ok: false; message: string };

export interface CaseServiceOptions {
  db: Db;
  windowNumber: string;
  /** The catalogue in force, read at the moment an item is chosen. */
  items: () => readonly IndexedItem[];
  calendarOverrides?: CalendarOverrides;
  /** Working days an applicant has to supply what a one-time notice lists. */
  supplyDays?: number;
  now?: () => Date;
  /**
   * Seals the state and the cards (full ID numbers, address, photo) before they are stored
   * (electron/services/privacy). The composition root always passes one; without it (unit tests
   * of the workflow) they are stored as plain JSON.
   */
  cipher?: FieldCipher;
}

interface CaseRow {
  id: string;
  opened_at: string;
  state_json: string | null;
  applicant_json: string | null;
  agent_json: string | null;
}

const CARD_ID_TYPES: Record<IdCard['cardType'], IdType> = {
  resident: 'residentId',
  hmt: 'hmtResidencePermit',
  foreigner2017: 'foreignerPermanentResident',
  foreigner2023: 'foreignerPermanentResident',
};

const f = strings.caseFlow;

/**
 * The case workflow with storage: every clerk action and card read becomes
 * an event of the pure state machine (shared/domain/case), with the time,
 * the date and the calendar deadlines filled in here. The new state is
 * written in the same transaction as the audit line, before anyone is told,
 * so a crash or power cut resumes the case exactly where it was.
 */
export class CaseService {
  private readonly now: () => Date;
  /** Set by the clerk: the next card read is the agent's. In memory: a restart asks again. */
  private expectingAgent = false;

  constructor(private readonly options: CaseServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get expectingAgentCard(): boolean {
    return this.expectingAgent;
  }

  current(): OpenCase | null {
    const row = this.options.db
      .prepare<[], CaseRow>(
        "SELECT id, opened_at, state_json, applicant_json, agent_json FROM cases WHERE status = 'open' ORDER BY opened_at DESC, id DESC LIMIT 1",
      )
      .get();
    if (!row) return null;
    const open = (column: 'state_json' | 'applicant_json' | 'agent_json') => this.unseal(row[column], column, row.id);
    // A case opened before the workflow existed (or damaged outside the app) restarts at 'started'.
    const state = parseCaseState(parseJson(open('state_json'))) ?? startCase({ caseId: row.id, at: row.opened_at });
    return { id: row.id, openedAt: row.opened_at, state, applicantCard: card(open('applicant_json')), agentCard: card(open('agent_json')) };
  }

  /** A card on the reader: the applicant's, or the agent's when the clerk asked for it. */
  cardRead(read: IdCard, source: string, extras: { photoWlt?: Uint8Array; photoBmp?: Uint8Array; warnings?: string[] } = {}): ActionOutcome {
    const b64 = (bytes?: Uint8Array) => (bytes && bytes.length > 0 ? Buffer.from(bytes).toString('base64') : undefined);
    const cardData = {
      ...IdCardSchema.parse(read),
      readAt: this.now().toISOString(),
      source,
      photoWlt: b64(extras.photoWlt),
      photoBmp: b64(extras.photoBmp),
      warnings: extras.warnings?.length ? extras.warnings : undefined,
    };
    const person: Person = { name: read.name, idType: CARD_ID_TYPES[read.cardType], idNumber: read.idNumber, entry: { method: 'idCard', reader: source } };
    const open = this.current() ?? this.open();
    if (this.expectingAgent) {
      const outcome = this.apply(open, { type: 'setAgent', at: this.at(), agent: person }, { agent_json: JSON.stringify(cardData) });
      if (outcome.ok) this.expectingAgent = false;
      return outcome;
    }
    if (open.state.phase !== 'started' && open.state.phase !== 'identified') return { ok: false, message: f.service.cardIgnored };
    return this.apply(open, { type: 'identifyApplicant', at: this.at(), applicant: person }, { applicant_json: JSON.stringify(cardData) });
  }

  act(action: CaseAction): ActionOutcome {
    if (action.type === 'start') {
      if (this.current()) return { ok: false, message: f.service.alreadyOpen };
      this.open(action.ticket, action.priority);
      return { ok: true, message: '' };
    }
    if (action.type === 'expectAgentCard') {
      this.expectingAgent = action.on;
      return { ok: true, message: action.on ? f.service.waitingForAgentCard : '' };
    }
    const open = this.current();
    if (!open) return { ok: false, message: f.service.noOpenCase };
    const at = this.at();
    const on = localIsoDate(this.now());

    switch (action.type) {
      case 'identifyManually':
        return this.apply(open, { type: 'identifyApplicant', at, applicant: manualPerson(action.person) }, { applicant_json: null });
      case 'setAgentManually':
        return this.apply(open, { type: 'setAgent', at, agent: manualPerson(action.person) }, { agent_json: null });
      case 'clearAgent':
        return this.apply(open, { type: 'clearAgent', at }, { agent_json: null });
      case 'chooseItem': {
        const item = this.options.items().find((i) => i.implementationCode === action.itemCode);
        if (!item) return { ok: false, message: f.service.unknownItem(action.itemCode) };
        const { initials: _initials, ...copy } = item;
        const chosen = this.apply(open, { type: 'chooseItem', at, on, item: copy });
        // An identity document the item does not accept is the clerk's call (a permit may still do with
        // another proof), so it is a warning on the chosen item, not a refusal.
        const idType = 'applicant' in open.state ? open.state.applicant?.idType : undefined;
        if (chosen.ok && idType && item.acceptedIdTypes && !item.acceptedIdTypes.includes(idType))
          return { ok: true, message: f.service.idTypeNotAccepted(f.idTypes[idType], item.acceptedIdTypes.map((t) => f.idTypes[t]).join('、')) };
        return chosen;
      }
      case 'accept':
      case 'acceptTolerated':
      case 'notifyOnce':
        return this.decide(open, action, at, on);
      case 'reject': {
        const guarded = this.guard(action.text ?? '');
        if (guarded) return guarded;
        return this.apply(open, { type: 'reject', at, on, reason: action.reason, text: action.text ?? '', referral: action.referral });
      }
      case 'skipEvaluation':
      case 'abandon':
        return this.apply(open, { ...action, at });
      default:
        return this.apply(open, { ...action, at } as CaseEventInput);
    }
  }

  /**
   * The full number of the applicant or agent of the open case, for the
   * clerk to check against the document. Recorded (masked) in the audit log
   * before it is handed out: a reveal is never silent.
   */
  revealIdNumber(whose: 'applicant' | 'agent'): { ok: true; idNumber: string } | { ok: false; message: string } {
    const open = this.current();
    if (!open) return { ok: false, message: f.service.noOpenCase };
    const person = whose === 'agent' ? open.state.agent : 'applicant' in open.state ? open.state.applicant : null;
    if (!person) return { ok: false, message: f.service.nobodyToReveal };
    this.audit(`id-revealed-${whose}`, open.id, maskIdNumber(person.idNumber));
    return { ok: true, idNumber: person.idNumber };
  }

  /** Records the slip handed out (called by the slip service once the PDF is archived). */
  slipIssued(slipNumber: string): ActionOutcome {
    const open = this.current();
    if (!open) return { ok: false, message: f.service.noOpenCase };
    return this.apply(open, { type: 'slipPrinted', at: this.at(), slipNumber });
  }

  slipReprinted(): ActionOutcome {
    const open = this.current();
    if (!open) return { ok: false, message: f.service.noOpenCase };
    return this.apply(open, { type: 'slipReprinted', at: this.at() });
  }

  /**
   * Records a citizen's rating on the open case when it is waiting for one
   * (phase slipPrinted → evaluated). Called by the evaluation service inside
   * its own transaction, which stores the rating itself either way.
   */
  rate(caseId: string, rating: CaseRating, comment?: string): ActionOutcome {
    const open = this.current();
    if (!open || open.id !== caseId) return { ok: false, message: f.service.noOpenCase };
    return this.apply(open, { type: 'evaluate', at: this.at(), rating, ...(comment ? { comment } : {}) });
  }

  /** Ends the open case the lawful way for its phase (the clerk's 结束本次办件). */
  finishCurrent(): ActionOutcome {
    const open = this.current();
    if (!open) return { ok: false, message: f.service.noOpenCase };
    this.expectingAgent = false;
    const at = this.at();
    switch (open.state.phase) {
      case 'slipPrinted': {
        const skipped = this.apply(open, { type: 'skipEvaluation', at, reason: 'applicantLeft' });
        return skipped.ok ? this.apply(this.current()!, { type: 'close', at }) : skipped;
      }
      case 'evaluated':
        return this.apply(open, { type: 'close', at });
      default:
        return this.apply(open, { type: 'abandon', at, reason: 'other', text: f.service.endedByClerk });
    }
  }

  private decide(open: OpenCase, action: Extract<CaseAction, { type: 'accept' | 'acceptTolerated' | 'notifyOnce' }>, at: string, on: string): ActionOutcome {
    const state = open.state;
    if (state.phase !== 'materialCheck') return this.apply(open, { type: action.type, at, on, promisedDate: on, supplyDeadline: on } as CaseEventInput);
    const overrides = this.options.calendarOverrides;
    const days = this.options.supplyDays;
    const warn = (...results: DeadlineResult[]) => results.flatMap((r) => r.warnings.map((w) => w.message));
    if (action.type === 'accept') {
      const promised = promisedCompletionDate(on, state.item, overrides);
      return this.apply(open, { type: 'accept', at, on, promisedDate: promised.date, warnings: warn(promised) });
    }
    if (action.type === 'acceptTolerated') {
      const promised = promisedCompletionDate(on, state.item, overrides);
      const supply = toleranceDeadline(on, state.item, days, overrides);
      return this.apply(open, {
        type: 'acceptTolerated',
        at,
        on,
        promisedDate: promised.date,
        supplyDeadline: supply.date,
        commitmentSigned: action.commitmentSigned,
        creditCheck: action.creditCheck,
        warnings: warn(promised, supply),
      });
    }
    const supply = supplyDeadline(on, days, overrides);
    return this.apply(open, { type: 'notifyOnce', at, on, supplyDeadline: supply.date, warnings: warn(supply) });
  }

  /** Free text that reaches the citizen is checked against the forbidden phrases first. */
  private guard(text: string): ActionOutcome | null {
    const result = checkForbidden(text);
    if (!result.flagged) return null;
    return { ok: false, message: f.service.forbidden(result.matches.map((m) => m.phrase.text).join('、'), result.suggestion ?? '') };
  }

  private open(ticket?: string, priority?: boolean): OpenCase {
    const at = this.at();
    const id = this.nextId();
    const state = startCase({ caseId: id, at, ticket, priority });
    this.options.db.transaction(() => {
      this.options.db
        .prepare("INSERT INTO cases (id, opened_at, status, state_json, phase) VALUES (?, ?, 'open', ?, 'started')")
        .run(id, at, this.seal(JSON.stringify(state), 'state_json', id));
      this.audit('case-started', id, '');
    })();
    return { id, openedAt: at, state, applicantCard: null, agentCard: null };
  }

  /** Runs one event through the state machine and stores the result with its audit line, atomically. */
  private apply(open: OpenCase, input: CaseEventInput, cards: { applicant_json?: string | null; agent_json?: string | null } = {}): ActionOutcome {
    const parsed = CaseEventSchema.safeParse(input);
    if (!parsed.success) return { ok: false, message: f.service.badInput(parsed.error.issues.map((i) => i.message).join('；')) };
    const result = transition(open.state, parsed.data);
    if (!result.ok) return { ok: false, message: result.reason };
    const next = result.state;
    const db = this.options.db;
    db.transaction(() => {
      const applicant = 'applicant' in next ? next.applicant : null;
      const item = 'item' in next ? next.item : null;
      const decision = 'decision' in next ? next.decision : null;
      const status = next.phase === 'closed' ? 'closed' : next.phase === 'abandoned' ? 'abandoned' : 'open';
      db.prepare(
        `UPDATE cases SET state_json = ?, phase = ?, status = ?, closed_at = ?, applicant_name = ?, applicant_id_masked = ?,
           item_code = ?, item_name = ?, outcome = ?,
           applicant_json = CASE WHEN ? THEN ? ELSE applicant_json END,
           agent_json = CASE WHEN ? THEN ? ELSE agent_json END,
           -- The state written may hold a card again (read anew into a case whose card retention purged): retention looks again.
           card_purged_at = NULL
         WHERE id = ?`,
      ).run(
        this.seal(JSON.stringify(next), 'state_json', open.id),
        next.phase,
        status,
        status === 'open' ? null : parsed.data.at,
        applicant?.name ?? null,
        applicant ? maskIdNumber(applicant.idNumber) : null,
        item?.implementationCode ?? null,
        item?.name ?? null,
        decision?.kind ?? null,
        'applicant_json' in cards ? 1 : 0,
        this.seal(cards.applicant_json ?? null, 'applicant_json', open.id),
        'agent_json' in cards ? 1 : 0,
        this.seal(cards.agent_json ?? null, 'agent_json', open.id),
        open.id,
      );
      // The audit line names the event only: its content may be personal data.
      this.audit(`case-${parsed.data.type}`, open.id, next.phase);
    })();
    const warnings = decision(next)?.warnings ?? [];
    return { ok: true, message: parsed.data.type.match(/accept|notifyOnce/) ? warnings.join('；') : '' };
  }

  private seal<T extends string | null>(value: T, column: 'state_json' | 'applicant_json' | 'agent_json', caseId: string): T {
    const cipher = this.options.cipher;
    return (cipher && value !== null ? cipher.seal(value, caseField(column, caseId)) : value) as T;
  }

  /** A sealed value opened (a legacy plain one passes); a value that does not open reads as absent, like damaged JSON. */
  private unseal(value: string | null, column: 'state_json' | 'applicant_json' | 'agent_json', caseId: string): string | null {
    const cipher = this.options.cipher;
    if (!cipher || value === null) return value;
    try {
      return cipher.open(value, caseField(column, caseId));
    } catch {
      return null;
    }
  }

  private audit(kind: string, caseId: string, detail: string): void {
    appendAudit(this.options.db, this.at(), kind, caseId, detail);
  }

  private at(): string {
    return this.now().toISOString();
  }

  /** Window number, local date and a daily sequence: 01-20261123-0007. */
  private nextId(): string {
    const prefix = `${this.options.windowNumber}-${localIsoDate(this.now()).replaceAll('-', '')}-`;
    const last = this.options.db
      .prepare<[string], { id: string }>('SELECT id FROM cases WHERE id LIKE ? ORDER BY id DESC LIMIT 1')
      .get(`${prefix}%`);
    const sequence = last ? Number(last.id.slice(prefix.length)) + 1 : 1;
    return `${prefix}${String(sequence).padStart(4, '0')}`;
  }
}

function decision(state: CaseState) {
  return 'decision' in state ? state.decision : null;
}

function manualPerson(p: Extract<CaseAction, { type: 'identifyManually' }>['person']): Person {
  return { name: p.name, idType: p.idType, idNumber: p.idNumber, entry: { method: 'manual', reason: p.reason, ...(p.text ? { text: p.text } : {}) } };
}

function card(json: string | null): StoredCard | null {
  const parsed = StoredCardSchema.safeParse(parseJson(json));
  return parsed.success ? parsed.data : null;
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
