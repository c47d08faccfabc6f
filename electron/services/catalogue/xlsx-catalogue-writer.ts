import ExcelJS from 'exceljs';
import type { Catalogue, Material, ServiceItem } from '../../../shared/domain/catalogue/schema';
import { strings } from '../../../shared/i18n';
import { REQUIRED_ITEM_COLUMNS, REQUIRED_MATERIAL_COLUMNS } from './xlsx-catalogue';

/**
 * A catalogue as the workbook a centre fills in (the layout xlsx-catalogue.ts
 * reads): sheet 事项, sheet 材料, and a 填写说明 sheet the reader ignores.
 * Enumerations are written as their Chinese labels and yes/no as 是/否, so
 * what is exported imports back to the same catalogue.
 */

const x = strings.catalogue.xlsx;
const c = strings.catalogue;
const w = strings.catalogueCli.workbook;

type ItemColumn = keyof typeof x.itemColumns;
type MaterialColumn = keyof typeof x.materialColumns;

const yesNo = (v: boolean) => (v ? c.yes : c.no);

function itemCells(item: ServiceItem): Record<ItemColumn, string | number> {
  const referral = item.referral;
  return {
    name: item.name,
    aliases: (item.aliases ?? []).join('、'),
    basicCode: item.basicCode,
    implementationCode: item.implementationCode,
    type: c.itemTypes[item.type],
    bodyName: item.implementingBody.name,
    bodyCreditCode: item.implementingBody.creditCode,
    handling: c.handling[item.handling],
    statutoryDays: item.statutoryLimit?.days ?? '',
    statutoryUnit: item.statutoryLimit ? c.limitUnits[item.statutoryLimit.unit] : '',
    promisedDays: item.promisedLimit.days,
    promisedUnit: c.limitUnits[item.promisedLimit.unit],
    // One condition per line: a condition is a sentence and may itself contain 、 or ；.
    conditions: item.conditions.join('\n'),
    feeCharged: yesNo(item.fee.charged),
    feeBasis: item.fee.basis ?? '',
    consultationPhone: item.phones.consultation,
    supervisionPhone: item.phones.supervision,
    referralDepartment: referral?.department ?? '',
    referralWindow: referral?.window ?? '',
    referralAddress: referral?.address ?? '',
    referralPhone: referral?.phone ?? '',
    notes: item.notes ?? '',
    acceptedIdTypes: (item.acceptedIdTypes ?? []).map((t) => strings.caseFlow.idTypes[t]).join('、'),
  };
}

function materialCells(item: ServiceItem, m: Material): Record<MaterialColumn, string | number> {
  return {
    itemCode: item.implementationCode,
    id: m.id,
    name: m.name,
    source: c.sources[m.source],
    form: c.forms[m.form],
    originals: m.originals,
    copies: m.copies,
    checkMethod: c.checkMethods[m.checkMethod],
    required: yesNo(m.required),
    tolerable: yesNo(m.tolerable),
    signature: c.signatures[m.signature],
    notes: m.notes ?? '',
    template: m.template ?? '',
    example: m.example ?? '',
  };
}

function addSheet<K extends string>(book: ExcelJS.Workbook, name: string, columns: Record<K, string>, rows: Record<K, string | number>[]): void {
  const keys = Object.keys(columns) as K[];
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = keys.map((key) => ({ header: columns[key], key, width: Math.max(10, columns[key].length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  // Long texts wrap in the cell instead of running off to the right.
  sheet.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
  });
}

/** The 填写说明 sheet: each column, whether it must be filled, and what may be written in it. */
function addGuide(book: ExcelJS.Workbook): void {
  const sheet = book.addWorksheet(w.guideSheet);
  sheet.columns = [
    { header: w.guideColumns.sheet, width: 8 },
    { header: w.guideColumns.column, width: 26 },
    { header: w.guideColumns.required, width: 10 },
    { header: w.guideColumns.values, width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  const labels = (table: Record<string, string>) => Object.values(table).join('、');
  const values: Partial<Record<ItemColumn | MaterialColumn, string>> = {
    type: labels(c.itemTypes),
    handling: labels(c.handling),
    statutoryUnit: labels(c.limitUnits),
    promisedUnit: labels(c.limitUnits),
    feeCharged: `${c.yes}、${c.no}`,
    acceptedIdTypes: w.idTypesHint(labels(strings.caseFlow.idTypes)),
    conditions: w.conditionsHint,
    aliases: w.aliasesHint,
    statutoryDays: w.statutoryHint,
    referralDepartment: w.referralHint,
  };
  const materialValues: Partial<Record<MaterialColumn, string>> = {
    itemCode: w.itemCodeHint,
    source: labels(c.sources),
    form: labels(c.forms),
    checkMethod: labels(c.checkMethods),
    required: `${c.yes}、${c.no}`,
    tolerable: `${c.yes}、${c.no}`,
    signature: labels(c.signatures),
    id: w.materialIdHint,
  };
  for (const [key, header] of Object.entries(x.itemColumns)) {
    sheet.addRow([x.itemsSheet, header, REQUIRED_ITEM.has(key) ? c.yes : c.no, values[key as ItemColumn] ?? '']);
  }
  for (const [key, header] of Object.entries(x.materialColumns)) {
    sheet.addRow([x.materialsSheet, header, REQUIRED_MATERIAL.has(key) ? c.yes : c.no, materialValues[key as MaterialColumn] ?? '']);
  }
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
}

/** Columns the reader requires, marked in the guide. */
const REQUIRED_ITEM = new Set<string>(REQUIRED_ITEM_COLUMNS);
const REQUIRED_MATERIAL = new Set<string>(REQUIRED_MATERIAL_COLUMNS);

/** The catalogue as an XLSX workbook. */
export async function writeCatalogueXlsx(catalogue: Catalogue): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = strings.appTitle;
  addSheet(book, x.itemsSheet, x.itemColumns, catalogue.items.map(itemCells));
  addSheet(
    book,
    x.materialsSheet,
    x.materialColumns,
    catalogue.items.flatMap((item) => item.materials.map((m) => materialCells(item, m))),
  );
  addGuide(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}
