import ExcelJS from 'exceljs';
import type { CatalogueIssue } from '../../../shared/domain/catalogue/issues';
import { strings } from '../../../shared/i18n';
import type { Locator } from './catalogue-issues';
import { validateCatalogue, type ParsedCatalogue } from './parse-catalogue';

/**
 * A centre's catalogue from an Excel workbook (see resources/catalogue/README.md):
 *  - sheet 事项: one row per item, headers in row 1 (strings.catalogue.xlsx.itemColumns);
 *  - sheet 材料: one row per material, linked to its item by 实施编码, in the
 *    order they should be listed.
 * Columns may be in any order; a 序号 column is ignored, any other unknown
 * header is reported (a misspelt header would otherwise drop data silently).
 * Enumerations are written as their Chinese labels (验原件收复印件, 工作日 …),
 * yes/no as 是/否. The rows become the same JSON as a catalogue file and go
 * through the same validation, with each issue naming its row.
 */

const x = strings.catalogue.xlsx;
const c = strings.catalogue;

type ItemColumn = keyof typeof x.itemColumns;
type MaterialColumn = keyof typeof x.materialColumns;

export const REQUIRED_ITEM_COLUMNS: readonly ItemColumn[] = [
  'name',
  'basicCode',
  'implementationCode',
  'type',
  'bodyName',
  'bodyCreditCode',
  'handling',
  'promisedDays',
  'promisedUnit',
  'conditions',
  'feeCharged',
  'consultationPhone',
  'supervisionPhone',
];
export const REQUIRED_MATERIAL_COLUMNS: readonly MaterialColumn[] = ['itemCode', 'id', 'name', 'source', 'form', 'originals', 'copies', 'checkMethod', 'required'];
const IGNORED_HEADERS = new Set(['序号']);

interface Row<K extends string> {
  rowNumber: number;
  get(column: K): string;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  // Rich text, hyperlinks and formula results: what the cell shows.
  return cell.text.trim();
}

/** The rows of a sheet by column name, or the issues that make the sheet unreadable. */
function readSheet<K extends string>(
  sheet: ExcelJS.Worksheet | undefined,
  sheetName: string,
  columns: Record<K, string>,
  required: readonly K[],
): { rows: Row<K>[]; issues: CatalogueIssue[] } {
  const issue = (location: string, field: string, message: string): CatalogueIssue => ({ location, item: '', material: '', field, message });
  if (!sheet) return { rows: [], issues: [issue('', c.wholeFile, x.missingSheet(sheetName))] };
  const byHeader = new Map(Object.entries(columns).map(([key, header]) => [header as string, key as K]));
  const columnOf = new Map<K, number>();
  const issues: CatalogueIssue[] = [];
  const headerLocation = x.row(sheetName, 1);
  sheet.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell);
    const key = byHeader.get(header);
    if (key) columnOf.set(key, col);
    else if (header !== '' && !IGNORED_HEADERS.has(header)) issues.push(issue(headerLocation, header, x.unknownColumn(header)));
  });
  for (const key of required) if (!columnOf.has(key)) issues.push(issue(headerLocation, columns[key], x.missingColumn(columns[key])));
  if (issues.length > 0) return { rows: [], issues };

  const rows: Row<K>[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n);
    const get = (column: K) => {
      const col = columnOf.get(column);
      return col === undefined ? '' : cellText(row.getCell(col));
    };
    if ([...columnOf.keys()].every((k) => get(k) === '')) continue;
    rows.push({ rowNumber: n, get });
  }
  return { rows, issues: [] };
}

// Cell conversions. A value that does not convert is passed on as written,
// so the catalogue validation reports it with the field's name.
const optional = (v: string) => (v === '' ? undefined : v);
function fromLabel(v: string, labels: Record<string, string>): string | undefined {
  if (v === '') return undefined;
  const code = Object.entries(labels).find(([, label]) => label === v)?.[0];
  // A code written as such passes too; anything else goes on as written and is reported.
  return code ?? v;
}
function yesNo(v: string): boolean | string | undefined {
  if (v === '') return undefined;
  if (v === c.yes) return true;
  if (v === c.no) return false;
  return v;
}
function integer(v: string): number | string | undefined {
  if (v === '') return undefined;
  return /^\d+$/.test(v) ? Number(v) : v;
}
const SPLIT = new RegExp(`[\\r\\n${x.listSeparators}]+`);
/** Line breaks only: a condition is a sentence, and sentences contain 、 and ；. */
const LINES = /[\r\n]+/;
/** Document types are short names, listed with 、 or ，. */
const ID_TYPE_SPLIT = /[\r\n、，,；;]+/;
function list(v: string, separators: RegExp = SPLIT): string[] | undefined {
  if (v === '') return undefined;
  return v
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
/** 居民身份证、护照 → residentId, passport; a name that is not a document type goes on as written and is reported. */
function idTypes(v: string): string[] | undefined {
  return list(v, ID_TYPE_SPLIT)?.map((name) => fromLabel(name, strings.caseFlow.idTypes) ?? name);
}

function itemFromRow(row: Row<ItemColumn>): Record<string, unknown> {
  const get = row.get;
  const statutoryDays = get('statutoryDays');
  const statutoryUnit = get('statutoryUnit');
  const referral = {
    department: optional(get('referralDepartment')),
    window: optional(get('referralWindow')),
    address: optional(get('referralAddress')),
    phone: optional(get('referralPhone')),
  };
  const hasReferral = Object.values(referral).some((v) => v !== undefined);
  const item: Record<string, unknown> = {
    name: optional(get('name')),
    aliases: list(get('aliases')),
    basicCode: optional(get('basicCode')),
    implementationCode: optional(get('implementationCode')),
    type: fromLabel(get('type'), c.itemTypes),
    implementingBody: { name: optional(get('bodyName')), creditCode: optional(get('bodyCreditCode')) },
    handling: fromLabel(get('handling'), c.handling),
    // Both cells empty: the item has no statutory limit.
    statutoryLimit:
      statutoryDays === '' && statutoryUnit === '' ? null : { days: integer(statutoryDays), unit: fromLabel(statutoryUnit, c.limitUnits) },
    promisedLimit: { days: integer(get('promisedDays')), unit: fromLabel(get('promisedUnit'), c.limitUnits) },
    conditions: list(get('conditions'), LINES),
    fee: { charged: yesNo(get('feeCharged')), basis: optional(get('feeBasis')) },
    phones: { consultation: optional(get('consultationPhone')), supervision: optional(get('supervisionPhone')) },
    materials: [],
    referral: hasReferral ? referral : undefined,
    notes: optional(get('notes')),
    acceptedIdTypes: idTypes(get('acceptedIdTypes')),
  };
  return item;
}

function materialFromRow(row: Row<MaterialColumn>): Record<string, unknown> {
  const get = row.get;
  return {
    id: optional(get('id')),
    name: optional(get('name')),
    source: fromLabel(get('source'), c.sources),
    form: fromLabel(get('form'), c.forms),
    originals: integer(get('originals')),
    copies: integer(get('copies')),
    checkMethod: fromLabel(get('checkMethod'), c.checkMethods),
    required: yesNo(get('required')),
    tolerable: yesNo(get('tolerable')),
    signature: fromLabel(get('signature'), c.signatures),
    notes: optional(get('notes')),
    template: optional(get('template')),
    example: optional(get('example')),
  };
}

/** Reads and validates a catalogue workbook. Never throws: an unreadable file is an issue. */
export async function parseCatalogueXlsx(data: Uint8Array | ArrayBuffer): Promise<ParsedCatalogue> {
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    // exceljs reads a Node Buffer; its typings call that an ArrayBuffer.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, issues: [{ location: '', item: '', material: '', field: c.wholeFile, message: x.notXlsx((error as Error).message) }] };
  }
  const itemSheet = readSheet(workbook.getWorksheet(x.itemsSheet), x.itemsSheet, x.itemColumns, REQUIRED_ITEM_COLUMNS);
  const materialSheet = readSheet(workbook.getWorksheet(x.materialsSheet), x.materialsSheet, x.materialColumns, REQUIRED_MATERIAL_COLUMNS);
  if (itemSheet.issues.length > 0 || materialSheet.issues.length > 0) return { ok: false, issues: [...itemSheet.issues, ...materialSheet.issues] };

  const items = itemSheet.rows.map(itemFromRow);
  const itemRows = itemSheet.rows.map((r) => r.rowNumber);
  const materialRows: number[][] = items.map(() => []);
  const linkIssues: CatalogueIssue[] = [];
  for (const row of materialSheet.rows) {
    const code = row.get('itemCode');
    const at = items.findIndex((item) => item.implementationCode === code);
    if (at < 0) {
      linkIssues.push({
        location: x.row(x.materialsSheet, row.rowNumber),
        item: '',
        material: row.get('name'),
        field: x.materialColumns.itemCode,
        message: code === '' ? strings.config.required : x.unknownItemCode(code),
      });
      continue;
    }
    (items[at]!.materials as unknown[]).push(materialFromRow(row));
    materialRows[at]!.push(row.rowNumber);
  }

  const locator: Locator = {
    item: (i) => x.row(x.itemsSheet, itemRows[i] ?? 0),
    material: (i, j) => x.row(x.materialsSheet, materialRows[i]?.[j] ?? 0),
  };
  // An empty 事项 sheet gives an empty list, which the envelope reports.
  const parsed = validateCatalogue({ version: 1, items: stripUndefined(items) }, locator, 'label');
  if (linkIssues.length === 0) return parsed;
  return { ok: false, issues: [...linkIssues, ...(parsed.ok ? [] : parsed.issues)] };
}

/** Drops undefined fields so that a blank optional cell is "absent", not "wrong type". */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
