/**
 * For tests that need a case at a given step: the sample resident card,
 * 食品经营许可（新办） from the default catalogue, every required material
 * received. One place, so the many tests that start from a decided case
 * agree on what that case is.
 */
import { SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import type { CaseService } from './case-service';

/** 食品经营许可（新办） in the default catalogue. */
export const FOOD = '0100230001-419900-001';

function ok(outcome: { ok: boolean; message: string }): void {
  if (!outcome.ok) throw new Error(outcome.message);
}

/** A case opened by the sample card, the item chosen, each required material received and the others not applicable. */
export function checkAllMaterials(cases: CaseService, source = '模拟身份证阅读器'): void {
  ok(cases.cardRead(SAMPLE_RESIDENT_CARD, source));
  ok(cases.act({ type: 'chooseItem', itemCode: FOOD }));
  const state = cases.current()!.state;
  if (state.phase !== 'materialCheck') throw new Error(state.phase);
  for (const m of state.item.materials) ok(cases.act({ type: 'checkMaterial', materialId: m.id, result: { status: m.required ? 'received' : 'notApplicable' } }));
}

/** That case decided 受理, with delivery at the window and a contact phone: ready for its receipt. */
export function decideAccept(cases: CaseService, source?: string): void {
  checkAllMaterials(cases, source);
  ok(cases.act({ type: 'accept' }));
  ok(cases.act({ type: 'setDelivery', delivery: { method: 'window' } }));
  ok(cases.act({ type: 'setContactPhone', phone: '13800138000' }));
}
