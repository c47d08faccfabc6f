import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { strings } from '../../shared/i18n';
import { screenshot, watchConsole } from './chromium';
import { useCounterInChromium } from './counter-fixture';
import { clerkAccount } from '../integration/clerk-fixture';

const sd = strings.serviceDay;
const PHOTO = join(__dirname, '..', 'fixtures', 'clerk-photo.png');

const counter = useCounterInChromium();

async function noOverflow(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
}

describe('the service day in Chromium through the web shell', () => {
  it('sign in, self-check blocked until exceptions, open, pause with hand-over shown on the citizen page, resume, sign out', async () => {
    // Printer and evaluator set to hardware with no port: both 故障, so the check has something to block on.
    // 王芳 (0342) has a clerk account set by IT: sign-in takes her PIN, her name comes from the account.
    const running = await counter.start({
      serviceDay: 'as-is',
      config: { devices: { printer: { mode: 'hardware' }, evaluator: { mode: 'hardware' } }, clerk: { accounts: [await clerkAccount('0342', '王芳', '24681357')] } },
    });
    const context = await counter.newContext({ viewport: { width: 1366, height: 768 } });
    const clerk = await context.newPage();
    const clerkProblems = watchConsole(clerk);
    await clerk.goto(running.shell.url);

    // 1. Sign-in replaces the case area; the devices are already visible.
    await clerk.getByTestId('sign-in-view').waitFor();
    expect(await clerk.getByTestId('device-chip-idcard').getAttribute('data-state')).toBe('simulated');
    await clerk.getByTestId('sign-in-staff-number').fill('0342');
    await clerk.getByTestId('sign-in-photo').setInputFiles(PHOTO);
    await clerk.getByTestId('sign-in-photo-preview').waitFor();
    // A wrong PIN: refused in Chinese with the tries left, the PIN field emptied.
    await clerk.getByTestId('sign-in-pin').fill('11112222');
    await clerk.getByTestId('sign-in-submit').click();
    expect(await clerk.getByTestId('sign-in-error').innerText()).toBe(strings.credentials.clerk.wrong(4));
    expect(await clerk.getByTestId('sign-in-pin').inputValue()).toBe('');
    await clerk.getByTestId('sign-in-pin').fill('24681357');
    await screenshot(clerk, 'service-day-sign-in-1366x768');
    await clerk.getByTestId('sign-in-submit').click();

    // 2. The pre-shift check: printer and evaluator are 故障, so 开始服务 is blocked.
    await clerk.getByTestId('pre-shift-check').waitFor();
    expect(await clerk.getByTestId('header-clerk').innerText()).toContain('王芳');
    expect(await clerk.getByTestId('check-row-idcard').getAttribute('data-verdict')).toBe('pass');
    expect(await clerk.getByTestId('check-row-printer').getAttribute('data-verdict')).toBe('fail');
    expect(await clerk.getByTestId('check-row-evaluator').getAttribute('data-verdict')).toBe('fail');
    expect(await clerk.getByTestId('open-service').isDisabled()).toBe(true);
    expect(await clerk.getByTestId('check-gate').innerText()).toBe(sd.check.openBlocked(2));
    // Keyboard-first shortcuts stay off until the window opens.
    await clerk.keyboard.press('F2');
    expect(await clerk.getByTestId('applicant-name').count()).toBe(0);
    expect(await noOverflow(clerk)).toEqual({ x: 0, y: 0 });
    await screenshot(clerk, 'service-day-check-blocked-1366x768');

    await clerk.getByTestId('check-record-printer').click();
    await clerk.getByTestId('check-exception-text').fill('打印机未接入，受理回执暂存 PDF');
    await clerk.getByTestId('check-exception-save').click();
    await clerk.getByTestId('check-exception-printer').waitFor();
    expect(await clerk.getByTestId('open-service').isDisabled()).toBe(true);
    await clerk.getByTestId('check-record-evaluator').click();
    await clerk.getByTestId('check-exception-text').fill('评价器待安装，请群众使用纸质评价表');
    await clerk.getByTestId('check-exception-save').click();
    await expect.poll(() => clerk.getByTestId('open-service').isDisabled()).toBe(false);
    await screenshot(clerk, 'service-day-check-ready-1366x768');
    await clerk.getByTestId('open-service').click();

    // 3. Serving: the counter screen with the service bar.
    await clerk.getByTestId('service-day-bar').waitFor();
    await clerk.getByTestId('case-empty').waitFor();
    expect(await clerk.getByTestId('service-day-status').innerText()).toContain(sd.phases.open);

    // The citizen page: a second page in the same browser profile, opened from the citizen address (a session of its own).
    const citizen = await context.newPage();
    await citizen.setViewportSize({ width: 1280, height: 800 });
    const citizenProblems = watchConsole(citizen);
    await citizen.goto(running.shell.citizenUrl);
    await citizen.getByTestId('citizen-welcome').waitFor();
    expect(await citizen.getByTestId('citizen-window').innerText()).toBe('01 号窗口');
    expect(await citizen.getByTestId('citizen-clerk-name').innerText()).toBe('王芳');
    expect(await citizen.getByTestId('citizen-clerk-number').innerText()).toBe('工号 0342');
    expect(await citizen.getByTestId('citizen-clerk-photo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
    expect(await noOverflow(citizen)).toEqual({ x: 0, y: 0 });
    await screenshot(citizen, 'citizen-welcome-1280x800');

    // 4. Pause (F9) with a hand-over to the B post.
    await clerk.keyboard.press('F9');
    await clerk.getByTestId('pause-dialog').waitFor();
    // The reason is picked as a clerk picks it, on its segmented option (the radio inside is hidden and takes no
    // pointer): over the lunch hours the dialog opens on 午休, at other times on 临时离开, so the click must happen.
    const temporaryLeave = clerk.getByTestId('pause-reason-temporaryLeave');
    await clerk.locator('label', { has: temporaryLeave }).click();
    expect(await temporaryLeave.isChecked()).toBe(true);
    await clerk.getByText(sd.pauseDialog.quick(30)).click();
    const expectedReturn = await clerk.getByTestId('pause-return').inputValue();
    await clerk.getByTestId('pause-handover').check();
    await clerk.getByTestId('pause-handover-name').fill('王五');
    await clerk.getByTestId('pause-handover-window').fill('05');
    await screenshot(clerk, 'service-day-pause-dialog-1366x768');
    await clerk.getByTestId('pause-confirm').click();
    await clerk.getByTestId('paused-overlay').waitFor();
    expect(await clerk.getByTestId('paused-handover').innerText()).toBe('王五（05 号窗口）');
    await screenshot(clerk, 'service-day-paused-clerk-1366x768');

    // The citizen page follows by itself.
    await citizen.getByTestId('citizen-paused').waitFor();
    expect(await citizen.getByTestId('citizen-paused-title').innerText()).toBe('暂停服务');
    expect(await citizen.getByTestId('citizen-paused-reason').innerText()).toBe('暂停原因：临时离岗');
    expect(await citizen.getByTestId('citizen-paused-return').innerText()).toBe(`预计 ${expectedReturn} 恢复服务`);
    expect(await citizen.getByTestId('citizen-handover').innerText()).toContain('请到 05 号窗口办理');
    expect(await noOverflow(citizen)).toEqual({ x: 0, y: 0 });
    await screenshot(citizen, 'citizen-paused-1280x800');
    await citizen.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(citizen, 'citizen-paused-1920x1080');

    // 5. Resume: the citizen page shows the welcome card again.
    await clerk.getByTestId('resume-service').click();
    await clerk.getByTestId('paused-overlay').waitFor({ state: 'detached' });
    await citizen.getByTestId('citizen-welcome').waitFor();
    expect(await citizen.getByTestId('citizen-clerk-name').innerText()).toBe('王芳');

    // 6. Sign out with the day summary.
    await clerk.getByTestId('sign-out').click();
    await clerk.getByTestId('sign-out-dialog').waitFor();
    expect(await clerk.getByTestId('sign-out-dialog').getByTestId('day-summary-exceptions').innerText()).toContain('打印机：打印机未接入');
    expect(await clerk.getByTestId('sign-out-dialog').getByTestId('day-summary-pauses').innerText()).toContain('交 王五（05 号窗口）');
    await screenshot(clerk, 'service-day-sign-out-1366x768');
    await clerk.getByTestId('sign-out-confirm').click();
    await clerk.getByTestId('last-summary').waitFor();
    await screenshot(clerk, 'service-day-signed-out-1366x768');
    await citizen.getByTestId('citizen-closed').waitFor();
    await screenshot(citizen, 'citizen-closed-1920x1080');

    expect(clerkProblems).toEqual([]);
    expect(citizenProblems).toEqual([]);
  });

  it('the citizen page needs its own one-time address: the clerk session does not make a citizen screen', async () => {
    const running = await counter.start();
    const context = await counter.newContext();
    const page = await context.newPage();
    const refused = await page.goto(`${running.shell.origin}/citizen.html`);
    expect(refused?.status()).toBe(401);
    // With only the clerk's session the page loads, but its socket (which asks for the citizen role) is refused.
    await page.goto(running.shell.url);
    await page.goto(`${running.shell.origin}/citizen.html`);
    await page.getByText(strings.serviceDay.citizen.rejected).waitFor();
    await page.goto(running.shell.citizenUrl);
    expect(page.url()).toBe(`${running.shell.origin}/citizen.html`);
    await page.getByTestId('citizen-welcome').waitFor();
    // The address is spent: opened again (history, another browser) it opens nothing.
    const again = await (await counter.newPage()).goto(running.shell.citizenUrl);
    expect(again?.status()).toBe(401);
  });
});
