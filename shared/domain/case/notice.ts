import { strings } from '../../i18n';
import type { Material, ServiceItem } from '../catalogue/schema';
import { checksByMaterial } from './materials';
import type { CheckResult, MaterialCheck, NoticeEntry } from './state';

const c = strings.catalogue;
const f = strings.caseFlow;

/** What a material must look like when brought: form, counts, check method, signature/seal, notes. */
export function materialRequirement(m: Material): string {
  const parts: string[] = [c.forms[m.form]];
  if (m.form !== 'electronic') {
    if (m.originals > 0) parts.push(f.notice.originals(m.originals));
    if (m.copies > 0) parts.push(f.notice.copies(m.copies));
  }
  parts.push(c.checkMethods[m.checkMethod]);
  if (m.signature !== 'none') parts.push(c.signatures[m.signature]);
  if (m.notes) parts.push(m.notes);
  return parts.join(f.notice.separator);
}

function entryFor(material: Material, result: CheckResult): NoticeEntry | null {
  const requirement = materialRequirement(material);
  if (result.status === 'missing')
    return { materialId: material.id, name: material.name, problem: 'missing', detail: f.notice.missing, requirement, tolerable: material.tolerable };
  if (result.status !== 'defective') return null;
  const label = f.defects[result.defect];
  const detail = result.text ? f.notice.defectWithText(label, result.text) : label;
  return {
    materialId: material.id,
    name: material.name,
    problem: 'defective',
    defect: result.defect,
    detail,
    // Say first how to fix the defect, then what the material must be.
    requirement: `${f.defectRemedies[result.defect]}${f.notice.separator}${requirement}`,
    tolerable: material.tolerable,
  };
}

/**
 * The one-time notice (一次性告知): every missing and every defective
 * material of the item, in catalogue order, each with what is wrong and
 * what is required; nothing else.
 */
export function computeOneTimeNotice(item: ServiceItem, checks: readonly MaterialCheck[]): NoticeEntry[] {
  return checksByMaterial(item, checks)
    .map(({ material, result }) => entryFor(material, result))
    .filter((e): e is NoticeEntry => e !== null);
}
