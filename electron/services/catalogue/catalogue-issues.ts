import type { z } from 'zod';
import type { CatalogueIssue } from '../../../shared/domain/catalogue/issues';
import { strings } from '../../../shared/i18n';
import { describeIssue } from '../config/zod-issues-zh';

/**
 * Turns zod issues of one catalogue item into Chinese issues that name the
 * item, the material and the field, e.g.
 * 食品经营许可 · 营业执照复印件 · 复印件份数：不能小于 0.
 */

const c = strings.catalogue;

/** How the file wrote enumerations: codes (JSON) or Chinese labels (XLSX). */
export type ValueStyle = 'code' | 'label';

/** Where in the source file an item or a material is (a spreadsheet row); empty for JSON. */
export interface Locator {
  item(itemIndex: number): string;
  material(itemIndex: number, materialIndex: number): string;
}
export const NO_LOCATION: Locator = { item: () => '', material: () => '' };

/** The label table of each enumerated field, by field name. */
const ENUM_LABELS: Record<string, Record<string, string>> = {
  type: c.itemTypes,
  handling: c.handling,
  unit: c.limitUnits,
  source: c.sources,
  form: c.forms,
  checkMethod: c.checkMethods,
  signature: c.signatures,
  acceptedIdTypes: strings.caseFlow.idTypes,
};

function nameOf(raw: unknown): string | null {
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

export function itemLabel(raw: unknown, index: number): string {
  return nameOf(raw) ?? c.itemN(index + 1);
}

function materialLabel(rawItem: unknown, index: number): string {
  const materials = typeof rawItem === 'object' && rawItem !== null ? (rawItem as { materials?: unknown }).materials : undefined;
  return nameOf(Array.isArray(materials) ? materials[index] : undefined) ?? c.materialN(index + 1);
}

/** Chinese name of a field path inside an item or a material: promisedLimit.days → 承诺办结时限 · 天数. */
function fieldLabel(path: readonly PropertyKey[], inMaterial: boolean): string {
  if (path.length === 0) return '';
  const [first, ...rest] = path;
  // A name or notes directly on the item or material read better with their own words.
  if (rest.length === 0 && first === 'name') return inMaterial ? c.materialName : c.itemName;
  if (rest.length === 0 && first === 'notes' && inMaterial) return c.materialNotes;
  const parts = path.map((key) => (typeof key === 'number' ? c.entryN(key + 1) : (c.fields[String(key)] ?? String(key))));
  return parts.join(c.fieldSeparator);
}

function messageOf(issue: z.core.$ZodIssue, style: ValueStyle): string {
  // Our own rules (custom checks, formats) carry their Chinese message already.
  if (issue.code === 'custom' || issue.code === 'invalid_format') return issue.message;
  if (issue.code === 'unrecognized_keys') return c.unknownFields(issue.keys.join('、'));
  if (issue.code === 'invalid_value') {
    // An entry of a list (acceptedIdTypes[2]) takes the labels of its list.
    const last = issue.path.length - 1;
    const key = String((typeof issue.path[last] === 'number' ? issue.path[last - 1] : issue.path[last]) ?? '');
    const labels = ENUM_LABELS[key];
    const options = issue.values.map((v) => {
      const label = labels?.[String(v)];
      if (!label) return String(v);
      return style === 'label' ? label : `${String(v)}（${label}）`;
    });
    if (typeof issue.path[last] === 'number' && typeof issue.input === 'string') return c.badListOption(issue.input, options.join('、'));
    return c.badOption(options.join('、'));
  }
  if (issue.code === 'too_small' && issue.origin === 'array') return c.tooFewEntries(Number(issue.minimum));
  if (issue.code === 'invalid_type' && issue.expected === 'boolean' && issue.input !== undefined && style === 'label')
    return strings.catalogue.xlsx.badYesNo;
  return describeIssue(issue).message;
}

/** Issues of the item at `itemIndex`, whose raw (unparsed) value is `rawItem`. */
export function describeItemIssues(
  issues: readonly z.core.$ZodIssue[],
  rawItem: unknown,
  itemIndex: number,
  locator: Locator = NO_LOCATION,
  style: ValueStyle = 'code',
): CatalogueIssue[] {
  const item = itemLabel(rawItem, itemIndex);
  return issues.map((issue) => {
    const path = issue.path;
    if (path[0] === 'materials' && typeof path[1] === 'number') {
      return {
        location: locator.material(itemIndex, path[1]),
        item,
        material: materialLabel(rawItem, path[1]),
        field: fieldLabel(path.slice(2), true),
        message: messageOf(issue, style),
      };
    }
    return { location: locator.item(itemIndex), item, material: '', field: fieldLabel(path, false), message: messageOf(issue, style) };
  });
}

/** Issues of the file's envelope (version, title, the items list itself). */
export function describeFileIssues(issues: readonly z.core.$ZodIssue[]): CatalogueIssue[] {
  return issues.map((issue) => ({
    location: '',
    item: '',
    material: '',
    field: issue.path.length === 0 ? c.wholeFile : fieldLabel(issue.path, false),
    message: messageOf(issue, 'code'),
  }));
}

export function fileIssue(message: string): CatalogueIssue {
  return { location: '', item: '', material: '', field: c.wholeFile, message };
}

/** One line for the log or a CLI. */
export function formatIssue(issue: CatalogueIssue): string {
  return c.issueLine(issue.location, issue.item, issue.material, issue.field, issue.message);
}
