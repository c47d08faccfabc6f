/** The export files, opened and read back: CSV as text, XLSX with exceljs, the exchange file as JSON. */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { beijingTime, csvCell } from './exports';
import { insertSeedRows } from './seed';
import { caseAtSlip, rig } from './test-kit';
import { tempDir } from '../../../test/support/temp-dir';

/** Three cases of 2026-09-25 through the service (非常满意 by keypad, 差评 with reasons on the page, 未评) and a seeded one on another day. */
function ratedCounter() {
  const r = rig();
  const a = caseAtSlip(r.cases);
  r.evaluation.requestCurrent();
  r.evaluation.keyPressed({ type: 'rating', source: '评价器', caseId: a, level: 'verySatisfied', keyCode: 1 });
  r.cases.finishCurrent();
  r.clock.now = new Date(2026, 8, 25, 10, 30);
  const b = caseAtSlip(r.cases);
  r.evaluation.requestCurrent();
  r.evaluation.submit({ caseId: b, level: 'veryDissatisfied', reasons: ['E01', 'A02'], comment: '=HYPERLINK("x") 等了"很久"，还被推诿' });
  r.cases.finishCurrent();
  r.clock.now = new Date(2026, 8, 25, 11, 0);
  const c = caseAtSlip(r.cases);
  r.evaluation.skipCurrent('declined');
  r.cases.finishCurrent();
  insertSeedRows(r.db, [{ caseId: 'X-1', day: '2026-10-09', clerk: { name: '王强', staffNumber: '0456' }, windowNumber: '08', item: { code: 'B', name: '事项乙' }, status: 'rated', level: 'satisfied' }]);
  r.clock.now = new Date(2026, 9, 10, 9, 0);
  return { r, a, b, c, dir: tempDir('counter-export-') };
}

describe('rating exports', () => {
  it('CSV: BOM, Chinese headers, one line per case in the range, formula cells neutralised', async () => {
    const { r, a, b, c, dir } = ratedCounter();
    const result = await r.evaluation.export({ format: 'csv', from: '2026-09-25', to: '2026-09-30' }, dir);
    expect(result).toMatchObject({ ok: true, count: 3, fileName: 'ratings-2026-09-25-2026-09-30.csv' });
    const text = readFileSync(result.path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('办件编号,日期,事项编码,事项名称,窗口,经办人,工号,评价状态,评价等级,差评原因,文字评价,评价渠道,评价时间');
    expect(lines).toHaveLength(4);
    const ratedAt = beijingTime(new Date(2026, 8, 25, 10, 0).toISOString()); // the test clock is local time; the export writes Beijing time
    expect(lines[1]).toBe(`${a},2026-09-25,0100230001-419900-001,食品经营许可（新办）,08,李娜,0123,已评价,非常满意,,,评价器,${ratedAt}`);
    expect(lines[2]).toContain(`${b},2026-09-25`);
    expect(lines[2]).toContain('非常不满意,E01 等候时间过长；A02 推诿扯皮,"\'=HYPERLINK(""x"") 等了""很久""，还被推诿",评价屏');
    expect(lines[3]).toContain(`${c},2026-09-25`);
    expect(lines[3]).toContain(',未评价,,');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-')).toBe("'-");
    expect(beijingTime('2026-09-25T02:00:00.000Z')).toBe('2026-09-25 10:00:00');
  });

  it('XLSX: records, statistics per clerk, window, item and day, and the follow-ups, read back with exceljs', async () => {
    const { r, b, dir } = ratedCounter();
    const result = await r.evaluation.export({ format: 'xlsx', from: '2026-09-01', to: '2026-10-31' }, dir);
    expect(result).toMatchObject({ ok: true, count: 4 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(result.path);
    expect(book.worksheets.map((s) => s.name)).toEqual(['评价明细', '评价统计-工作人员', '评价统计-窗口', '评价统计-事项', '评价统计-日期', '差评整改']);
    const detail = book.getWorksheet('评价明细')!;
    expect(detail.rowCount).toBe(5);
    expect(detail.getRow(3).getCell(1).value).toBe(b);
    expect(detail.getRow(3).getCell(9).value).toBe('非常不满意');

    const byClerk = book.getWorksheet('评价统计-工作人员')!;
    const header = (byClerk.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 8)).toEqual(['分组', '办件数', '已评价', '非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    const col = (name: string) => header.indexOf(name) + 1;
    const lina = byClerk.getRow(2);
    expect(lina.getCell(1).value).toBe('李娜（0123）');
    expect(lina.getCell(col('办件数')).value).toBe(3);
    expect(lina.getCell(col('已评价')).value).toBe(2);
    expect(lina.getCell(col('未评价')).value).toBe(1);
    expect(lina.getCell(col('好评率')).value).toBe(0.5);
    expect(lina.getCell(col('好评率')).numFmt).toBe('0.00%');
    expect(lina.getCell(col('未评率')).value).toBeCloseTo(1 / 3);
    expect(lina.getCell(col('差评回复率')).value).toBe(0);
    expect(lina.getCell(col('回访整改满意率')).value).toBeNull(); // nobody asked yet: no rate
    const totalRow = byClerk.getRow(byClerk.rowCount);
    expect(totalRow.getCell(1).value).toBe('合计');
    expect(totalRow.getCell(col('办件数')).value).toBe(4);

    expect(book.getWorksheet('评价统计-日期')!.getRow(2).getCell(1).value).toBe('2026-09-25');
    const follow = book.getWorksheet('差评整改')!;
    expect(follow.rowCount).toBe(2);
    expect(follow.getRow(2).getCell(1).value).toBe(b);
    expect(follow.getRow(2).getCell(3).value).toBe('等候时间过长；推诿扯皮');
    expect(follow.getRow(2).getCell(6).value).toBe('2026-10-09');
  });

  it('exchange file: GB/T 39046 names, YYYYMMDDThhmmss, level codes in the direction chosen, which must be chosen', async () => {
    const { r, a, b, dir } = ratedCounter();
    expect(await r.evaluation.export({ format: 'exchange', from: '2026-09-25', to: '2026-09-25' }, dir)).toMatchObject({
      ok: false,
      message: '导出交换文件须明确评价等级代码方向：national（1=非常满意）或 provincial（1=非常不满意）',
    });
    const national = await r.evaluation.export({ format: 'exchange', from: '2026-09-25', to: '2026-09-25', codeDirection: 'national' }, dir);
    const provincial = await r.evaluation.export({ format: 'exchange', from: '2026-09-25', to: '2026-09-25', codeDirection: 'provincial' }, dir);
    expect(national.fileName).toBe('ratings-exchange-national-2026-09-25-2026-09-25.json');
    const n = JSON.parse(readFileSync(national.path, 'utf8'));
    const p = JSON.parse(readFileSync(provincial.path, 'utf8'));
    expect(n).toMatchObject({ standard: 'GB/T 39046-2020', levelCodeDirection: 'national', count: 2, levelCodes: { 1: '非常满意', 5: '非常不满意' } });
    expect(p).toMatchObject({ levelCodeDirection: 'provincial', levelCodes: { 1: '非常不满意', 5: '非常满意' } });
    const byCase = (file: { records: Array<Record<string, unknown>> }, id: string) => file.records.find((x) => x['办件编号'] === id)!;
    expect(byCase(n, a)).toMatchObject({ 评价等级: '非常满意', 评价等级代码: 1, 评价渠道: '5', 评价人: '张晓明', 评价次数: 1 });
    expect(byCase(p, a)).toMatchObject({ 评价等级: '非常满意', 评价等级代码: 5 });
    expect(byCase(n, b)).toMatchObject({ 评价等级代码: 5, 差评原因代码: 'E01,A02', 评价渠道: '4', 经办人: '李娜', 窗口编号: '08' });
    expect(byCase(p, b)).toMatchObject({ 评价等级代码: 1 });
    expect(String(byCase(n, a)['评价时间'])).toMatch(/^20260925T\d{6}$/);
  });

  it('refuses a range that ends before it starts', async () => {
    const { r, dir } = ratedCounter();
    expect(await r.evaluation.export({ format: 'csv', from: '2026-10-01', to: '2026-09-01' }, dir)).toMatchObject({ ok: false, message: '统计区间无效：开始日期不能晚于结束日期' });
  });
});
