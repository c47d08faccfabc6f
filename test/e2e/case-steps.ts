import type { Page } from 'playwright-core';
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

export async function issueSlip(page: Page, nature: string) {
  await byId(page, 'issue-slip').click();
  await expect.poll(() => byId(page, 'slip-number').innerText(), { timeout: 20_000 }).toMatch(new RegExp(`〔\\d{4}〕${nature}字第\\d{6}号$`));
  await expect.poll(() => state(page, 'evaluation')).toBe('current');
}
