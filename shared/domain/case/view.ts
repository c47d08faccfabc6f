import type { CaseView, IdCard, SlipSummary } from '../../contract';
import { localIsoDate } from '../calendar/iso-date';
import { maskIdNumber } from '../id-number';
import { ageOn } from '../prompts/age';
import { assessMaterials } from './materials';
import { computeOneTimeNotice } from './notice';
import type { CaseState, Person } from './state';

/** A card as read and kept with the case: the full ID number, the photo as read. */
export type StoredCard = IdCard & {
  readAt: string;
  source: string;
  /** Raw WLT photo bytes (base64): kept with the case so a decoder installed later can still show it. */
  photoWlt?: string;
  /** The decoded photo as a BMP file (base64), when a vendor decoder was configured. */
  photoBmp?: string;
  warnings?: string[];
};

/** The case in progress as the service holds it: the workflow state plus the cards as read. */
export interface OpenCase {
  id: string;
  openedAt: string;
  state: CaseState;
  applicantCard: StoredCard | null;
  agentCard: StoredCard | null;
}

/** How many characters of an ID number stay visible at the start and the end. */
export interface Mask {
  head: number;
  tail: number;
}

/**
 * What the renderer gets of a case: the workflow state, the cards as read,
 * what the material check allows and what a notice would list — with every
 * ID number and the phone masked, so the full values never leave the
 * service. Pure.
 */
export function toCaseView(
  open: OpenCase,
  extra: { expectingAgentCard: boolean; slips: SlipSummary[]; confidentialRatings?: boolean },
  mask: Mask,
): CaseView {
  const state = withholdRating(maskState(open.state, mask), extra.confidentialRatings ?? true);
  const item = 'item' in open.state ? open.state.item : null;
  const checks = 'checks' in open.state ? open.state.checks : [];
  return {
    id: open.id,
    openedAt: open.openedAt,
    applicant: cardView(open.applicantCard, mask),
    agent: cardView(open.agentCard, mask),
    flow: {
      state,
      assessment: item && open.state.phase === 'materialCheck' ? assessMaterials(item, checks) : null,
      noticePreview: item ? computeOneTimeNotice(item, checks) : [],
      expectingAgentCard: extra.expectingAgentCard,
      slips: extra.slips,
    },
  };
}

/**
 * The card as the clerk screen may show it. The birth date goes as an age
 * on the day of reading: with a 6 + 4 mask the hidden digits are the birth
 * date, so the screen would otherwise hold the whole number.
 */
function cardView(card: StoredCard | null, mask: Mask): CaseView['applicant'] {
  if (!card) return null;
  const { idNumber, photoWlt, photoBmp, birthDate, ...rest } = card;
  const age = ageOnReading(birthDate, card.readAt);
  const photo = photoBmp
    ? { status: 'decoded' as const, dataUrl: `data:image/bmp;base64,${photoBmp}` }
    : photoWlt
      ? { status: 'noDecoder' as const }
      : undefined;
  return { ...rest, idNumberMasked: maskIdNumber(idNumber, mask.head, mask.tail), age, photo };
}

/** Full years on the (local) day the card was read, from its YYYYMMDD birth date; null when either is not a date. */
function ageOnReading(birthDate: string, readAt: string): number | null {
  const read = new Date(readAt);
  if (!/^\d{8}$/.test(birthDate) || Number.isNaN(read.getTime())) return null;
  return ageOn(`${birthDate.slice(0, 4)}-${birthDate.slice(4, 6)}-${birthDate.slice(6, 8)}`, localIsoDate(read));
}

function maskPerson<P extends Person | null>(person: P, mask: Mask): P {
  return (person ? { ...person, idNumber: maskIdNumber(person.idNumber, mask.head, mask.tail) } : person) as P;
}

function maskState(state: CaseState, mask: Mask): CaseState {
  const masked = { ...state, agent: maskPerson(state.agent, mask), contactPhone: state.contactPhone ? maskIdNumber(state.contactPhone, 3, 4) : null };
  if ('applicant' in state && state.applicant) return { ...masked, applicant: maskPerson(state.applicant, mask) } as CaseState;
  return masked as CaseState;
}

/** With confidential ratings the clerk's view says a rating arrived, never its level or comment. */
function withholdRating(state: CaseState, confidential: boolean): CaseState {
  if (!confidential || !('evaluation' in state) || state.evaluation.kind !== 'rated') return state;
  return { ...state, evaluation: { kind: 'withheld', at: state.evaluation.at } } as CaseState;
}
