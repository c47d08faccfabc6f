import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { strings } from '../../shared/i18n';
import { startShell, type Running } from '../integration/web-shell-harness';
import { launchChromium, RENDERER_DIR, screenshot, watchConsole } from './chromium';

const t = strings.phrasePanel;

let browser: Browser;
let context: BrowserContext | undefined;
let running: Running | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await running?.stop();
  running = undefined;
});

async function openClerkScreen(size = { width: 1366, height: 768 }, dataDir?: string) {
  running = await startShell({ rendererDir: RENDERER_DIR, dataDir });
  context = await browser.newContext({ viewport: size, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(running.shell.url);
  await page.getByTestId('phrase-item').first().waitFor();
  return { page, problems };
}

const panelStage = (page: Page) => page.getByTestId('phrase-panel').getAttribute('data-stage');
const phraseTexts = (page: Page) => page.getByTestId('phrase-text').allInnerTexts();

describe('the phrase prompts in Chromium through the web shell', () => {
  it('greets with no case, and shows the 受理 prompts after 模拟刷证 (F2)', async () => {
    const { page, problems } = await openClerkScreen();
    expect(await panelStage(page)).toBe('问候');
    expect(await page.getByTestId('phrase-stage').innerText()).toBe('问候');
    const greeting = await phraseTexts(page);
    expect(greeting[0]).toBe('您好！请坐，请问您要办理什么业务？');
    expect(greeting).toContain('请您在休息区稍候，等待叫号办理。');

    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('applicant-name').innerText()).toBe('张晓明');
    await expect.poll(() => panelStage(page)).toBe('受理');
    await expect.poll(() => phraseTexts(page)).toEqual([
      '很抱歉，让您久等了。',
      '请填写【表格名称】',
      '根据【依据】要求，请您提供【所需材料】等资料，谢谢！',
    ]);
    // The gaps the case does not know yet are marked, not filled.
    expect(await page.getByTestId('phrase-gap').allInnerTexts()).toEqual(['【表格名称】', '【依据】', '【所需材料】']);

    // One key copies, with a visible confirmation.
    await page.keyboard.press('3');
    await expect.poll(() => page.getByTestId('phrase-status').innerText()).toBe(t.copied(3));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('根据【依据】要求，请您提供【所需材料】等资料，谢谢！');
    expect(await page.getByTestId('phrase-item').nth(2).getByTestId('phrase-copied').isVisible()).toBe(true);
    await screenshot(page, 'phrases-accept-1366x768');

    // Esc ends the case: back to the greeting.
    await page.keyboard.press('Escape');
    await expect.poll(() => panelStage(page)).toBe('问候');
    expect(problems).toEqual([]);
  });

  it('offers the system-fault prompts and the phone greeting filled from the configuration', async () => {
    const { page, problems } = await openClerkScreen({ width: 1920, height: 1080 });
    await page.getByTestId('phrase-fault-long').click();
    await expect.poll(() => panelStage(page)).toBe('系统故障');
    await expect.poll(async () => (await phraseTexts(page))[0]).toContain('请留下您的电话号码');
    await page.getByTestId('phrase-fault-short').click();
    await expect.poll(async () => (await phraseTexts(page))[0]).toBe('对不起，电脑出现故障（或网络不好），正在检修，请稍等。');
    await page.getByTestId('phrase-back').click();
    await expect.poll(() => panelStage(page)).toBe('问候');

    await page.getByTestId('phrase-stage-select').selectOption('电话');
    await expect.poll(() => phraseTexts(page)).toEqual(['您好，这里是示例市政务服务中心01号窗口，请讲。']);
    await screenshot(page, 'phrases-phone-1920x1080');
    expect(problems).toEqual([]);
  });

  it('reads aloud only with a Chinese voice, and says so plainly without one', async () => {
    const { page } = await openClerkScreen();
    const hasChineseVoice = await page.evaluate(
      () => typeof speechSynthesis !== 'undefined' && speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith('zh')),
    );
    const readButtons = page.getByRole('button', { name: t.speakLabel(1) });
    if (hasChineseVoice) {
      await readButtons.waitFor();
      expect(await page.getByTestId('phrase-speech-note').count()).toBe(0);
    } else {
      expect([t.noVoice, t.noSpeech]).toContain(await page.getByTestId('phrase-speech-note').innerText());
      expect(await readButtons.count()).toBe(0);
    }
  });

  it("shows a centre's own phrases, and the problems of its phrases.json", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'counter-e2e-phrases-'));
    writeFileSync(
      join(dataDir, 'phrases.json'),
      JSON.stringify({
        version: 1,
        phrases: [
          { id: 'zmd.greet.welcome', disabled: true },
          { id: 'centre.greet.ticket', stage: '问候', text: '请您先到取号机取号,谢谢!' },
          { id: 'centre.rude', stage: '问候', text: '不归我管,问别人去' },
        ],
      }),
    );
    const { page } = await openClerkScreen({ width: 1366, height: 768 }, dataDir);
    const texts = await phraseTexts(page);
    expect(texts).not.toContain('您好！请坐，请问您要办理什么业务？');
    expect(texts).toContain('请您先到取号机取号，谢谢！');
    expect(texts.join('')).not.toContain('不归我管');
    const issues = page.getByTestId('phrase-issues');
    expect(await issues.innerText()).toContain(t.catalogueIssues(1));
    await issues.locator('summary').click();
    expect(await issues.innerText()).toContain('phrases.json · centre.rude · text：含服务忌语“不归我管');
  });

  it('keeps the screen within 1366×768 with the prompts shown', async () => {
    const { page } = await openClerkScreen();
    await page.keyboard.press('F2');
    await expect.poll(() => panelStage(page)).toBe('受理');
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth - window.innerWidth,
      y: document.documentElement.scrollHeight - window.innerHeight,
    }));
    expect(overflow).toEqual({ x: 0, y: 0 });
    const box = await page.getByTestId('phrase-panel').boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(768);
  });
});
