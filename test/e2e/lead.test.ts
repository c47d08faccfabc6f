/**
 * 组长查看 in Chromium through the web shell: ratings seeded into this
 * month, the lead opens the view with F8, a wrong PIN is refused, the right
 * one opens it; the statistics match the service's numbers and the chart
 * draws them; a 差评 is worked to 已办结; an XLSX export is downloaded
 * through its link and read back with exceljs.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { insertSeedRows, type SeedRow } from '../../electron/services/evaluation/seed';
import { queryStats } from '../../electron/services/evaluation/stats-query';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import { formatRate, monthRange } from '../../shared/domain/lead/chart';
import { strings } from '../../shared/i18n';
import { LEAD, leadConfig } from '../integration/lead-fixture';
import { byId } from './case-steps';
import { screenshot, SCREENSHOT_DIR, watchConsole } from './chromium';
import { useCounterInChromium } from './counter-fixture';

const counter = useCounterInChromium();

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Two clerks, this month: 李娜 4 好评, 1 不满意, 1 未评; 王强 2 非常满意, 1 非常不满意. Every 差评 has an open follow-up. */
function seedRows(): SeedRow[] {
  const { from } = monthRange(localToday());
  const today = localToday();
  const na = { name: '李娜', staffNumber: '0123' };
  const wq = { name: '王强', staffNumber: '0456' };
  const item = { code: '0100230001-419900-001', name: '食品经营许可（新办）' };
  const open = { replied: false, rectified: false, view: null, closed: false };
  const row = (n: number, day: string, clerk: typeof na, status: SeedRow['status'], level: SeedRow['level'], extra: Partial<SeedRow> = {}): SeedRow => ({
    caseId: `08-${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`,
    day,
    clerk,
    windowNumber: '08',
    item,
    status,
    level,
    ...extra,
  });
  return [
    row(1, from, na, 'rated', 'verySatisfied'),
    row(2, from, na, 'rated', 'verySatisfied'),
    row(3, from, na, 'rated', 'satisfied'),
    row(4, from, na, 'rated', 'dissatisfied', { reasons: ['E01'], followUp: open }),
    row(5, today, na, 'rated', 'basicallySatisfied'),
    row(6, today, na, 'unrated', null),
    row(7, today, wq, 'rated', 'verySatisfied'),
    row(8, today, wq, 'rated', 'verySatisfied'),
    row(9, today, wq, 'rated', 'veryDissatisfied', { reasons: ['A01'], followUp: open }),
  ];
}

describe('组长查看 in Chromium', () => {
  it('unlock, statistics and chart, a 差评 worked to 已办结, an XLSX downloaded and read back', async () => {
    const running = await counter.start({ config: { lead: await leadConfig() } });
    const db = openDatabase(join(running.dataDir, DATABASE_FILE));
    const rows = seedRows();
    insertSeedRows(db, rows);
    const { from, to } = monthRange(localToday());

    const context = await counter.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(running.shell.url);
    await page.getByTestId('case-empty').waitFor();

    // F8: the view opens locked; a wrong PIN is refused in Chinese.
    await page.keyboard.press('F8');
    await byId(page, 'lead-unlock').waitFor();
    await byId(page, 'lead-staff-no').fill(LEAD.staffNo);
    await byId(page, 'lead-pin').fill('999999');
    await byId(page, 'lead-unlock-submit').click();
    await expect.poll(() => byId(page, 'lead-unlock-problem').innerText()).toBe(strings.lead.gate.wrong(4));
    await screenshot(page, 'lead-unlock-wrong-pin-1366x768');
    await byId(page, 'lead-pin').fill(LEAD.pin);
    await byId(page, 'lead-unlock-submit').click();
    await expect.poll(() => byId(page, 'lead-who').innerText()).toContain(`${LEAD.name}（${LEAD.staffNo}）`);

    // 统计 per clerk, this month: the table says what the service computes.
    await byId(page, 'lead-stats-table').waitFor();
    const expected = queryStats(db, 'clerk', from, to);
    expect(expected.rows.map((r) => r.key)).toEqual(['0123', '0456']);
    for (const r of expected.rows) {
      const line = byId(page, `lead-stats-row-${r.key}`);
      const cell = (col: string) => line.locator(`[data-col="${col}"]`).innerText();
      expect(await cell('total')).toBe(String(r.total));
      expect(await cell('verySatisfied')).toBe(String(r.levels.verySatisfied));
      expect(await cell('unrated')).toBe(String(r.unrated));
      expect(await cell('goodRate')).toBe(formatRate(r.goodRate));
      expect(await cell('badRate')).toBe(formatRate(r.badRate));
      expect(await cell('unratedRate')).toBe(formatRate(r.unratedRate));
    }
    // And the numbers are the ones seeded: 李娜 4 of 5 rated are 好评, 1 of 6 未评.
    const na = byId(page, 'lead-stats-row-0123');
    expect(await na.locator('[data-col="goodRate"]').innerText()).toBe('80.0%');
    expect(await na.locator('[data-col="unratedRate"]').innerText()).toBe('16.7%');
    expect(await byId(page, 'lead-stats-total').locator('[data-col="total"]').innerText()).toBe('9');

    // The chart: one bar per clerk, segments as wide as their shares.
    const bar = byId(page, 'lead-chart-bar-0123');
    expect(await bar.locator('rect[data-part]').count()).toBe(5);
    const width = async (part: string) => Number(await bar.locator(`rect[data-part="${part}"]`).getAttribute('width'));
    expect((await width('verySatisfied')) / (await width('satisfied'))).toBeCloseTo(2, 6);
    expect(await byId(page, 'lead-chart-svg').locator('desc').textContent()).toContain('李娜（0123）：非常满意 2 件（33.3%）');
    expect(await byId(page, 'lead-chart-svg').isVisible()).toBe(true);
    await screenshot(page, 'lead-stats-1366x768');

    // 差评跟进: two open, the older one overdue; work it to 已办结.
    await byId(page, 'lead-tab-followUps').click();
    await expect.poll(() => byId(page, 'lead-filter-pending').innerText()).toContain('2');
    const naCase = rows[3]!.caseId;
    const id = (db.prepare('SELECT id FROM evaluation_follow_ups WHERE case_id = ?').get(naCase) as { id: number }).id;
    await byId(page, `lead-follow-${id}`).click();
    await expect.poll(() => byId(page, 'lead-record-case').innerText()).toBe(naCase);
    expect(await byId(page, 'lead-record-reasons').innerText()).toBe('等候时间过长');
    await byId(page, 'lead-callback-reached').check();
    await byId(page, 'lead-callback-note').fill('电话回访，群众反映排队时间长');
    await byId(page, 'lead-verification').selectOption('confirmed');
    await byId(page, 'lead-follow-save').click();
    await expect.poll(() => byId(page, 'lead-follow-message').innerText()).toBe(strings.evaluation.followUp.updated);
    // Closing before rectification is refused with the service's reason.
    await byId(page, 'lead-follow-close').click();
    await expect.poll(() => byId(page, 'lead-follow-message').innerText()).toBe(strings.evaluation.followUp.closeNeedsRectification);
    await screenshot(page, 'lead-follow-up-refused-1366x768');
    await byId(page, 'lead-measures').fill('高峰时段增开一个综合窗口');
    await byId(page, 'lead-rectified').check();
    await byId(page, 'lead-outcome').fill('已整改，已向群众说明');
    await byId(page, 'lead-fix-view').selectOption('satisfied');
    await byId(page, 'lead-follow-close').click();
    await expect.poll(() => byId(page, 'lead-follow-editor').getAttribute('data-status')).toBe('closed');
    expect(await byId(page, 'lead-follow-message').innerText()).toBe(strings.evaluation.followUp.closed);
    await screenshot(page, 'lead-follow-up-closed-1366x768');
    const stored = db.prepare('SELECT status, callback_note, rectification, outcome, fix_view FROM evaluation_follow_ups WHERE id = ?').get(id);
    expect(stored).toEqual({ status: 'closed', callback_note: '电话回访，群众反映排队时间长', rectification: '高峰时段增开一个综合窗口', outcome: '已整改，已向群众说明', fix_view: 'satisfied' });
    await byId(page, 'lead-filter-closed').click();
    await byId(page, `lead-follow-${id}`).waitFor();

    // 导出: XLSX of this month, downloaded through its link.
    await byId(page, 'lead-tab-export').click();
    await byId(page, 'lead-export-format-xlsx').check();
    await byId(page, 'lead-export-submit').click();
    const link = byId(page, 'lead-export-download');
    await link.waitFor();
    expect(await byId(page, 'lead-export-message').innerText()).toContain('9');
    await screenshot(page, 'lead-export-1366x768');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`好差评-${from}至${to}.xlsx`);
    const saved = join(SCREENSHOT_DIR, '..', `lead-export-${from}.xlsx`);
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const records = book.worksheets[0]!;
    expect(records.rowCount).toBe(rows.length + 1);
    const ids: string[] = [];
    records.eachRow((r, n) => n > 1 && ids.push(String(r.getCell(1).value)));
    expect(ids.sort()).toEqual(rows.map((r) => r.caseId).sort());
    const followSheet = book.worksheets.find((w) => w.name === strings.evaluation.sheets.followUps)!;
    const closedRow = followSheet.getRows(2, followSheet.rowCount - 1)!.find((r) => r.getCell(1).value === naCase)!;
    expect(closedRow.values).toContain(strings.evaluation.followUp.statuses.closed);

    // 退出: the view closes and the link dies with the unlock.
    const href = await link.getAttribute('href');
    await byId(page, 'lead-exit').click();
    await byId(page, 'lead-view').waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(async (url) => (await fetch(url!)).status, href)).toBe(403);
    await screenshot(page, 'lead-closed-clerk-1366x768');

    expect(problems.filter((p) => !p.includes('403'))).toEqual([]);
    db.close();
    await context.close();
  });
});
