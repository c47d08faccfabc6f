import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MethodName, ParamsOf, ResultOf } from '../../shared/contract';
import { idCheckCharacter } from '../../shared/domain/id-number';
import { strings } from '../../shared/i18n';
import { openDatabase } from '../../electron/services/storage/database';
import { screenshot, watchConsole } from './chromium';
import { useCounterInChromium } from './counter-fixture';
import { tempDir } from '../support/temp-dir';

const t = strings.phrasePanel;
const p = strings.prompts;

/** A contract call on the running services (setting up what the test does not click through). */
async function call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  const outcome = await counter.running.services.handle(method, params);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
  return outcome.result as ResultOf<M>;
}

const counter = useCounterInChromium();

async function openClerkScreen(size = { width: 1366, height: 768 }, dataDir?: string) {
  const { page, problems } = await counter.openClerkScreen({ shell: { dataDir }, context: { viewport: size, permissions: ['clipboard-read', 'clipboard-write'] } });
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
    const dataDir = tempDir('counter-e2e-phrases-');
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

  it('a priority citizen: the 老年人 offer from the ID number, one click, the green channel and its phrase first', async () => {
    const { page, problems } = await openClerkScreen();
    // An applicant of 76 typed in by hand (the card would not read): the ID number tells the age.
    const first17 = '41010219500315002';
    await call('caseAction', { action: { type: 'start' } });
    const identified = await call('caseAction', {
      action: { type: 'identifyManually', person: { name: '王秀英', idType: 'residentId', idNumber: first17 + idCheckCharacter(first17)!, reason: 'readFailed' } },
    });
    expect(identified.ok).toBe(true);
    await expect.poll(() => panelStage(page)).toBe('受理');
    const offer = page.getByTestId('special-suggest-elderly');
    await offer.waitFor();
    expect(await offer.innerText()).toContain(p.suggestElderly.action);
    // Offered, never marked by the terminal itself.
    expect(await page.getByTestId('special-priority').count()).toBe(0);
    await screenshot(page, 'prompts-elderly-offer-1366x768');

    await page.getByTestId('mark-elderly').click();
    const banner = page.getByTestId('special-priority');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(p.priority.heading('老年人'));
    expect(await banner.innerText()).toContain(p.priority.todo);
    expect(await page.getByTestId('special-suggest-elderly').count()).toBe(0);
    // The case screen shows the same flag and reason.
    await expect.poll(() => page.getByTestId('priority-toggle').isChecked()).toBe(true);

    // Greeting a priority citizen: 请稍候,我们马上为您办理! leads.
    await page.getByTestId('phrase-stage-select').selectOption('问候');
    await expect.poll(async () => (await phraseTexts(page))[0]).toBe('请稍候，我们马上为您办理！');
    await screenshot(page, 'prompts-priority-1366x768');
    expect(problems).toEqual([]);
  });

  it('after a long previous case, the next citizen is met with an apology and a note why', async () => {
    const dataDir = tempDir('counter-e2e-wait-');
    // The case before ran 35 minutes and ended a minute ago.
    const db = openDatabase(join(dataDir, 'counter.sqlite'));
    const now = Date.now();
    db.prepare("INSERT INTO cases (id, opened_at, closed_at, status) VALUES ('C-before', ?, ?, 'closed')").run(
      new Date(now - 36 * 60_000).toISOString(),
      new Date(now - 60_000).toISOString(),
    );
    db.close();
    const { page, problems } = await openClerkScreen({ width: 1366, height: 768 }, dataDir);
    await page.keyboard.press('F2');
    await expect.poll(() => panelStage(page)).toBe('受理');
    const note = page.getByTestId('special-long-wait');
    await note.waitFor();
    expect(await note.innerText()).toContain(p.longWait.previousCase(35, 20));
    expect((await phraseTexts(page))[0]).toBe('很抱歉，让您久等了。');
    await screenshot(page, 'prompts-long-wait-1366x768');
    expect(problems).toEqual([]);
  });

  it('a long system fault: apologise, record a call-back (name from the case), list it, tick it done', async () => {
    const { page, problems } = await openClerkScreen();
    await page.keyboard.press('F2');
    await expect.poll(() => panelStage(page)).toBe('受理');
    await page.getByTestId('phrase-fault-long').click();
    await expect.poll(() => panelStage(page)).toBe('系统故障');
    expect(await page.getByTestId('phrase-fault-note').innerText()).toBe(p.fault.longNote);
    expect(await page.getByTestId('callback-name').inputValue()).toBe('张晓明');

    // A number that cannot be called back is refused, and what was typed stays.
    await page.getByTestId('callback-phone').fill('138001');
    await page.getByTestId('callback-note').fill('下午三点后方便');
    await page.getByTestId('callback-save').click();
    expect(await page.getByTestId('callback-status').innerText()).toBe(p.callback.badPhone);
    expect(await page.getByTestId('callback-note').inputValue()).toBe('下午三点后方便');

    await page.getByTestId('callback-phone').fill('138 0013 8000');
    await page.getByTestId('callback-save').click();
    await expect.poll(() => page.getByTestId('callback-status').innerText()).toBe(p.callback.saved('张晓明', '13800138000'));
    const row = page.getByTestId('callback-row');
    await row.waitFor();
    expect(await row.innerText()).toContain('13800138000');
    expect(await row.innerText()).toContain('下午三点后方便');
    await screenshot(page, 'prompts-fault-callback-1366x768');

    // Stored at once, counted in the day summary.
    expect((await call('listCallbacks', { scope: 'open' })).map((c) => [c.name, c.phone])).toEqual([['张晓明', '13800138000']]);
    expect((await call('getServiceDay', {})).today?.callbacks).toEqual({ recorded: 1, open: 1 });

    // Back on the case, the pending call-back stays in sight; done, it leaves the open list.
    await page.getByTestId('phrase-back').click();
    await expect.poll(() => page.getByTestId('callbacks-pending').innerText()).toBe(p.callback.pending(1));
    await page.getByTestId('callbacks-pending').click();
    await page.getByTestId('callback-done').check();
    await expect.poll(() => page.getByTestId('callback-row').getAttribute('data-done')).toBe('true');
    expect(await call('listCallbacks', { scope: 'open' })).toEqual([]);
    expect((await call('getServiceDay', {})).today?.callbacks).toEqual({ recorded: 1, open: 0 });
    expect(problems).toEqual([]);
  });

  it('after closing time with a case open: a calm extended-service note, nothing blocked', async () => {
    // Closing time a minute ago (today's hours set so; at 00:00–00:01 the earliest closing 00:01 is used).
    const d = new Date(Date.now() - 60_000);
    const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    const closingTime = d.getHours() === 0 && d.getMinutes() < 1 ? '00:01' : hhmm(d.getHours(), d.getMinutes());
    const running = await counter.start({ config: { serviceDay: { openingTime: '00:00', closingTime, lunchStart: '00:00', lunchEnd: '00:01' } } });
    const context = await counter.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(running.shell.url);
    await page.getByTestId('phrase-item').first().waitFor();
    expect(await page.getByTestId('special-extended').count()).toBe(0);

    await page.keyboard.press('F2');
    await expect.poll(() => panelStage(page)).toBe('受理');
    const note = page.getByTestId('special-extended');
    await note.waitFor();
    expect(await note.innerText()).toContain(p.extended.text);
    expect(await page.getByTestId('extended-service').isVisible()).toBe(true);
    // Nothing is blocked: the clerk goes on choosing the item.
    expect(await page.getByTestId('item-search').isEnabled()).toBe(true);
    await screenshot(page, 'prompts-extended-1366x768');
    expect(problems).toEqual([]);
  });
});
