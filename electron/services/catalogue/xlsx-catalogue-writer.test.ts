import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { strings } from '../../../shared/i18n';
import { formatIssue } from './catalogue-issues';
import { loadDefaultCatalogue } from './catalogue-store';
import { parseCatalogueXlsx } from './xlsx-catalogue';
import { writeCatalogueXlsx } from './xlsx-catalogue-writer';

const x = strings.catalogue.xlsx;

async function sheets(data: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const sheet = book.getWorksheet(name)!;
    const out: string[][] = [];
    sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return out;
  };
  return { names: book.worksheets.map((s) => s.name), rows };
}

describe('writing a catalogue as XLSX', () => {
  const catalogue = loadDefaultCatalogue().catalogue;

  it('round-trips the shipped catalogue: JSON → XLSX → JSON gives the same items, accepted ID types included', async () => {
    expect(catalogue.items.some((item) => item.acceptedIdTypes)).toBe(true);
    const parsed = await parseCatalogueXlsx(await writeCatalogueXlsx(catalogue));
    expect(parsed.ok ? [] : parsed.issues.map(formatIssue)).toEqual([]);
    if (parsed.ok) expect(parsed.catalogue.items).toEqual(catalogue.items);
  });

  it('writes the sheets and headers the importer reads, with Chinese labels, and a guide sheet', async () => {
    const item = catalogue.items.find((i) => i.acceptedIdTypes)!;
    const book = await sheets(await writeCatalogueXlsx({ version: 1, items: [{ ...item, acceptedIdTypes: ['residentId', 'hmtResidencePermit'] }] }));
    expect(book.names).toEqual([x.itemsSheet, x.materialsSheet, '填写说明']);
    const [headers, row] = book.rows(x.itemsSheet);
    expect(headers).toEqual(Object.values(x.itemColumns));
    expect(headers).toContain('受理证件类型');
    const cell = (name: string) => row![headers!.indexOf(name)];
    expect(cell('受理证件类型')).toBe('居民身份证、港澳台居民居住证');
    expect(cell('事项类型')).toBe(strings.catalogue.itemTypes[item.type]);
    expect(cell('受理条件')).toBe(item.conditions.join('\n'));
    const materials = book.rows(x.materialsSheet);
    expect(materials[0]).toEqual(Object.values(x.materialColumns));
    expect(materials.slice(1).map((r) => r[2])).toEqual(item.materials.map((m) => m.name));
    expect(book.rows('填写说明').some((r) => r[1] === '受理证件类型' && r[2] === '否' && r[3]!.includes('外国人永久居留身份证'))).toBe(true);
  });
});

describe('the 受理证件类型 column', () => {
  const base = loadDefaultCatalogue().catalogue.items.find((i) => i.acceptedIdTypes)!;
  /** The shipped item with its 受理证件类型 cell replaced. */
  async function withCell(value: string) {
    const data = await writeCatalogueXlsx({ version: 1, items: [{ ...base, acceptedIdTypes: undefined }] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(x.itemsSheet)!;
    const col = Object.values(x.itemColumns).indexOf('受理证件类型') + 1;
    sheet.getRow(2).getCell(col).value = value;
    return parseCatalogueXlsx(Buffer.from(await book.xlsx.writeBuffer()));
  }

  it('reads Chinese names separated by 、 or ，', async () => {
    const parsed = await withCell('居民身份证，护照、 外国人永久居留身份证');
    expect(parsed.ok && parsed.catalogue.items[0]!.acceptedIdTypes).toEqual(['residentId', 'passport', 'foreignerPermanentResident']);
  });

  it('an empty cell means any document', async () => {
    const parsed = await withCell('');
    expect(parsed.ok && parsed.catalogue.items[0]).not.toHaveProperty('acceptedIdTypes');
  });

  it('names the item, the field and the value that is not a document type', async () => {
    const parsed = await withCell('居民身份证、驾驶证');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map(formatIssue)).toEqual([
      `“事项”表第 2 行 · ${base.name} · 受理证件类型 · 第 2 条：“驾驶证”不是可选的取值，可选：居民身份证、临时居民身份证、港澳台居民居住证、外国人永久居留身份证、港澳居民来往内地通行证、台湾居民来往大陆通行证、护照、其他证件`,
    ]);
  });
});
