import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PhrasePrompts, SpecialPrompt } from '../../../shared/contract';
import { phrasesForStage } from '../../../shared/domain/phrases/fill';
import type { Phrase, PhraseCue, PhraseStage } from '../../../shared/domain/phrases/schema';
import { strings } from '../../../shared/i18n';
import { FakeCounterApi, sampleCase, sampleSnapshot } from '../../test-support/fake-api';
import { sampleServiceDay } from '../../test-support/fake-service-day';
import { ClerkApp } from '../ClerkApp';
import { PhrasePanel, type PhrasePanelProps } from '../PhrasePanel';

const p = strings.prompts;

const CATALOGUE: Phrase[] = [
  { id: 'greet.welcome', stage: '问候', text: '您好!请坐,请问您要办理什么业务?' },
  { id: 'greet.wait', stage: '问候', text: '请稍候,我们马上为您办理!', fits: ['priority'] },
  { id: 'accept.sorry', stage: '受理', text: '很抱歉,让您久等了。', fits: ['longWait', 'faultLong'], alsoIn: ['问候', '系统故障'] },
  { id: 'fault.short', stage: '办理', text: '对不起,电脑出现故障(或网络不好),正在检修,请稍等。', alsoIn: ['系统故障'], fits: ['faultShort'] },
  { id: 'fault.long', stage: '系统故障', text: '对不起,系统出现故障,请留下您的电话号码。', fits: ['faultLong'] },
];

/** Answers as the service does: the special prompts' cues join the clerk's, so the fitting phrase leads. */
function fakeApi(special: SpecialPrompt[] = []): FakeCounterApi {
  const cuesOf = (s: SpecialPrompt[]): PhraseCue[] => s.flatMap((x): PhraseCue[] => (x.kind === 'priority' ? ['priority'] : x.kind === 'longWait' ? ['longWait'] : []));
  return new FakeCounterApi(sampleSnapshot(), {
    getPhrases: ({ stage, cues }): PhrasePrompts => ({
      stage,
      phrases: phrasesForStage(CATALOGUE, stage, { cues: [...(cues ?? []), ...cuesOf(special)] }),
      issues: [],
      special,
    }),
  });
}

async function renderPanel(api: FakeCounterApi, props: Partial<PhrasePanelProps> = {}) {
  const all: PhrasePanelProps = { api, stage: '问候' as PhraseStage, caseKey: 'C-1', online: true, speech: null, clipboard: { writeText: async () => {} }, ...props };
  const view = render(<PhrasePanel {...all} />);
  await screen.findAllByTestId('phrase-item');
  return view;
}

const itemTexts = () => screen.getAllByTestId('phrase-text').map((e) => e.textContent);

afterEach(() => cleanup());

describe('special prompts in the prompt area', () => {
  it('shows nothing special for an ordinary case', async () => {
    await renderPanel(fakeApi());
    expect(screen.queryByTestId('special-prompts')).toBeNull();
    expect(itemTexts()[0]).toBe('您好！请坐，请问您要办理什么业务？');
  });

  it('shows the green channel with its category and what to do, the promise to serve at once first', async () => {
    await renderPanel(fakeApi([{ kind: 'priority', category: 'military', reason: '现役军人及军属' }]));
    const banner = await screen.findByTestId('special-priority');
    expect(banner.textContent).toContain(p.priority.heading('军人'));
    expect(banner.textContent).toContain(p.priority.todo);
    expect(banner.textContent).toContain(p.priority.reason('现役军人及军属'));
    expect(itemTexts()[0]).toBe('请稍候，我们马上为您办理！');
  });

  it('offers 标记为优先（老年人） and marks only on the click', async () => {
    const api = fakeApi([{ kind: 'suggestElderly', age: 72, threshold: 60 }]);
    await renderPanel(api, { stage: '受理', canSetPriority: true });
    const offer = await screen.findByTestId('special-suggest-elderly');
    expect(offer.textContent).toContain(p.suggestElderly.text(72, 60));
    expect(api.calls.filter((c) => c.method === 'caseAction')).toEqual([]);
    fireEvent.click(within(offer).getByRole('button', { name: p.suggestElderly.action }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'caseAction').map((c) => c.params)).toEqual([
        { action: { type: 'setPriority', priority: true, reason: '老年人', category: 'elderly' } },
      ]),
    );
  });

  it('shows a refused mark beside the offer, and no button where the case cannot take it', async () => {
    const api = fakeApi([{ kind: 'suggestElderly', age: 61, threshold: 60 }]);
    api.handlers.caseAction = () => ({ ok: false, message: '办件已结束，不能更改' });
    const view = await renderPanel(api, { stage: '受理', canSetPriority: true });
    fireEvent.click(await screen.findByTestId('mark-elderly'));
    expect((await screen.findByRole('alert')).textContent).toBe('办件已结束，不能更改');
    view.unmount();
    await renderPanel(fakeApi([{ kind: 'suggestElderly', age: 61, threshold: 60 }]), { stage: '受理', canSetPriority: false });
    expect(screen.getByTestId('special-suggest-elderly')).toBeTruthy();
    expect(screen.queryByTestId('mark-elderly')).toBeNull();
  });

  it('notes a long wait and why, with the apology first', async () => {
    await renderPanel(fakeApi([{ kind: 'longWait', source: 'previousCase', minutes: 34, threshold: 20 }]));
    expect((await screen.findByTestId('special-long-wait')).textContent).toContain(p.longWait.previousCase(34, 20));
    expect(itemTexts()[0]).toBe('很抱歉，让您久等了。');
  });

  it('shows extended service calmly after closing time, and the phrases stay usable', async () => {
    await renderPanel(fakeApi(), { extended: { since: '17:00', minutes: 12 } });
    const banner = screen.getByTestId('special-extended');
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toContain(p.extended.text);
    expect(banner.textContent).toContain(p.extended.since('17:00', 12));
    expect(screen.getAllByRole('button', { name: strings.phrasePanel.copyLabel(1) })[0]!.hasAttribute('disabled')).toBe(false);
  });
});

describe('system fault: short asks to wait, long records a call-back', () => {
  it('short fault: the apology and a note to ask to wait, no call-back form', async () => {
    await renderPanel(fakeApi());
    fireEvent.click(screen.getByTestId('phrase-fault-short'));
    await waitFor(() => expect(itemTexts()[0]).toBe('对不起，电脑出现故障（或网络不好），正在检修，请稍等。'));
    expect(screen.getByTestId('phrase-fault-note').textContent).toBe(p.fault.shortNote);
    expect(screen.queryByTestId('callback-panel')).toBeNull();
  });

  it('long fault: name prefilled, a bad phone refused keeping what was typed, a good one stored and listed, then ticked done', async () => {
    const api = fakeApi();
    await renderPanel(api, { applicantName: '张晓明', itemName: '居住证办理' });
    fireEvent.click(screen.getByTestId('phrase-fault-long'));
    await screen.findByTestId('callback-panel');
    expect(screen.getByTestId('phrase-fault-note').textContent).toBe(p.fault.longNote);
    const name = screen.getByTestId('callback-name') as HTMLInputElement;
    const phone = screen.getByTestId('callback-phone') as HTMLInputElement;
    expect(name.value).toBe('张晓明');
    expect((screen.getByTestId('callback-itemName') as HTMLInputElement).value).toBe('居住证办理');

    fireEvent.change(phone, { target: { value: '1380013' } });
    fireEvent.change(screen.getByTestId('callback-note'), { target: { value: '下午方便' } });
    fireEvent.click(screen.getByTestId('callback-save'));
    expect(screen.getByTestId('callback-status').textContent).toBe(p.callback.badPhone);
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(phone.value).toBe('1380013');
    expect((screen.getByTestId('callback-note') as HTMLInputElement).value).toBe('下午方便');
    expect(api.calls.filter((c) => c.method === 'recordCallback')).toEqual([]);

    fireEvent.change(phone, { target: { value: '138 0013 8000' } });
    fireEvent.click(screen.getByTestId('callback-save'));
    await waitFor(() => expect(screen.getByTestId('callback-status').textContent).toBe(p.callback.saved('张晓明', '13800138000')));
    expect(api.callbacks.map((c) => [c.name, c.phone, c.itemName, c.note])).toEqual([['张晓明', '13800138000', '居住证办理', '下午方便']]);
    const row = await screen.findByTestId('callback-row');
    expect(row.textContent).toContain('13800138000');
    expect(row.dataset.done).toBe('false');

    fireEvent.click(within(row).getByRole('checkbox', { name: p.callback.doneLabel('张晓明') }));
    await waitFor(() => expect(screen.getByTestId('callback-row').dataset.done).toBe('true'));
    expect(api.callbacks[0]!.doneAt).not.toBeNull();
  });

  it('shows the pending call-backs outside the long-fault view and opens it from there', async () => {
    const api = fakeApi();
    api.callbacks.push({ id: 1, caseId: null, name: '王五', phone: '0371-66554433', itemName: '', note: '', at: new Date().toISOString(), doneAt: null });
    await renderPanel(api);
    const chip = await screen.findByTestId('callbacks-pending');
    expect(chip.textContent).toBe(p.callback.pending(1));
    fireEvent.click(chip);
    expect((await screen.findByTestId('callback-row')).textContent).toContain('王五');
    expect(screen.queryByTestId('callbacks-pending')).toBeNull();
  });
});

describe('the footer lists only the keys that work on the screen shown', () => {
  const footer = () => screen.getByTestId('footer-shortcuts').textContent ?? '';

  it('before the window opens (sign-in, pre-shift check) no case or phrase keys are listed', async () => {
    for (const phase of ['signedOut', 'checking'] as const) {
      const api = new FakeCounterApi(sampleSnapshot({ serviceDay: sampleServiceDay(phase) }));
      render(<ClerkApp api={api} connection={null} />);
      await waitFor(() => expect(screen.queryByTestId('footer-shortcuts')).not.toBeNull());
      await waitFor(() => expect(screen.queryByText(strings.clerkScreen.loading)).toBeNull());
      for (const key of [strings.shortcuts.simulateCard, strings.shortcuts.clearCase, strings.caseScreen.items.footerShortcut, strings.phrasePanel.shortcut])
        expect(footer(), `${phase}: ${key}`).not.toContain(key);
      cleanup();
    }
  });

  it('while serving it lists the case keys, Esc only with a case and F3 only while choosing the item', async () => {
    const api = new FakeCounterApi(sampleSnapshot());
    render(<ClerkApp api={api} connection={null} />);
    await screen.findAllByTestId('phrase-panel');
    expect(footer()).toContain(strings.shortcuts.simulateCard);
    expect(footer()).toContain(strings.phrasePanel.shortcut);
    expect(footer()).toContain(strings.serviceDay.shortcut);
    expect(footer()).not.toContain(strings.shortcuts.clearCase);
    expect(footer()).not.toContain(strings.caseScreen.items.footerShortcut);
    act(() => api.emit('case.changed', sampleCase('C-1')));
    await waitFor(() => expect(footer()).toContain(strings.shortcuts.clearCase));
    expect(footer()).toContain(strings.caseScreen.items.footerShortcut);
  });
});
