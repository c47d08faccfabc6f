import { describe, expect, it } from 'vitest';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { screenshot } from './chromium';
import { useCounterInChromium } from './counter-fixture';

const counter = useCounterInChromium();

const openClerkScreen = (size: { width: number; height: number }, dataDir?: string) => counter.openClerkScreen({ shell: { dataDir }, context: { viewport: size } });

describe('the clerk screen in Chromium through the web shell', () => {
  it('shows the counter, the simulated devices plainly, and reads a simulated card with the number masked', async () => {
    const { page, problems } = await openClerkScreen({ width: 1366, height: 768 });
    // The token left the address bar for an HttpOnly cookie.
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await expect.poll(() => page.getByTestId('device-chip-idcard').getAttribute('data-state')).toBe('simulated');
    expect(await page.getByTestId('device-chip-idcard').innerText()).toContain('模拟');
    expect(await page.getByTestId('device-chip-camera').getAttribute('data-state')).toBe('simulated');
    expect(await page.getByTestId('simulated-banner').isVisible()).toBe(true);
    expect(await page.getByTestId('header-window').innerText()).toContain('01');
    expect(await page.getByTestId('case-empty').isVisible()).toBe(true);
    await screenshot(page, 'clerk-empty-1366x768');

    await page.getByTestId('simulate-card').click();
    await expect.poll(() => page.getByTestId('applicant-name').innerText()).toBe('张晓明');
    expect(await page.getByTestId('applicant-id').innerText()).toBe('110101********3511');
    // The simulated card carries WLT photo data but no vendor decoder is installed: said plainly, no made-up photo.
    expect(await page.getByTestId('applicant-photo-missing').innerText()).toBe('未安装照片解码库');
    expect(await page.getByTestId('applicant-photo').count()).toBe(0);
    expect(await page.content()).not.toContain(SAMPLE_RESIDENT_CARD.idNumber);
    await screenshot(page, 'clerk-applicant-1366x768');
    expect(problems).toEqual([]);
  });

  it('is keyboard-first: F2 reads the simulated card, Esc ends the case', async () => {
    const { page, problems } = await openClerkScreen({ width: 1920, height: 1080 });
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('applicant-name').innerText()).toBe('张晓明');
    await screenshot(page, 'clerk-applicant-1920x1080');
    await page.keyboard.press('Escape');
    await page.getByTestId('case-empty').waitFor();
    expect(problems).toEqual([]);
  });

  it('fits 1366×768 and 1920×1080 without scrolling', async () => {
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const { page } = await openClerkScreen(size);
      await page.keyboard.press('F2');
      await page.getByTestId('applicant-name').waitFor();
      const overflow = await page.evaluate(() => ({
        x: document.documentElement.scrollWidth - window.innerWidth,
        y: document.documentElement.scrollHeight - window.innerHeight,
      }));
      expect(overflow, `${size.width}×${size.height}`).toEqual({ x: 0, y: 0 });
      await page.close();
      await counter.stop();
    }
  });

  it('shows the case in progress again after the terminal restarts', async () => {
    const first = await openClerkScreen({ width: 1366, height: 768 });
    await first.page.keyboard.press('F2');
    await first.page.getByTestId('applicant-name').waitFor();
    const dataDir = counter.running.dataDir;
    await first.page.close();
    await counter.stop();

    const { page } = await openClerkScreen({ width: 1366, height: 768 }, dataDir);
    await expect.poll(() => page.getByTestId('applicant-name').innerText()).toBe('张晓明');
  });

  it('tells the clerk plainly when the page is opened without the launch token', async () => {
    const running = await counter.start();
    const page = await counter.newPage();
    const response = await page.goto(running.shell.origin + '/');
    expect(response?.status()).toBe(401);
    expect(await page.innerText('body')).toContain('拒绝访问');
    // The launch address works once: opened again (browser history, ps, a screenshot) it is refused and says how to get a new one.
    await (await counter.newPage()).goto(running.shell.url);
    const again = await page.goto(running.shell.url);
    expect(again?.status()).toBe(401);
    expect(await page.innerText('body')).toContain('按回车键获取新的访问地址');
  });
});
