import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CounterApiError, type PhrasePrompts } from '../../shared/contract';
import { phrasesForStage } from '../../shared/domain/phrases/fill';
import type { Phrase, PhraseCue, PhraseStage } from '../../shared/domain/phrases/schema';
import { strings } from '../../shared/i18n';
import { FakeCounterApi, sampleCase, sampleSnapshot } from '../test-support/fake-api';
import { expectQuietConsole } from '../test-support/console-guard';
import { ClerkApp } from './ClerkApp';
import { PhrasePanel } from './PhrasePanel';
import type { ClipboardPort, SpeechPort, VoiceInfo } from './PhrasePanel.platform';

const t = strings.phrasePanel;

/** A small catalogue in the shape of the real one. */
const CATALOGUE: Phrase[] = [
  { id: 'greet.welcome', stage: '问候', text: '您好!请坐,请问您要办理什么业务?' },
  { id: 'greet.redirect', stage: '问候', text: '请您到......窗口办理此项业务!', template: '请您到{targetWindow}窗口办理此项业务!' },
  { id: 'greet.wait', stage: '问候', text: '请稍候,我们马上为您办理!', source: '驻马店 第5章 文明用语' },
  { id: 'accept.sorry', stage: '受理', text: '很抱歉,让您久等了。', fits: ['longWait'], alsoIn: ['系统故障'] },
  { id: 'accept.provide', stage: '受理', text: '根据......要求,请您提供......等资料,谢谢!', template: '根据{lawBasis}要求,请您提供{requiredMaterials}等资料,谢谢!' },
  { id: 'accept.form', stage: '受理', text: '请填写XXX', template: '请填写{formName}' },
  { id: 'fault.short', stage: '办理', text: '对不起,电脑出现故障(或网络不好),正在检修,请稍等。', alsoIn: ['系统故障'], fits: ['faultShort'] },
  { id: 'fault.long', stage: '系统故障', text: '对不起,系统故障短时难以恢复,请留下您的电话号码。', fits: ['faultLong'] },
  { id: 'farewell.bye', stage: '告别', text: '再见' },
];

function promptsFor(stage: PhraseStage, cues: readonly PhraseCue[] = []): PhrasePrompts {
  return { stage, phrases: phrasesForStage(CATALOGUE, stage, { windowNumber: '01', cues }), issues: [] };
}

function fakeApi(overrides: ConstructorParameters<typeof FakeCounterApi>[1] = {}): FakeCounterApi {
  return new FakeCounterApi(sampleSnapshot(), {
    getPhrases: ({ stage, cues }) => promptsFor(stage, cues ?? []),
    ...overrides,
  });
}

class FakeClipboard implements ClipboardPort {
  texts: string[] = [];
  fail = false;
  async writeText(text: string): Promise<void> {
    if (this.fail) throw new Error('denied');
    this.texts.push(text);
  }
}

class FakeSpeech implements SpeechPort {
  spoken: { text: string; voice: string }[] = [];
  cancelled = 0;
  private finish: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  constructor(private list: VoiceInfo[]) {}
  voices = (): readonly VoiceInfo[] => this.list;
  speak(text: string, voice: string, onDone: () => void): void {
    this.spoken.push({ text, voice });
    this.finish = onDone;
  }
  cancel(): void {
    this.cancelled++;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  setVoices(list: VoiceInfo[]): void {
    this.list = list;
    for (const listener of this.listeners) listener();
  }
  end(): void {
    this.finish?.();
  }
}

const ENGLISH: VoiceInfo = { voiceURI: 'en', name: 'English', lang: 'en-US' };
const MANDARIN: VoiceInfo = { voiceURI: 'zh-voice', name: '普通话', lang: 'zh-CN' };

expectQuietConsole();

interface Options {
  stage?: PhraseStage;
  caseKey?: string;
  online?: boolean;
  speech?: SpeechPort | null;
  clipboard?: FakeClipboard;
}

async function renderPanel(api: FakeCounterApi, options: Options = {}) {
  const clipboard: FakeClipboard = options.clipboard ?? new FakeClipboard();
  const props = {
    api,
    stage: options.stage ?? '问候',
    caseKey: options.caseKey ?? '',
    online: options.online ?? true,
    speech: options.speech === undefined ? null : options.speech,
    clipboard,
  };
  const view = render(<PhrasePanel {...props} />);
  if (props.online) await screen.findAllByTestId('phrase-item');
  return { ...view, clipboard, props, rerenderWith: (next: Partial<Options>) => view.rerender(<PhrasePanel {...props} {...next} clipboard={clipboard} />) };
}

const items = () => screen.getAllByTestId('phrase-item');
const itemTexts = () => items().map((item) => within(item).getByTestId('phrase-text').textContent);
const lastCall = (api: FakeCounterApi) => api.calls.filter((c) => c.method === 'getPhrases').at(-1)?.params;

describe('PhrasePanel', () => {
  it('shows the phrases of the stage, the most fitting first, gaps marked', async () => {
    const api = fakeApi();
    await renderPanel(api, { stage: '受理' });
    expect(lastCall(api)).toEqual({ stage: '受理', cues: undefined });
    expect(screen.getByTestId('phrase-stage').textContent).toBe('受理');
    expect(itemTexts()).toEqual(['很抱歉，让您久等了。', '请填写【表格名称】', '根据【依据】要求，请您提供【所需材料】等资料，谢谢！']);
    const gaps = within(items()[2]!).getAllByTestId('phrase-gap');
    expect(gaps.map((g) => g.textContent)).toEqual(['【依据】', '【所需材料】']);
    expect(items()[0]!.className).toContain('phrase-item--first');
    expect(screen.getByText(t.gapHint)).toBeTruthy();
  });

  it('shows the source of a phrase and its key', async () => {
    await renderPanel(fakeApi());
    expect(within(items()[1]!).getByText('驻马店 第5章 文明用语')).toBeTruthy();
    expect(items().map((i) => i.getAttribute('aria-keyshortcuts'))).toEqual(['1', '2', '3']);
  });

  it('copies a phrase with its number key and confirms it visibly', async () => {
    const { clipboard } = await renderPanel(fakeApi());
    fireEvent.keyDown(window, { key: '2' });
    await waitFor(() => expect(clipboard.texts).toEqual(['请稍候，我们马上为您办理！']));
    // The confirmation follows the clipboard's answer (a promise): wait for it to show, never assume it already has.
    await waitFor(() => expect(screen.getByTestId('phrase-status').textContent).toBe(t.copied(2)));
    expect(within(items()[1]!).getByTestId('phrase-copied').textContent).toBe(t.copiedBadge);
    expect(within(items()[0]!).queryByTestId('phrase-copied')).toBeNull();

    // A phrase with a gap is copied with the gap marked, never filled with a guess.
    fireEvent.keyDown(window, { key: '3' });
    await waitFor(() => expect(clipboard.texts.at(-1)).toBe('请您到【窗口号】窗口办理此项业务！'));
  });

  it('copies with a number key pressed the very instant the phrases appear', async () => {
    let arrive: (prompts: PhrasePrompts) => void = () => {};
    const api = fakeApi({ getPhrases: () => new Promise<PhrasePrompts>((resolve) => (arrive = resolve)) });
    const clipboard = new FakeClipboard();
    render(<PhrasePanel api={api} stage="问候" caseKey="" online speech={null} clipboard={clipboard} />);
    await waitFor(() => expect(api.callsOf('getPhrases')).toBe(1));
    // The key press is triggered by the list's own appearance in the page (a mutation observer
    // runs right after React writes the DOM, before any effect scheduled for later), and sent as
    // the browser sends it: a native event, not wrapped in act().
    let pressed = false;
    const observer = new MutationObserver(() => {
      if (pressed || screen.queryAllByTestId('phrase-item').length === 0) return;
      pressed = true;
      window.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true, cancelable: true }));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    try {
      arrive(promptsFor('问候'));
      await waitFor(() => expect(pressed).toBe(true));
      await waitFor(() => expect(clipboard.texts).toEqual(['您好！请坐，请问您要办理什么业务？']));
      await waitFor(() => expect(screen.getByTestId('phrase-status').textContent).toBe(t.copied(1)));
    } finally {
      observer.disconnect();
    }
  });

  it('ignores number keys beyond the list, with modifiers, or while typing', async () => {
    const { clipboard } = await renderPanel(fakeApi());
    const input = document.createElement('input');
    document.body.appendChild(input);
    fireEvent.keyDown(window, { key: '9' });
    fireEvent.keyDown(window, { key: '1', ctrlKey: true });
    fireEvent.keyDown(window, { key: '1', altKey: true });
    fireEvent.keyDown(input, { key: '1' });
    fireEvent.keyDown(window, { key: '1', repeat: true });
    await act(async () => {});
    expect(clipboard.texts).toEqual([]);
    input.remove();
  });

  it('copies the focused phrase with Ctrl+C or Enter and moves with the arrow keys', async () => {
    const { clipboard } = await renderPanel(fakeApi());
    items()[0]!.focus();
    fireEvent.keyDown(items()[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items()[1]);
    fireEvent.keyDown(items()[1]!, { key: 'c', ctrlKey: true });
    await waitFor(() => expect(clipboard.texts).toEqual(['请稍候，我们马上为您办理！']));
    fireEvent.keyDown(items()[1]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items()[0]);
    fireEvent.keyDown(items()[0]!, { key: 'Enter' });
    await waitFor(() => expect(clipboard.texts.at(-1)).toBe('您好！请坐，请问您要办理什么业务？'));
  });

  it('copies with the button too, and says so plainly when the clipboard refuses', async () => {
    const clipboard = new FakeClipboard();
    await renderPanel(fakeApi(), { clipboard });
    fireEvent.click(within(items()[0]!).getByRole('button', { name: t.copyLabel(1) }));
    await waitFor(() => expect(clipboard.texts).toHaveLength(1));
    clipboard.fail = true;
    fireEvent.keyDown(window, { key: '1' });
    await waitFor(() => expect(screen.getByTestId('phrase-status').textContent).toBe(t.copyFailed));
    expect(screen.getByTestId('phrase-status').className).toContain('phrase-panel__status--error');
  });

  it('clears the confirmation after a few seconds', async () => {
    await renderPanel(fakeApi());
    // Fake time only from here, and not running on its own: a loaded machine must not
    // let the clearing timer fire before the confirmation has been seen.
    vi.useFakeTimers();
    fireEvent.keyDown(window, { key: '1' });
    await act(async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
    });
    expect(screen.getByTestId('phrase-status').textContent).toBe(t.copied(1));
    act(() => vi.advanceTimersByTime(3500));
    expect(screen.getByTestId('phrase-status').textContent).toBe('');
    expect(screen.queryByTestId('phrase-copied')).toBeNull();
  });

  it('says plainly when there is no speech synthesis, and offers no read-aloud', async () => {
    await renderPanel(fakeApi(), { speech: null });
    expect(screen.getByTestId('phrase-speech-note').textContent).toBe(t.noSpeech);
    expect(screen.queryByRole('button', { name: t.speakLabel(1) })).toBeNull();
  });

  it('reads a phrase aloud with a Chinese voice once one is there', async () => {
    const speech = new FakeSpeech([ENGLISH]);
    await renderPanel(fakeApi(), { speech });
    expect(screen.getByTestId('phrase-speech-note').textContent).toBe(t.noVoice);
    expect(screen.queryByRole('button', { name: t.speakLabel(1) })).toBeNull();

    act(() => speech.setVoices([ENGLISH, MANDARIN]));
    expect(screen.queryByTestId('phrase-speech-note')).toBeNull();
    const read = screen.getByRole('button', { name: t.speakLabel(1) });
    fireEvent.click(read);
    expect(speech.spoken).toEqual([{ text: '您好！请坐，请问您要办理什么业务？', voice: 'zh-voice' }]);
    expect(screen.getByRole('button', { name: t.stopSpeaking }).getAttribute('aria-pressed')).toBe('true');
    act(() => speech.end());
    expect(screen.queryByRole('button', { name: t.stopSpeaking })).toBeNull();

    // Stopping a phrase that is being read.
    fireEvent.click(screen.getByRole('button', { name: t.speakLabel(2) }));
    fireEvent.click(screen.getByRole('button', { name: t.stopSpeaking }));
    expect(speech.cancelled).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: t.stopSpeaking })).toBeNull();

    // A phrase with a gap is not read: the gap's label is not what the citizen should hear.
    expect((screen.getByRole('button', { name: t.speakLabel(3) }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('offers the system-fault prompts, short and long, and goes back to the stage', async () => {
    const api = fakeApi();
    await renderPanel(api, { stage: '受理' });
    fireEvent.click(screen.getByTestId('phrase-fault-long'));
    await waitFor(() => expect(itemTexts()[0]).toBe('对不起，系统故障短时难以恢复，请留下您的电话号码。'));
    expect(lastCall(api)).toEqual({ stage: '系统故障', cues: ['faultLong'] });
    expect(screen.getByTestId('phrase-stage').textContent).toBe('系统故障');
    expect(screen.getByTestId('phrase-fault-long').getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByTestId('phrase-fault-short'));
    await waitFor(() => expect(itemTexts()[0]).toBe('对不起，电脑出现故障（或网络不好），正在检修，请稍等。'));
    expect(lastCall(api)).toEqual({ stage: '系统故障', cues: ['faultShort'] });

    fireEvent.click(screen.getByTestId('phrase-back'));
    await waitFor(() => expect(screen.getByTestId('phrase-stage').textContent).toBe('受理'));
    await waitFor(() => expect(itemTexts()[0]).toBe('很抱歉，让您久等了。'));
    expect(screen.queryByTestId('phrase-back')).toBeNull();

    // Pressing the lit fault button again also goes back.
    fireEvent.click(screen.getByTestId('phrase-fault-short'));
    await waitFor(() => expect(screen.getByTestId('phrase-stage').textContent).toBe('系统故障'));
    fireEvent.click(screen.getByTestId('phrase-fault-short'));
    await waitFor(() => expect(screen.getByTestId('phrase-stage').textContent).toBe('受理'));
  });

  it('lets the clerk look at another stage until the case changes', async () => {
    const api = fakeApi();
    const view = await renderPanel(api, { stage: '受理', caseKey: 'C-1' });
    fireEvent.change(screen.getByTestId('phrase-stage-select'), { target: { value: '告别' } });
    await waitFor(() => expect(itemTexts()).toEqual(['再见']));
    expect(lastCall(api)).toEqual({ stage: '告别', cues: undefined });
    view.rerenderWith({ stage: '问候', caseKey: '' });
    await waitFor(() => expect(itemTexts()[0]).toBe('您好！请坐，请问您要办理什么业务？'));
    expect(screen.getByTestId('phrase-stage').textContent).toBe('问候');
    expect((screen.getByTestId('phrase-stage-select') as HTMLSelectElement).value).toBe('');
  });

  it('shows the problems of the phrase files', async () => {
    const api = fakeApi({
      getPhrases: ({ stage }) => ({
        ...promptsFor(stage),
        issues: [{ file: 'phrases.json', phrase: 'centre.x', field: 'template', message: '含无法识别的占位符 {foo}' }],
      }),
    });
    await renderPanel(api);
    const box = screen.getByTestId('phrase-issues');
    expect(box.textContent).toContain(t.catalogueIssues(1));
    expect(box.textContent).toContain('phrases.json · centre.x · template：含无法识别的占位符 {foo}');
  });

  it('reports a failed request with a retry', async () => {
    let fail = true;
    const api = fakeApi({
      getPhrases: ({ stage }) => (fail ? Promise.reject(new CounterApiError('failed', '操作失败：数据库忙')) : promptsFor(stage)),
    });
    render(<PhrasePanel api={api} stage="问候" caseKey="" online speech={null} clipboard={new FakeClipboard()} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(t.loadFailed('操作失败：数据库忙'));
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: strings.clerkScreen.retry }));
    await screen.findAllByTestId('phrase-item');
    expect(api.callsOf('getPhrases')).toBe(2);
  });

  it('asks nothing while offline, and asks once the connection is back', async () => {
    const api = fakeApi();
    const view = await renderPanel(api, { online: false });
    expect(api.callsOf('getPhrases')).toBe(0);
    expect(screen.getByText(t.loading)).toBeTruthy();
    view.rerenderWith({ online: true });
    await screen.findAllByTestId('phrase-item');
    expect(api.callsOf('getPhrases')).toBe(1);
  });
});

describe('the phrase panel on the clerk screen', () => {
  it('greets with no case, shows the 受理 prompts once the applicant is identified, and greets again after', async () => {
    const api = fakeApi();
    render(<ClerkApp api={api} connection={null} />);
    await waitFor(() => expect(screen.getByTestId('phrase-panel').dataset.stage).toBe('问候'));
    await waitFor(() => expect(itemTexts()[0]).toBe('您好！请坐，请问您要办理什么业务？'));

    act(() => api.emit('case.changed', sampleCase('C-1')));
    await waitFor(() => expect(screen.getByTestId('phrase-panel').dataset.stage).toBe('受理'));
    await waitFor(() => expect(itemTexts()[0]).toBe('很抱歉，让您久等了。'));
    expect(lastCall(api)).toEqual({ stage: '受理', cues: undefined });

    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.getByTestId('phrase-panel').dataset.stage).toBe('问候'));
    expect(screen.getByText(t.shortcut)).toBeTruthy();
  });
});
