import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strings } from '../../../shared/i18n';
import { formatIssue } from './catalogue-issues';
import { importCatalogue, loadCatalogue } from './catalogue-store';
import { parseCatalogueXlsx } from './xlsx-catalogue';
import { tempDir } from '../../../test/support/temp-dir';

const x = strings.catalogue.xlsx;

type Cells = Record<string, string | number>;

/** A workbook as a centre would fill it in: Chinese headers and labels. */
async function workbook(items: Cells[], materials: Cells[], options: { itemHeaders?: string[]; omitMaterials?: boolean } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const write = (name: string, headers: string[], rows: Cells[]) => {
    const sheet = book.addWorksheet(name);
    sheet.addRow(headers);
    for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  };
  write(x.itemsSheet, options.itemHeaders ?? ['序号', ...Object.values(x.itemColumns)], items);
  if (!options.omitMaterials) write(x.materialsSheet, Object.values(x.materialColumns), materials);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const licensing: Cells = {
  序号: 1,
  事项名称: '食品经营许可（新办）',
  别名: '餐饮许可、食品经营许可证',
  基本编码: '0100230001',
  实施编码: '0100230001-419900-201',
  事项类型: '行政许可',
  实施主体: '示例市某区市场监督管理局',
  实施主体统一社会信用代码: '114199000050010012',
  办件类型: '承诺件',
  法定办结时限: 10,
  法定时限单位: '工作日',
  承诺办结时限: 5,
  承诺时限单位: '工作日',
  受理条件: '已取得营业执照\n具有与经营的食品品种相适应的场所\r\n有食品安全管理人员',
  是否收费: '否',
  咨询电话: 12315,
  监督投诉电话: '12345',
};
const referral: Cells = {
  序号: 2,
  事项名称: '普通护照签发',
  基本编码: '0100830008',
  实施编码: '0100830008-419900-201',
  事项类型: '行政许可',
  实施主体: '示例市公安局',
  实施主体统一社会信用代码: '114199000050010025',
  办件类型: '承诺件',
  承诺办结时限: 7,
  承诺时限单位: '工作日',
  受理条件: '因私出国',
  是否收费: '是',
  收费依据: '按国家出入境证件收费标准执行',
  咨询电话: '12367',
  监督投诉电话: '12345',
  转办部门: '示例市公安局出入境管理支队',
  转办窗口: '出入境业务大厅',
};
const materials: Cells[] = [
  {
    实施编码: '0100230001-419900-201',
    材料编号: 'application',
    材料名称: '食品经营许可申请书',
    来源渠道: '申请人自备',
    材料形式: '纸质',
    原件份数: 1,
    复印件份数: 0,
    核验方式: '收原件',
    是否必要: '是',
    签字盖章要求: '需签字并盖章',
    空白表格: '食品经营许可申请书.docx',
  },
  {
    实施编码: '0100230001-419900-201',
    材料编号: 'rules',
    材料名称: '保证食品安全的规章制度目录清单',
    来源渠道: '申请人自备',
    材料形式: '纸质',
    原件份数: 1,
    复印件份数: 0,
    核验方式: '收原件',
    是否必要: '是',
    是否可容缺: '是',
    填写说明: '含进货查验记录等制度',
  },
];

describe('importing a catalogue from Excel', () => {
  it('reads items and materials with Chinese labels into the catalogue', async () => {
    const parsed = await parseCatalogueXlsx(await workbook([licensing, referral], materials));
    if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
    const [food, passport] = parsed.catalogue.items;
    expect(food).toMatchObject({
      name: '食品经营许可（新办）',
      aliases: ['餐饮许可', '食品经营许可证'],
      type: 'licensing',
      handling: 'promised',
      statutoryLimit: { days: 10, unit: 'workingDays' },
      promisedLimit: { days: 5, unit: 'workingDays' },
      conditions: ['已取得营业执照', '具有与经营的食品品种相适应的场所', '有食品安全管理人员'],
      fee: { charged: false },
      phones: { consultation: '12315', supervision: '12345' },
    });
    expect(food!.materials).toEqual([
      expect.objectContaining({ id: 'application', checkMethod: 'keepOriginal', signature: 'signatureAndSeal', tolerable: false, template: '食品经营许可申请书.docx' }),
      expect.objectContaining({ id: 'rules', tolerable: true, signature: 'none', notes: '含进货查验记录等制度' }),
    ]);
    expect(food!.referral).toBeUndefined();
    expect(passport).toMatchObject({
      statutoryLimit: null,
      fee: { charged: true, basis: '按国家出入境证件收费标准执行' },
      materials: [],
      referral: { department: '示例市公安局出入境管理支队', window: '出入境业务大厅' },
    });
  });

  it('becomes the catalogue in use through importCatalogue', async () => {
    const dir = tempDir('counter-xlsx-');
    const file = join(dir, '本中心事项目录.xlsx');
    writeFileSync(file, await workbook([licensing, referral], materials));
    const result = await importCatalogue(dir, file);
    expect(result.ok).toBe(true);
    const loaded = loadCatalogue(dir);
    expect(loaded.source).toBe('centre');
    expect(loaded.items.map((i) => i.initials[0])).toEqual(['spjyxkxb', 'pthzqf']);
  });

  it('names the row, item, material and field of each problem, in the words of the sheet', async () => {
    const badItem = { ...licensing, 办件类型: '即时办', 咨询电话: '' };
    const badMaterials: Cells[] = [
      { ...materials[0]!, 核验方式: '验原件收复印', 是否必要: '需要' },
      { ...materials[1]!, 原件份数: '一' },
      { ...materials[1]!, 实施编码: '0100230001-419900-999', 材料编号: 'extra', 材料名称: '其他材料' },
    ];
    const parsed = await parseCatalogueXlsx(await workbook([badItem], badMaterials));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map(formatIssue).sort()).toEqual(
      [
        `“材料”表第 4 行 · 其他材料 · 实施编码：${x.unknownItemCode('0100230001-419900-999')}`,
        '“事项”表第 2 行 · 食品经营许可（新办） · 办件类型：取值无效，可选：即办件、承诺件',
        '“事项”表第 2 行 · 食品经营许可（新办） · 电话 · 咨询电话：缺少此项',
        '“材料”表第 2 行 · 食品经营许可（新办） · 食品经营许可申请书 · 核验方式：取值无效，可选：收原件、验原件收复印件、收原件及复印件、验原件',
        `“材料”表第 2 行 · 食品经营许可（新办） · 食品经营许可申请书 · 是否必要：${x.badYesNo}`,
        '“材料”表第 3 行 · 食品经营许可（新办） · 保证食品安全的规章制度目录清单 · 原件份数：类型错误，应为数字',
      ].sort(),
    );
  });

  it('reports missing and unknown columns, and a missing sheet', async () => {
    const headers = Object.values(x.itemColumns).filter((h) => h !== x.itemColumns.implementationCode);
    const parsed = await parseCatalogueXlsx(await workbook([licensing], materials, { itemHeaders: [...headers, '办理地点'], omitMaterials: true }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map(formatIssue)).toEqual([
      '“事项”表第 1 行 · 办理地点：无法识别的列“办理地点”',
      '“事项”表第 1 行 · 实施编码：缺少“实施编码”列',
      '（整个目录）：工作簿中缺少“材料”工作表',
    ]);
  });

  it('reports an empty item sheet and a file that is not a workbook', async () => {
    const empty = await parseCatalogueXlsx(await workbook([], []));
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.issues.map(formatIssue)).toEqual(['事项：至少要有 1 项']);
    const garbage = await parseCatalogueXlsx(new TextEncoder().encode('这不是 Excel 文件'));
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(garbage.issues[0]!.message).toMatch(/^无法读取 Excel 文件：/);
  });
});
