import type { Referral } from '../catalogue/schema';
import { checksByMaterial, materialRequirement, type CaseStateOf, type Delivery } from '../case';
import { maskIdNumber } from '../id-number';
import { strings } from '../../i18n';
import type { SlipData, SlipKind } from './slip-data';

const f = strings.caseFlow;
const s = strings.slipContent;

/** The slip each decision leads to, and the nature character in its number. */
export const SLIP_OF_DECISION = {
  accept: { kind: 'receipt', nature: '受' },
  tolerate: { kind: 'toleratedAcceptance', nature: '容' },
  notify: { kind: 'oneTimeNotice', nature: '补' },
  reject: { kind: 'rejection', nature: '不受' },
} as const satisfies Record<string, { kind: SlipKind; nature: string }>;

export interface SlipContext {
  number: string;
  issuedAt: string;
  centreName: string;
  windowNumber: string;
  officerName: string;
  officerStaffNumber: string;
  mask: { head: number; tail: number };
}

export function referralText(r: Referral): string {
  return [r.department, r.window, r.address, r.phone ? s.phone(r.phone) : ''].filter(Boolean).join('，');
}

function deliveryText(delivery: Delivery | null, phone: string | null, mask: SlipContext['mask']): string | undefined {
  if (!delivery) return undefined;
  const how = delivery.method === 'post' ? s.post(delivery.address) : f.delivery[delivery.method];
  return phone ? s.deliveryWithPhone(how, maskIdNumber(phone, Math.min(3, mask.head), Math.min(4, mask.tail))) : how;
}

/**
 * What the slip of a decided case says. Pure: the case, the counter and
 * the number in, SlipData out. ID numbers and the phone are masked here,
 * so the full values never reach the template.
 */
export function slipDataFromCase(state: CaseStateOf<'decided'>, ctx: SlipContext): SlipData {
  const { decision, item } = state;
  const { head, tail } = ctx.mask;
  const base = {
    kind: SLIP_OF_DECISION[decision.kind].kind,
    number: ctx.number,
    caseId: state.caseId,
    centreName: ctx.centreName,
    windowNumber: ctx.windowNumber,
    officerName: ctx.officerName,
    officerStaffNumber: ctx.officerStaffNumber,
    issuedAt: ctx.issuedAt,
    applicantName: state.applicant.name,
    applicantIdNumber: maskIdNumber(state.applicant.idNumber, head, tail),
    agentName: state.agent?.name,
    agentIdNumber: state.agent ? maskIdNumber(state.agent.idNumber, head, tail) : undefined,
    itemName: item.name,
    itemCode: item.implementationCode,
    implementingBody: item.implementingBody.name,
    supervisionPhone: item.phones.supervision,
    lookupCode: state.caseId,
    priority: state.priority.on,
    materials: [] as SlipData['materials'],
    reasons: [] as string[],
  };
  const supplyPlace = s.supplyPlace(ctx.centreName, ctx.windowNumber);
  const notice = (entries: { name: string; detail: string; requirement: string }[]) =>
    entries.map((e) => ({ name: e.name, form: e.requirement, detail: e.detail }));

  switch (decision.kind) {
    case 'accept': {
      const received = checksByMaterial(item, state.checks).filter((x) => x.result.status === 'received');
      const limit = item.handling === 'immediate' ? s.immediate : s.promisedLimit(item.promisedLimit.days, strings.catalogue.limitUnits[item.promisedLimit.unit]);
      return {
        ...base,
        materials: received.map(({ material }) => ({ name: material.name, form: materialRequirement(material), detail: s.received })),
        deadline: decision.promisedDate,
        deadlineNote: limit,
        delivery: deliveryText(state.delivery, state.contactPhone, ctx.mask),
      };
    }
    case 'tolerate':
      return {
        ...base,
        materials: notice(decision.notice),
        deadline: decision.supplyDeadline,
        supplyPlace,
        reasons: [s.commitment],
        delivery: deliveryText(state.delivery, state.contactPhone, ctx.mask),
      };
    case 'notify':
      return { ...base, materials: notice(decision.notice), deadline: decision.supplyDeadline, supplyPlace };
    case 'reject':
      return {
        ...base,
        reasons: [`${f.rejectReasons[decision.reason]}。`, ...(decision.text ? [decision.text] : [])],
        legalBasis: s.legalBasis[decision.reason] || undefined,
        referral: decision.referral ? referralText(decision.referral) : undefined,
      };
  }
}
