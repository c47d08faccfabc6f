import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { idCheckCharacter } from '../../shared/domain/id-number';
import { strings } from '../../shared/i18n';
import { byId, check, chooseFoodByClick, chooseFoodByKeyboard, FOOD, issueSlip, readCard, setReceiptDetails, signIfAsked, state, status } from './case-steps';
import { screenshot } from './chromium';
import { useCounterInChromium } from './counter-fixture';
import { tempDir } from '../support/temp-dir';

const NAMES: Record<string, string> = {
  application: '食品经营许可申请书',
  'business-licence': '营业执照或者其他主体资格证明文件',
  layout: '与食品经营相适应的主要设备设施、经营布局、操作流程等文件',
  'rules-list': '保证食品安全的规章制度目录清单',
  'power-of-attorney': '授权委托书及受托人身份证件',
};
const t = strings.caseScreen;
const r = strings.caseFlow.refusals;

const counter = useCounterInChromium();

type Size = { width: number; height: number };
const SMALL: Size = { width: 1366, height: 768 };
const LARGE: Size = { width: 1920, height: 1080 };
const tag = (size: Size) => `${size.width}x${size.height}`;

const openClerkScreen = (size: Size, dataDir?: string) => counter.openClerkScreen({ shell: { dataDir }, context: { viewport: size } });

/** The reason shown for a blocked decision (one line may serve several decisions). */
const reasonOf = (page: Page, kind: string) => page.locator(`[data-testid="decision-reason"][data-kinds~="${kind}"] .decision-why__text`).innerText();
const noticeItems = (page: Page, testId: string) => page.getByTestId(testId).evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.material));

/** No page scrolling: the screen fits the window (the panels scroll inside). */
async function expectFits(page: Page, label: string) {
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
  expect(overflow, label).toEqual({ x: 0, y: 0 });
}

/** The slip PDF behind the link, fetched by the page itself (same origin, session cookie). */
async function fetchPdf(page: Page): Promise<{ status: number; type: string | null; text: string }> {
  const href = await byId(page, 'slip-pdf-link').getAttribute('href');
  expect(href).toMatch(/^\/slips\/\d+\.pdf$/);
  const fetched = await page.evaluate(async (url) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return { status: response.status, type: response.headers.get('content-type'), base64: btoa(binary) };
  }, href!);
  const file = join(tempDir('counter-e2e-slip-'), 'slip.pdf');
  writeFileSync(file, Buffer.from(fetched.base64, 'base64'));
  const text = execFileSync('pdftotext', ['-raw', file, '-']).toString().replace(/\s+/g, '');
  return { status: fetched.status, type: fetched.type, text };
}

describe('the case workflow in Chromium through the web shell', () => {
  it('受理: card, item by keyboard, materials by the row keys, decision, receipt with its PDF, evaluation, 办结', async () => {
    const { page, problems } = await openClerkScreen(SMALL);
    expect(await state(page, 'start')).toBe('current');
    await screenshot(page, `case-empty-${tag(SMALL)}`);
    await readCard(page);
    expect(await page.content()).not.toContain(SAMPLE_RESIDENT_CARD.idNumber);
    await byId(page, `item-option-${FOOD}`).waitFor();
    await expectFits(page, 'identified');
    await screenshot(page, `case-identified-${tag(SMALL)}`);

    await chooseFoodByKeyboard(page);
    expect(await state(page, 'materials')).toBe('current');
    expect(await byId(page, 'checklist-pending').innerText()).toBe(t.checklist.pending(5, 5));
    expect(await byId(page, 'material-row-rules-list').innerText()).toContain(t.checklist.tolerable);
    expect(await byId(page, 'decision-accept').isDisabled()).toBe(true);
    expect(await reasonOf(page, 'accept')).toContain('还有材料未核验');

    // The first material has the focus already: S on each required row (the focus moves on by itself),
    // B on the optional power of attorney.
    for (const id of ['application', 'business-licence', 'layout', 'rules-list']) {
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`material-row-${id}`);
      await page.keyboard.press('s');
      await expect.poll(() => status(page, id)).toBe('received');
      if (id === 'business-licence') await screenshot(page, `case-check-${tag(SMALL)}`);
    }
    await page.keyboard.press('b');
    await expect.poll(() => status(page, 'power-of-attorney')).toBe('notApplicable');
    await expect.poll(() => state(page, 'decision')).toBe('current');
    expect(await byId(page, 'checklist-pending').innerText()).toBe(t.checklist.allChecked(5));
    // Enabled once the last check's answer is in (the buttons wait while a request runs).
    await expect.poll(() => byId(page, 'decision-accept').isEnabled()).toBe(true);
    expect(await reasonOf(page, 'tolerate')).toBe(r.nothingToTolerate);
    expect(await byId(page, 'notice-preview').innerText()).toContain(t.decision.preview.empty);
    await expectFits(page, 'all checked');
    await screenshot(page, `case-accept-ready-${tag(SMALL)}`);

    await byId(page, 'decision-accept').click();
    await expect.poll(() => byId(page, 'decision-summary').getAttribute('data-kind')).toBe('accept');
    expect(await byId(page, 'decision-promised').innerText()).toMatch(/\d{4}年\d{2}月\d{2}日/);
    expect(await byId(page, 'phrase-panel').getAttribute('data-stage')).toBe('接收');

    // A receipt says how the result is delivered and where the applicant is told: the service asks first.
    await signIfAsked(page);
    await byId(page, 'issue-slip').click();
    await expect.poll(() => byId(page, 'slip-section').getByTestId('case-message').innerText()).toBe(r.deliveryNeeded);
    await setReceiptDetails(page, 'window');
    await screenshot(page, `case-accept-decided-${tag(SMALL)}`);
    await issueSlip(page, '受');
    // The simulated printer takes the job: the status follows the queue to 已打印.
    await expect.poll(() => byId(page, 'slip-print-status').getAttribute('data-status')).toBe('done');
    expect(await byId(page, 'slip-print-status').innerText()).toContain(t.slip.statuses.done);
    const pdf = await fetchPdf(page);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.text).toContain('受理通知书');
    expect(pdf.text).toContain(await byId(page, 'slip-number').innerText());
    await expect.poll(() => byId(page, 'phrase-panel').getAttribute('data-stage')).toBe('回执');
    await expectFits(page, 'slip issued');
    await screenshot(page, `case-accept-slip-${tag(SMALL)}`);

    // 补打: a further copy, recorded and archived as its own PDF.
    await byId(page, 'slip-reprint').click();
    await expect.poll(() => byId(page, 'slip-copies').locator('li').count()).toBe(2);
    expect(await byId(page, 'slip-section').getByTestId('case-message').innerText()).toBe(strings.slipService.reprinted(2));
    expect((await fetchPdf(page)).type).toBe('application/pdf');

    await byId(page, 'skip-evaluation').click();
    await byId(page, 'skip-evaluation-reason').selectOption('declined');
    await byId(page, 'skip-evaluation-confirm').click();
    await expect.poll(() => state(page, 'close')).toBe('current');
    expect(await byId(page, 'evaluation-result').innerText()).toContain('申请人不愿评价');
    await screenshot(page, `case-evaluated-${tag(SMALL)}`);
    await byId(page, 'close-case').click();
    await byId(page, 'case-empty').waitFor();
    expect(await state(page, 'start')).toBe('current');
    expect(problems).toEqual([]);
  });

  it('一次性告知: the notice lists exactly the missing and defective materials, on screen and in the PDF', async () => {
    const { page, problems } = await openClerkScreen(LARGE);
    await readCard(page);
    await byId(page, `item-option-${FOOD}`).waitFor();
    await screenshot(page, `case-identified-${tag(LARGE)}`);
    await chooseFoodByClick(page);
    await check(page, { application: 'received', 'business-licence': 'missing', layout: 'unsigned', 'rules-list': 'missing' });
    expect(await noticeItems(page, 'notice-preview-item')).toEqual(['business-licence', 'layout', 'rules-list']);
    await check(page, { 'power-of-attorney': 'na' });
    expect(await byId(page, 'decision-accept').isDisabled()).toBe(true);
    expect(await byId(page, 'decision-tolerate').isDisabled()).toBe(true);
    expect(await reasonOf(page, 'tolerate')).toContain('不可容缺');
    await expectFits(page, 'notify check');
    await screenshot(page, `case-notify-check-${tag(LARGE)}`);

    await byId(page, 'decision-notify').click();
    await expect.poll(() => byId(page, 'decision-summary').getAttribute('data-kind')).toBe('notify');
    expect(await noticeItems(page, 'decision-notice-item')).toEqual(['business-licence', 'layout', 'rules-list']);
    expect(await byId(page, 'decision-deadline').innerText()).toMatch(/\d{4}年\d{2}月\d{2}日/);
    expect(await byId(page, 'phrase-panel').getAttribute('data-stage')).toBe('退回');
    await screenshot(page, `case-notify-decided-${tag(LARGE)}`);

    await issueSlip(page, '补');
    const pdf = await fetchPdf(page);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.text).toContain('一次性告知书');
    for (const id of ['business-licence', 'layout', 'rules-list']) expect(pdf.text, id).toContain(NAMES[id]!.replace(/\s+/g, ''));
    for (const id of ['application', 'power-of-attorney']) expect(pdf.text, id).not.toContain(NAMES[id]);
    expect(pdf.text).toContain('未签字');
    await screenshot(page, `case-notify-slip-${tag(LARGE)}`);

    // Esc after the slip: the citizen left without rating, the case closes.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await byId(page, 'case-empty').waitFor();
    expect(problems).toEqual([]);
  });

  it('容缺受理: the commitment and the credit check are asked for, the slip is a tolerated acceptance', async () => {
    const { page, problems } = await openClerkScreen(SMALL);
    await readCard(page);
    await chooseFoodByClick(page);
    await check(page, { application: 'received', 'business-licence': 'received', layout: 'received', 'rules-list': 'missing', 'power-of-attorney': 'na' });
    expect(await byId(page, 'decision-accept').isDisabled()).toBe(true);
    await expect.poll(() => byId(page, 'decision-tolerate').isEnabled()).toBe(true);
    expect(await noticeItems(page, 'notice-preview-item')).toEqual(['rules-list']);

    await byId(page, 'decision-tolerate').click();
    await byId(page, 'tolerate-credit-clear').check();
    await byId(page, 'tolerate-confirm').click();
    await expect.poll(() => byId(page, 'tolerate-form').getByTestId('case-message').innerText()).toBe(r.commitmentUnsigned);
    await byId(page, 'tolerate-commitment').check();
    await expectFits(page, 'tolerate form');
    await screenshot(page, `case-tolerate-form-${tag(SMALL)}`);
    await byId(page, 'tolerate-confirm').click();
    await expect.poll(() => byId(page, 'decision-summary').getAttribute('data-kind')).toBe('tolerate');
    expect(await byId(page, 'decision-promised').innerText()).toMatch(/\d{4}年\d{2}月\d{2}日/);
    expect(await byId(page, 'decision-deadline').innerText()).toMatch(/\d{4}年\d{2}月\d{2}日/);
    expect(await noticeItems(page, 'decision-notice-item')).toEqual(['rules-list']);

    await setReceiptDetails(page, 'locker');
    await issueSlip(page, '容');
    const pdf = await fetchPdf(page);
    expect(pdf.text).toContain('容缺受理通知书');
    expect(pdf.text).toContain(NAMES['rules-list']);
    await screenshot(page, `case-tolerate-slip-${tag(SMALL)}`);
    expect(problems).toEqual([]);
  });

  it('不予受理: a forbidden phrase is refused with the suggested wording, a proper reason is taken', async () => {
    const { page, problems } = await openClerkScreen(SMALL);
    await readCard(page);
    await chooseFoodByClick(page);
    await byId(page, 'decision-reject').click();
    await byId(page, 'reject-reason-other').check();
    await byId(page, 'reject-text').fill('不知道，你别问我。');
    await byId(page, 'reject-confirm').click();
    const refusal = byId(page, 'reject-form').getByTestId('case-message');
    await expect.poll(() => refusal.innerText()).toContain('服务忌语');
    expect(await refusal.innerText()).toContain('建议改用规范用语');
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(await state(page, 'materials')).toBe('current');
    await screenshot(page, `case-reject-refused-${tag(SMALL)}`);

    await byId(page, 'reject-text').fill('申请人尚未取得营业执照，暂不符合本事项的申请条件。');
    await byId(page, 'reject-confirm').click();
    await expect.poll(() => byId(page, 'decision-summary').getAttribute('data-kind')).toBe('reject');
    expect(await byId(page, 'decision-reason').innerText()).toContain('申请人尚未取得营业执照');
    await issueSlip(page, '不受');
    const pdf = await fetchPdf(page);
    expect(pdf.text).toContain('不予受理通知书');
    expect(pdf.text).toContain('申请人尚未取得营业执照');
    await expectFits(page, 'reject slip');
    await screenshot(page, `case-reject-slip-${tag(SMALL)}`);
    expect(problems).toEqual([]);
  });

  it('开始办件 with a queue ticket, then a manual entry: a wrong check digit is refused in the form', async () => {
    const { page, problems } = await openClerkScreen(SMALL);
    await byId(page, 'start-ticket').fill('A023');
    await byId(page, 'start-case').click();
    await expect.poll(() => state(page, 'applicant')).toBe('current');
    expect(await byId(page, 'case-waiting').innerText()).toContain('A023');
    expect(await byId(page, 'phrase-panel').getAttribute('data-stage')).toBe('问候');
    await screenshot(page, `case-started-${tag(SMALL)}`);

    const first17 = '11010119900307002';
    const good = first17 + idCheckCharacter(first17)!;
    const bad = first17 + (good.endsWith('1') ? '2' : '1');
    await byId(page, 'manual-entry').click();
    await byId(page, 'person-name').fill('李华');
    await byId(page, 'person-id-number').fill(bad);
    await byId(page, 'person-reason').selectOption('readFailed');
    await byId(page, 'person-save').click();
    await expect.poll(() => byId(page, 'person-form-applicant').getByTestId('case-message').innerText()).toBe(r.badIdNumber('居民身份证'));
    await screenshot(page, `case-manual-${tag(SMALL)}`);

    await byId(page, 'person-id-number').fill(good);
    await byId(page, 'person-save').click();
    await expect.poll(() => byId(page, 'applicant-name').innerText()).toBe('李华');
    expect(await byId(page, 'applicant-id').innerText()).toBe('110101********' + good.slice(-4));
    expect(await byId(page, 'applicant-panel').innerText()).toContain('证件读取失败');
    expect(await page.content()).not.toContain(good);
    await expect.poll(() => byId(page, 'phrase-panel').getAttribute('data-stage')).toBe('受理');

    // Esc ends a case typed in by hand as well.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await byId(page, 'case-empty').waitFor();
    expect(problems).toEqual([]);
  });

  it('crash recovery: services stopped mid-check and started on the same data, the page shows the case at the same step', async () => {
    const first = await openClerkScreen(SMALL);
    await readCard(first.page);
    await chooseFoodByClick(first.page);
    await check(first.page, { application: 'received', 'business-licence': 'missing' });
    const caseNumber = await byId(first.page, 'case-number').innerText();
    const dataDir = counter.running.dataDir;
    await counter.stop();
    // The open page sees the services gone.
    await byId(first.page, 'connection-overlay').waitFor();
    await first.page.close();

    const { page, problems } = await openClerkScreen(SMALL, dataDir);
    await byId(page, 'material-checklist').waitFor();
    expect(await byId(page, 'case-number').innerText()).toBe(caseNumber);
    expect(await byId(page, 'case-restored').isVisible()).toBe(true);
    expect(await state(page, 'materials')).toBe('current');
    expect(await byId(page, 'applicant-name').innerText()).toBe('张晓明');
    expect(await byId(page, 'item-name').innerText()).toBe('食品经营许可（新办）');
    expect(await status(page, 'application')).toBe('received');
    expect(await status(page, 'business-licence')).toBe('missing');
    expect(await status(page, 'layout')).toBe('pending');
    expect(await byId(page, 'checklist-pending').innerText()).toBe(t.checklist.pending(3, 5));
    expect(await noticeItems(page, 'notice-preview-item')).toEqual(['business-licence']);
    await screenshot(page, `case-restored-${tag(SMALL)}`);
    // And it carries on from there.
    await check(page, { layout: 'received' });
    expect(problems).toEqual([]);
  });
});
