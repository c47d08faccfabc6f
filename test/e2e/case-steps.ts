import type { BrowserContext, Page } from 'playwright-core';
import type { WebShell } from '../../electron/web/server';
import { watchConsole } from './chromium';
import { expect } from 'vitest';
import { strings } from '../../shared/i18n';

/**
 * The clerk's steps of a case in Chromium through the web shell, shared by
 * the e2e tests (case workflow, evaluation): read the card, choose the item,
 * check the materials, set the receipt details, issue the slip.
 */

/** 食品经营许可（新办）of the default catalogue: its 规章制度目录清单 (rules-list) is tolerable, the power of attorney optional. */
export const FOOD = '0100230001-419900-001';
export const byId = (page: Page, id: string) => page.getByTestId(id);
export const state = (page: Page, step: string) => byId(page, `case-step-${step}`).getAttribute('data-state');
export const status = (page: Page, id: string) => byId(page, `material-row-${id}`).getAttribute('data-status');

/** F2 reads the simulated card (a real driver over a pty): wait for the applicant. */
export async function readCard(page: Page) {
  await page.keyboard.press('F2');
  await expect.poll(() => byId(page, 'applicant-name').innerText(), { timeout: 10_000 }).toBe('张晓明');
  await expect.poll(() => state(page, 'item')).toBe('current');
}

/** The keyboard way: F3, pinyin initials, Enter. */
export async function chooseFoodByKeyboard(page: Page) {
  await page.keyboard.press('F3');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('item-search');
  await page.keyboard.type('spjy');
  await expect.poll(() => page.locator('[data-testid^="item-option-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).toEqual([
    `item-option-${FOOD}`,
  ]);
  await page.keyboard.press('Enter');
  await byId(page, 'material-checklist').waitFor();
}

export async function chooseFoodByClick(page: Page) {
  await byId(page, `item-option-${FOOD}`).click();
  await byId(page, 'material-checklist').waitFor();
}

export type Finding = 'received' | 'missing' | 'na' | 'unsigned';
export const STATUS_OF: Record<Finding, string> = { received: 'received', missing: 'missing', na: 'notApplicable', unsigned: 'defective' };

export async function check(page: Page, findings: Record<string, Finding>) {
  for (const [id, finding] of Object.entries(findings)) {
    if (finding === 'unsigned') {
      await byId(page, `material-${id}-defective`).click();
      await byId(page, `material-${id}-defect`).selectOption('unsigned');
      await byId(page, `material-${id}-defect-save`).click();
    } else {
      await byId(page, `material-${id}-${finding}`).click();
    }
    await expect.poll(() => status(page, id)).toBe(STATUS_OF[finding]);
  }
}

export async function setReceiptDetails(page: Page, delivery: 'window' | 'locker') {
  // The segmented control: the clerk clicks the label (the radio inside is visually hidden).
  await byId(page, `delivery-${delivery}`).locator('xpath=..').click();
  await expect.poll(() => byId(page, 'case-summary').innerText()).toContain(strings.caseFlow.delivery[delivery]);
  await byId(page, 'contact-phone').fill('13800138000');
  await byId(page, 'contact-phone').press('Enter');
  await expect.poll(() => byId(page, 'contact-phone-value').innerText()).toBe('138****8000');
}

/**
 * 签名 on the clerk side (issue 10): 请申请人签名 on the simulated pad, 模拟签名
 * (a recorded signature through the real decoder), the ink on the clerk
 * screen, then 确认 on the applicant's behalf. Returns the 签名校验码.
 */
export async function signOnSimulatedPad(page: Page, whileInking?: () => Promise<unknown>): Promise<string> {
  await byId(page, 'signature-section').waitFor();
  await expect.poll(() => state(page, 'sign')).toBe('current');
  await byId(page, 'signature-start').click();
  await expect.poll(() => byId(page, 'signature-section').getAttribute('data-phase')).toBe('signing');
  await byId(page, 'signature-simulate').click();
  await expect.poll(async () => Number(await byId(page, 'signature-strokes').getAttribute('data-strokes')), { timeout: 10_000 }).toBeGreaterThan(0);
  await whileInking?.();
  // The replay keeps its recording's pace (about 1.5 s): 确认 once it is over.
  await expect.poll(() => byId(page, 'signature-confirm').isEnabled(), { timeout: 15_000 }).toBe(true);
  await byId(page, 'signature-confirm').click();
  await expect.poll(() => byId(page, 'signature-section').getAttribute('data-phase'), { timeout: 10_000 }).toBe('signed');
  return byId(page, 'signature-code').innerText();
}

/** Signs first when the slip still waits for its signature (slips must be signed by default). */
export async function signIfAsked(page: Page) {
  await byId(page, 'issue-slip').waitFor();
  if ((await byId(page, 'issue-slip-blocked').count()) > 0) await signOnSimulatedPad(page);
}

export async function issueSlip(page: Page, nature: string) {
  await signIfAsked(page);
  await byId(page, 'issue-slip').click();
  await expect.poll(() => byId(page, 'slip-number').innerText(), { timeout: 20_000 }).toMatch(new RegExp(`〔\\d{4}〕${nature}字第\\d{6}号$`));
  await expect.poll(() => state(page, 'evaluation')).toBe('current');
}

/**
 * The two screens of a counter in one browser: the clerk page from the
 * launch address, and the citizen page from its own one-time address (a
 * citizen session), as the second screen opens it, at 1280×800. Each with
 * its console watched.
 */
export async function openBothScreens(context: BrowserContext, shell: Pick<WebShell, 'url' | 'citizenUrl'>) {
  const clerk = await context.newPage();
  const problems = watchConsole(clerk);
  await clerk.goto(shell.url);
  await byId(clerk, 'device-chip-idcard').waitFor();
  const citizen = await context.newPage();
  await citizen.setViewportSize({ width: 1280, height: 800 });
  const citizenProblems = watchConsole(citizen);
  await citizen.goto(shell.citizenUrl);
  await citizen.getByTestId('citizen-welcome').waitFor();
  return { clerk, problems, citizen, citizenProblems };
}
