import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { strings } from '../../shared/i18n';
import { byId, check, chooseFoodByClick, issueSlip, readCard, setReceiptDetails } from './case-steps';
import { screenshot, watchConsole } from './chromium';
import { useCounterInChromium } from './counter-fixture';

/**
 * The web shell prints a slip through the browser: 打印 opens the slip (the
 * same template as its PDF) in a tab that calls the browser's print dialog,
 * and the print is recorded with the case.
 */

const counter = useCounterInChromium();

const b = strings.desktopPrinting.browser;

/** A clerk page in a context whose every tab counts its print() calls instead of opening a dialog. */
async function openClerkScreen(config: Record<string, unknown>) {
  const running = await counter.start({ config });
  const context = await counter.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => {
    const w = window as unknown as { printCalls: number; print: () => void };
    w.printCalls = 0;
    w.print = () => {
      w.printCalls += 1;
    };
  });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(running.shell.url);
  await page.getByTestId('device-chip-idcard').waitFor();
  return { page, problems, context };
}

async function acceptFood(page: Page) {
  await readCard(page);
  await chooseFoodByClick(page);
  await check(page, { application: 'received', 'business-licence': 'received', layout: 'received', 'rules-list': 'received', 'power-of-attorney': 'na' });
  await byId(page, 'decision-accept').click();
  await setReceiptDetails(page, 'window');
}

/** Clicks 打印 and returns the tab it opened, once that tab has asked for the print dialog. */
async function printInBrowser(page: Page): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), byId(page, 'slip-browser-print').click()]);
  await tab.waitForLoadState('load');
  await expect.poll(() => tab.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  return tab;
}

describe('printing a slip through the browser (web shell)', { timeout: 120_000 }, () => {
  it('with no printer configured: 打印 opens the slip in the print dialog and records it printed, then as a copy', async () => {
    const { page, problems } = await openClerkScreen({ devices: { printer: { mode: 'disabled' } } });
    await acceptFood(page);
    await byId(page, 'slip-paper-receipt80').locator('xpath=..').click();
    await issueSlip(page, '受');
    await expect.poll(() => byId(page, 'slip-print-status').getAttribute('data-status')).toBe('none');
    const number = await byId(page, 'slip-number').innerText();

    const tab = await printInBrowser(page);
    // The slip itself, from its own template: the 80 mm roll's page rule, the number, the seal space.
    expect(await tab.title()).toContain(number);
    expect(await tab.locator('body').getAttribute('class')).toBe('paper-receipt80');
    expect(await tab.locator('main').innerText()).toContain('受理通知书');
    await tab.setViewportSize({ width: 302, height: 900 });
    await screenshot(tab, 'slip-browser-print-receipt80');

    await expect.poll(() => byId(page, 'slip-print-status').getAttribute('data-status')).toBe('done');
    expect(await byId(page, 'slip-section').getByTestId('case-message').innerText()).toBe(b.recorded);
    await screenshot(page, 'slip-browser-print-recorded');

    // Printed again from the browser: a reprint, recorded as the second copy.
    const again = await printInBrowser(page);
    expect(await again.title()).toContain(number);
    await expect.poll(() => byId(page, 'slip-copies').locator('li').count()).toBe(2);
    expect(await byId(page, 'slip-section').getByTestId('case-message').innerText()).toBe(b.recordedCopy(2));
    expect(problems).toEqual([]);
  });

  it('the print page is behind the token like everything else, and unknown slips are 404', async () => {
    const { context } = await openClerkScreen({});
    const origin = counter.running.shell.origin;
    expect((await fetch(`${origin}/slips/1/print`)).status).toBe(401);
    const page = await context.newPage();
    await page.goto(counter.running.shell.mintUrl('clerk'));
    const status = await page.evaluate(async () => (await fetch('/slips/999/print')).status);
    expect(status).toBe(404);
    const script = await page.evaluate(async () => {
      const response = await fetch('/slips/print.js');
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    });
    expect(script).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(script.text).toContain('print()');
  });
});
