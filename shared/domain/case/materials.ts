import { strings } from '../../i18n';
import type { Material, ServiceItem } from '../catalogue/schema';
import type { CheckResult, MaterialCheck } from './state';

const r = strings.caseFlow.refusals;

/** Every material of the item, not yet checked: the start of the material check. */
export function initialChecks(item: ServiceItem): MaterialCheck[] {
  return item.materials.map((m) => ({ materialId: m.id, result: { status: 'pending' } }));
}

/** The check of each material in catalogue order; a material without one counts as pending. */
export function checksByMaterial(item: ServiceItem, checks: readonly MaterialCheck[]): { material: Material; result: CheckResult }[] {
  return item.materials.map((material) => ({
    material,
    result: checks.find((c) => c.materialId === material.id)?.result ?? { status: 'pending' },
  }));
}

/** A material that goes on a notice: missing, or handed in with a defect. */
export function isProblem(result: CheckResult): boolean {
  return result.status === 'missing' || result.status === 'defective';
}

export type Readiness = { ok: true } | { ok: false; reason: string };

export interface MaterialAssessment {
  /** 受理: every material received (or not applicable), none missing or defective. */
  accept: Readiness;
  /** 容缺受理: only tolerable materials missing or defective, the main ones received. */
  tolerate: Readiness;
  /** 一次性告知: everything checked and something to supply or correct. */
  notify: Readiness;
}

const names = (list: { material: Material }[]) => list.map((x) => x.material.name).join('、');

/**
 * Which decisions the material check allows, each with the reason when not.
 * The decision buttons and the state machine use the same answer. All three
 * need every material looked at: the law asks for everything at once, so a
 * decision is never made on a partly checked list.
 */
export function assessMaterials(item: ServiceItem, checks: readonly MaterialCheck[]): MaterialAssessment {
  const rows = checksByMaterial(item, checks);
  const pending = rows.filter((x) => x.result.status === 'pending');
  if (pending.length > 0) {
    const refusal: Readiness = { ok: false, reason: r.pending(names(pending)) };
    return { accept: refusal, tolerate: refusal, notify: refusal };
  }
  const problems = rows.filter((x) => isProblem(x.result));
  if (problems.length === 0) {
    return {
      accept: { ok: true },
      tolerate: { ok: false, reason: r.nothingToTolerate },
      notify: { ok: false, reason: r.nothingToNotify },
    };
  }
  // "Main materials complete" needs no check of its own: a main material is
  // required and not tolerable, so one not received is pending (refused above),
  // or missing/defective and then not tolerable; and the catalogue guarantees
  // a main material beside tolerable ones.
  const notTolerable = problems.filter((x) => !x.material.tolerable);
  const tolerate: Readiness = notTolerable.length > 0 ? { ok: false, reason: r.notTolerable(names(notTolerable)) } : { ok: true };
  return { accept: { ok: false, reason: r.problemsBlockAccept(names(problems)) }, tolerate, notify: { ok: true } };
}
