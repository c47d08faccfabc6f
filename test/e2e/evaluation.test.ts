import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mayCall, type MethodName, type ParamsOf, type ResultOf } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { type Running } from '../integration/web-shell-harness';
import { byId, check, chooseFoodByClick, issueSlip, openBothScreens, readCard, setReceiptDetails, state } from './case-steps';
import { screenshot } from './chromium';
import { useCounterInChromium } from './counter-fixture';

const ev = strings.evaluation;

const counter = useCounterInChromium();

/** A contract call as the screen the method is for makes it (the citizen screen's methods as a citizen connection). */
async function call<M extends MethodName>(shell: Running, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  const role = mayCall(method, 'clerk') ? 'clerk' : 'citizen';
  const outcome = await shell.services.handle(method, params, { connection: `e2e-${role}`, role });
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
  return outcome.result as ResultOf<M>;
}

async function noOverflow(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
}

describe('好差评 in Chromium through the web shell', () => {
  it('the clerk asks for a rating, the citizen page rates 不满意 with a reason, the clerk sees 评价已收到 and no level', async () => {
    // The clerk presses 请申请人评价 (no automatic request when the slip is out).
    const running = await counter.start({ config: { evaluation: { autoRequest: false } } });
    const context = await counter.newContext({ viewport: { width: 1366, height: 768 } });
    // The citizen page: a second page in the same browser profile, opened from the citizen address (a session of its own).
    const { clerk, problems, citizen, citizenProblems } = await openBothScreens(context, running.shell);

    // The clerk runs a case to the receipt. (Pages in one headless browser take turns in front:
    // the page behind gets no animation frames, and every click on it would wait for one.)
    await clerk.bringToFront();
    await readCard(clerk);
    await chooseFoodByClick(clerk);
    await check(clerk, { application: 'received', 'business-licence': 'received', layout: 'received', 'rules-list': 'received', 'power-of-attorney': 'na' });
    await expect.poll(() => byId(clerk, 'decision-accept').isEnabled()).toBe(true);
    await byId(clerk, 'decision-accept').click();
    await expect.poll(() => byId(clerk, 'decision-summary').getAttribute('data-kind')).toBe('accept');
    await setReceiptDetails(clerk, 'window');
    await issueSlip(clerk, '受');
    expect(await citizen.getByTestId('citizen-screen').getAttribute('data-state')).toBe('welcome');

    await byId(clerk, 'request-rating').click();
    await expect.poll(() => byId(clerk, 'evaluation-status').innerText()).toBe(ev.clerk.requested);
    await screenshot(clerk, 'citizen-rate-clerk-requested-1366x768');

    // The citizen page follows by itself: the item (no personal data), the clerk card, five levels.
    await citizen.bringToFront();
    await citizen.getByTestId('citizen-rate').waitFor();
    expect(await citizen.getByTestId('citizen-rate-item').innerText()).toContain('食品经营许可');
    const request = await call(running, 'getRatingRequest', {});
    expect(request.screen).toBe('rating');
    expect(await citizen.getByTestId('citizen-clerk-name').innerText()).toBe(request.clerk!.name);
    const levels = await citizen.locator('[data-testid^="citizen-rate-"][class*="rate-level--"]').allInnerTexts();
    expect(levels.map((l) => l.trim())).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    const page = await citizen.content();
    expect(page).not.toContain('张晓明');
    expect(page).not.toContain('13800138000');
    expect(await noOverflow(citizen)).toEqual({ x: 0, y: 0 });
    await screenshot(citizen, 'citizen-rate-levels-1280x800');

    // 不满意 without a reason is refused; with one it is taken.
    await citizen.getByTestId('citizen-rate-dissatisfied').click();
    await citizen.getByTestId('citizen-reason-E01').waitFor();
    await citizen.getByTestId('citizen-rate-submit').click();
    expect(await citizen.getByTestId('citizen-rate-problem').innerText()).toBe(ev.reasons.required);
    await screenshot(citizen, 'citizen-rate-reasons-refused-1280x800');
    expect(await noOverflow(citizen)).toEqual({ x: 0, y: 0 });
    await expect.poll(() => byId(clerk, 'evaluation-status').innerText()).toBe(ev.clerk.requested);

    await citizen.getByTestId('citizen-reason-E01').click();
    await citizen.getByTestId('citizen-reason-A01').click();
    await citizen.getByTestId('citizen-rate-comment').fill('等了很久');
    await screenshot(citizen, 'citizen-rate-reasons-chosen-1280x800');
    await citizen.getByTestId('citizen-rate-submit').click();
    await citizen.getByTestId('citizen-thanks').waitFor();
    expect(await citizen.getByTestId('citizen-thanks').innerText()).toContain(ev.citizen.thanks);
    await screenshot(citizen, 'citizen-rate-thanks-1280x800');

    // The clerk learns that a rating arrived, not which; the case goes on to 办结.
    await clerk.bringToFront();
    await expect.poll(() => state(clerk, 'close')).toBe('current');
    await expect.poll(() => byId(clerk, 'evaluation-status').innerText()).toBe(ev.clerk.received);
    const section = await byId(clerk, 'evaluation-section').innerText();
    for (const level of Object.values(ev.levels)) expect(section).not.toContain(level);
    expect(await clerk.getByText('不满意', { exact: false }).count()).toBe(0);
    await screenshot(clerk, 'citizen-rate-clerk-received-1366x768');

    // One rating per case: the service keeps the one it has.
    const view = await call(running, 'getCaseEvaluation', {});
    expect(view).toMatchObject({ status: 'rated', message: ev.clerk.received, level: null });
    expect(await call(running, 'submitRating', { caseId: view!.caseId, level: 'satisfied' })).toMatchObject({ ok: false, message: ev.service.alreadyRated });

    // Thanks, then back to the welcome by itself.
    await citizen.getByTestId('citizen-welcome').waitFor({ timeout: 15_000 });
    await byId(clerk, 'close-case').click();
    await byId(clerk, 'case-empty').waitFor();
    expect(problems).toEqual([]);
    expect(citizenProblems).toEqual([]);
  });
});
