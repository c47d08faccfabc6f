import { describe, expect, it } from 'vitest';
import type { CaseView, ServerMessage, Snapshot } from '../../shared/contract';
import { TestClient } from '../integration/web-shell-harness';
import { screenshot, watchConsole } from './chromium';
import { useCounterInChromium } from './counter-fixture';

const FOOD = '0100230001-419900-001';
const counter = useCounterInChromium();

/** A one-time notice issued through the contract, as the clerk screen would. */
async function notifiedCase(client: TestClient): Promise<string> {
  await client.request('simulateCardRead');
  await client.waitFor((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && m.event === 'case.changed');
  await client.request('caseAction', { action: { type: 'chooseItem', itemCode: FOOD } });
  const view = ((await client.request('getSnapshot')) as { result: Snapshot }).result.currentCase as CaseView;
  const materials = view.flow.state.phase === 'materialCheck' ? view.flow.state.item.materials : [];
  for (const m of materials)
    await client.request('caseAction', {
      action: { type: 'checkMaterial', materialId: m.id, result: { status: m.id === 'layout' ? 'missing' : m.required ? 'received' : 'notApplicable' } },
    });
  await client.request('caseAction', { action: { type: 'notifyOnce' } });
  // Slips must be signed by default (issue 10): the clerk records why this one is not.
  await client.request('waiveSignature', { reason: '申请人拒签' });
  const issued = (await client.request('issueSlip', {})) as { result: { slip: { number: string } } };
  await client.request('clearCase');
  return issued.result.slip.number;
}

describe('办件记录 in Chromium', () => {
  it('F7 opens the history: today counts, the case found by name with its slip as a PDF link, Esc closes it', async () => {
    const running = await counter.start();
    const client = await TestClient.connect(running.shell);
    const number = await notifiedCase(client);
    client.close();

    const page = await counter.newPage({ viewport: { width: 1366, height: 768 } });
    const problems = watchConsole(page);
    await page.goto(running.shell.url);
    await page.getByTestId('case-empty').waitFor();
    await page.keyboard.press('F7');
    await page.getByTestId('case-history').waitFor();
    await expect.poll(() => page.getByTestId('history-counts').innerText()).toContain('告知 1');
    await page.getByTestId('history-search').fill('张晓明');
    const table = page.getByTestId('history-table');
    await expect.poll(() => table.innerText()).toContain('110101********3511');
    expect(await table.innerText()).toContain('一次性告知');
    const link = page.getByRole('link', { name: number });
    const href = await link.getAttribute('href');
    const type = await page.evaluate(async (url) => (await fetch(url!)).headers.get('content-type'), href);
    expect(type).toBe('application/pdf');
    await screenshot(page, 'history-1366x768');

    await page.getByTestId('history-search').fill('无此人');
    await page.getByTestId('history-empty').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('case-history').waitFor({ state: 'detached' });
    // Esc closed the dialog only: the empty counter is still there, nothing else happened.
    expect(await page.getByTestId('case-empty').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
