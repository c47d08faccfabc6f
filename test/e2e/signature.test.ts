import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/services/storage/database';
import { strings } from '../../shared/i18n';
import { tempDir } from '../support/temp-dir';
import { byId, check, chooseFoodByClick, openBothScreens, readCard, setReceiptDetails, signOnSimulatedPad, state } from './case-steps';
import { SCREENSHOT_DIR, screenshot } from './chromium';
import { useCounterInChromium } from './counter-fixture';

/**
 * 签名 end to end (issue 10), in Chromium through the web shell: 模拟签名 on
 * the simulated pad and a signature drawn with the mouse on the citizen page,
 * each ending in a printed slip whose PDF carries the signature; a 补打 after
 * the stored record was changed behind the terminal's back is refused.
 */
const counter = useCounterInChromium();
const SMALL = { width: 1366, height: 768 };

/** Card, 食品经营许可, every material, 受理, the receipt's details: the case waits for its signature. */
async function decidedReceipt(page: Page) {
  await readCard(page);
  await chooseFoodByClick(page);
  await check(page, { application: 'received', 'business-licence': 'received', layout: 'received', 'rules-list': 'received', 'power-of-attorney': 'na' });
  await expect.poll(() => byId(page, 'decision-accept').isEnabled()).toBe(true);
  await byId(page, 'decision-accept').click();
  await expect.poll(() => byId(page, 'decision-summary').getAttribute('data-kind')).toBe('accept');
  await setReceiptDetails(page, 'window');
  await expect.poll(() => state(page, 'sign')).toBe('current');
  // The slip waits, and says why.
  expect(await byId(page, 'issue-slip').isDisabled()).toBe(true);
  expect(await byId(page, 'issue-slip-blocked').innerText()).toBe(strings.signatureScreen.clerk.slipBlocked);
}

async function issueAndPrint(page: Page) {
  await byId(page, 'issue-slip').click();
  await expect.poll(() => byId(page, 'slip-number').innerText(), { timeout: 20_000 }).toMatch(/〔\d{4}〕受字第\d{6}号$/);
  await expect.poll(() => byId(page, 'slip-print-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
}

/** The slip PDF behind the link (the page's own session), its text, its images, and a PNG of its last page under test-results/screenshots. */
async function slipPdf(page: Page, name: string): Promise<{ text: string; images: number; png: string }> {
  const href = await byId(page, 'slip-pdf-link').getAttribute('href');
  const base64 = await page.evaluate(async (url) => {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  }, href!);
  const dir = tempDir('counter-e2e-signed-slip-');
  const file = join(dir, 'slip.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  const text = execFileSync('pdftotext', ['-raw', file, '-']).toString().replace(/\s+/g, '');
  // pdfimages -list: two header lines, then one line per image.
  const images = execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n').length - 2;
  // The signature line closes the slip: its last page.
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
  execFileSync('pdftoppm', ['-png', '-r', '110', '-f', String(pages), '-l', String(pages), '-singlefile', file, join(dir, 'page')]);
  const png = join(SCREENSHOT_DIR, `${name}.png`);
  copyFileSync(join(dir, 'page.png'), png);
  return { text, images, png };
}

describe('签名 in Chromium through the web shell', () => {
  it('模拟签名 on the simulated pad → 确认 → 打印: the PDF carries the signature; a 补打 after tampering with the record is refused', async () => {
    const { page, problems, running } = await counter.openClerkScreen({ context: { viewport: SMALL } });
    await decidedReceipt(page);
    await screenshot(page, 'signature-clerk-asked-1366x768');

    const code = await signOnSimulatedPad(page, () => screenshot(page, 'signature-clerk-live-pad-ink-1366x768'));
    expect(code).toMatch(/\S{4,}/);
    expect(await byId(page, 'signature-time').innerText()).toContain('签名时间');
    expect(await page.getByTestId('signature-ink-canvas').getAttribute('data-points')).not.toBe('0');
    await screenshot(page, 'signature-clerk-signed-1366x768');
    await issueAndPrint(page);

    const pdf = await slipPdf(page, 'signature-slip-pad');
    expect(pdf.text).toContain('签名校验码');
    expect(pdf.text).toContain(code.replace(/\s+/g, ''));
    expect(pdf.images).toBeGreaterThanOrEqual(1);

    // Someone changes the stored signature behind the terminal's back (the append-only trigger dropped, then put back).
    const db = new Database(join(running.dataDir, DATABASE_FILE));
    try {
      db.pragma('busy_timeout = 5000');
      const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'signatures' AND sql LIKE '%BEFORE UPDATE%'").all() as { name: string; sql: string }[];
      db.transaction(() => {
        for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
        const changed = db.prepare("UPDATE signatures SET signed_at = '2020-01-01T00:00:00.000Z' WHERE slip_id IS NOT NULL").run();
        expect(changed.changes).toBe(1);
        for (const t of triggers) db.exec(t.sql);
      })();
    } finally {
      db.close();
    }

    await byId(page, 'slip-reprint').click();
    await expect.poll(() => byId(page, 'slip-section').getByTestId('case-message').innerText()).toContain('不能补打');
    expect(await byId(page, 'slip-section').getByTestId('case-message').innerText()).toContain(strings.signatureEvidence.problems.record);
    await screenshot(page, 'signature-clerk-reprint-refused-1366x768');

    // 办件记录 shows the slip as signed and the verification as failed.
    await page.keyboard.press('F7');
    await page.getByTestId('case-history').waitFor();
    const slip = page.locator('[data-testid^="history-slip-"]').first();
    await expect.poll(() => slip.getAttribute('data-signature')).toBe('signed');
    await slip.getByTestId('history-signature').click();
    await expect.poll(() => byId(page, 'history-signature-verified').getAttribute('data-verified')).toBe('false');
    await screenshot(page, 'signature-history-tampered-1366x768');
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });

  it('a signature drawn with the mouse on the citizen page → 确认 there → printed with it', async () => {
    const running = await counter.start();
    const context = await counter.newContext({ viewport: SMALL });
    const { clerk, problems, citizen, citizenProblems } = await openBothScreens(context, running.shell);

    await clerk.bringToFront();
    await decidedReceipt(clerk);
    // 屏幕签名: the segmented control's label (the radio inside is visually hidden).
    await byId(clerk, 'signature-source-screen').locator('xpath=..').click();
    await byId(clerk, 'signature-start').click();
    await expect.poll(() => byId(clerk, 'signature-section').getAttribute('data-phase')).toBe('signing');

    await citizen.bringToFront();
    await citizen.getByTestId('citizen-signing').waitFor();
    expect(await citizen.getByTestId('signing-instruction').innerText()).toBe(strings.signing.instruction);
    expect(await citizen.getByTestId('signing-item').innerText()).toContain('食品经营许可');
    expect(await citizen.content()).not.toContain('张晓明');
    await screenshot(citizen, 'signature-citizen-box-1280x800');
    const box = (await citizen.getByTestId('signing-box').boundingBox())!;
    // Two strokes across the box: a wave, then a line under it.
    await citizen.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.55);
    await citizen.mouse.down();
    for (let i = 1; i <= 24; i++) {
      await citizen.mouse.move(box.x + box.width * (0.15 + 0.03 * i), box.y + box.height * (0.55 + 0.2 * Math.sin(i / 2.5)));
    }
    await citizen.mouse.up();
    await citizen.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.85);
    await citizen.mouse.down();
    await citizen.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.82, { steps: 8 });
    await citizen.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.86, { steps: 8 });
    await citizen.mouse.up();
    expect(Number(await citizen.getByTestId('signing-box-canvas').getAttribute('data-points'))).toBeGreaterThan(20);
    await screenshot(citizen, 'signature-citizen-drawn-1280x800');

    // The clerk sees the same ink arrive.
    await clerk.bringToFront();
    await expect.poll(async () => Number(await byId(clerk, 'signature-strokes').getAttribute('data-strokes'))).toBe(2);
    await screenshot(clerk, 'signature-clerk-live-screen-ink-1366x768');

    await citizen.bringToFront();
    await citizen.getByTestId('signing-confirm').click();
    // The box closes: 签名已确认 (or the welcome card once the step is over).
    await expect.poll(() => citizen.locator('[data-testid="citizen-signing"][data-phase="signing"]').count()).toBe(0);
    await screenshot(citizen, 'signature-citizen-confirmed-1280x800');

    await clerk.bringToFront();
    await expect.poll(() => byId(clerk, 'signature-section').getAttribute('data-phase')).toBe('signed');
    const code = await byId(clerk, 'signature-code').innerText();
    await issueAndPrint(clerk);
    const pdf = await slipPdf(clerk, 'signature-slip-screen');
    expect(pdf.text).toContain('签名校验码');
    expect(pdf.text).toContain(code.replace(/\s+/g, ''));
    expect(pdf.images).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
    expect(citizenProblems).toEqual([]);
  });
});
