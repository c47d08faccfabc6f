import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type JSX, type KeyboardEvent } from 'react';
import type { CounterApi, PhrasePrompts } from '../../shared/contract';
import { PHRASE_STAGES, type FilledPhrase, type PhraseCue, type PhraseStage } from '../../shared/domain/phrases/schema';
import type { ExtendedServiceNotice } from '../../shared/domain/prompts/closing';
import { strings } from '../../shared/i18n';
import { messageOf } from '../api';
import { CallbackPanel } from './prompts/CallbackPanel';
import { SpecialPrompts } from './prompts/SpecialPrompts';
import { useCallbacks } from './prompts/useCallbacks';
import './prompts/prompts.css';
import {
  browserClipboard,
  browserSpeech,
  pickChineseVoice,
  type ClipboardPort,
  type SpeechPort,
} from './PhrasePanel.platform';
import './PhrasePanel.css';

const t = strings.phrasePanel;
const stageLabel = (stage: PhraseStage) => strings.phraseCatalogue.stages[stage];

/** What the panel shows: the case's stage, another stage the clerk chose, or a system fault. */
type View = { kind: 'case' } | { kind: 'stage'; stage: PhraseStage } | { kind: 'fault'; length: 'short' | 'long' };

export interface PhrasePanelProps {
  api: CounterApi;
  /** The stage of the case in progress (问候 with no case, 受理 once the applicant is identified…). */
  stage: PhraseStage;
  /** Changes with the case (its id), so that a new case starts from its own stage. */
  caseKey: string;
  /** False while the connection to the services is down: nothing is requested. */
  online: boolean;
  /** 延时服务: after closing time with a case in progress (shown, never blocking). */
  extended?: ExtendedServiceNotice | null;
  /** Prefills the call-back form of a long fault. */
  applicantName?: string | null;
  itemName?: string | null;
  /** The case allows setting priority now (for the 老年人 offer). */
  canSetPriority?: boolean;
  /** Platform services; the browser's by default. */
  speech?: SpeechPort | null;
  clipboard?: ClipboardPort;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const noVoices = () => () => {};

/** The platform's Chinese voice (its URI), 'none' without one, 'unsupported' without speech synthesis. */
function useChineseVoice(speech: SpeechPort | null): string {
  return useSyncExternalStore(
    speech ? (listener) => speech.subscribe(listener) : noVoices,
    () => (speech ? (pickChineseVoice(speech.voices())?.voiceURI ?? 'none') : 'unsupported'),
  );
}

function PhraseText({ phrase }: { phrase: FilledPhrase }): JSX.Element {
  return (
    <p className="phrase-item__text" data-testid="phrase-text">
      {phrase.segments.map((segment, i) =>
        segment.kind === 'text' ? (
          <span key={i}>{segment.text}</span>
        ) : segment.value !== null ? (
          <span key={i} className="phrase-slot phrase-slot--filled" title={segment.label}>
            {segment.value}
          </span>
        ) : (
          <span key={i} className="phrase-slot phrase-slot--gap" data-testid="phrase-gap">
            {strings.phraseCatalogue.gap(segment.label)}
          </span>
        ),
      )}
    </p>
  );
}

interface LoadState {
  key: string;
  prompts: PhrasePrompts | null;
  error: string | null;
}

/**
 * The standard phrases (文明用语) of the current stage, the most fitting
 * first, gaps filled from the counter and the case or visibly marked.
 * Keys 1–9 copy a phrase; a phrase can be read aloud where the platform has
 * a Chinese voice. A system fault (short or long) has its own prompts.
 */
export function PhrasePanel({
  api,
  stage,
  caseKey,
  online,
  extended = null,
  applicantName = null,
  itemName = null,
  canSetPriority = false,
  speech: speechProp,
  clipboard: clipboardProp,
}: PhrasePanelProps): JSX.Element {
  const speech = useMemo(() => (speechProp === undefined ? browserSpeech() : speechProp), [speechProp]);
  const clipboard = useMemo(() => clipboardProp ?? browserClipboard(), [clipboardProp]);
  const voice = useChineseVoice(speech);

  // The clerk's choice holds for the case it was made in; a new case or stage starts over.
  const owner = `${caseKey}|${stage}`;
  const [choice, setChoice] = useState<{ owner: string; view: View }>({ owner, view: { kind: 'case' } });
  const view: View = choice.owner === owner ? choice.view : { kind: 'case' };
  const choose = useCallback((next: View) => setChoice({ owner, view: next }), [owner]);

  const shownStage: PhraseStage = view.kind === 'case' ? stage : view.kind === 'stage' ? view.stage : '系统故障';
  const cues: PhraseCue[] = view.kind === 'fault' ? [view.length === 'short' ? 'faultShort' : 'faultLong'] : [];
  const requestKey = `${owner}|${shownStage}|${cues.join(',')}`;

  const [load, setLoad] = useState<LoadState>({ key: '', prompts: null, error: null });
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!online) return undefined;
    let current = true;
    const key = requestKey;
    api.invoke('getPhrases', { stage: shownStage, cues: cues.length > 0 ? cues : undefined }).then(
      (prompts) => current && setLoad({ key, prompts, error: null }),
      (error: unknown) => current && setLoad((prev) => ({ key, prompts: prev.prompts, error: messageOf(error) })),
    );
    return () => {
      current = false;
    };
    // cues is derived from requestKey; listing the key is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, online, requestKey, reloads]);

  const fresh = load.key === requestKey;
  // Until the new stage arrives the old list stays, dimmed: no flicker, no wrong numbering for long.
  const phrases = useMemo(() => load.prompts?.phrases ?? [], [load.prompts]);
  const issues = load.prompts?.issues ?? [];
  const special = load.prompts?.special ?? [];
  const callbacks = useCallbacks(api, online);

  const [status, setStatus] = useState<{ text: string; level: 'ok' | 'error'; id: string | null } | null>(null);
  const statusTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const showStatus = useCallback((text: string, level: 'ok' | 'error', id: string | null) => {
    clearTimeout(statusTimer.current);
    setStatus({ text, level, id });
    statusTimer.current = setTimeout(() => setStatus(null), 3000);
  }, []);
  useEffect(() => () => clearTimeout(statusTimer.current), []);

  const copy = useCallback(
    (index: number) => {
      const phrase = phrases[index];
      if (!phrase) return;
      clipboard.writeText(phrase.filled).then(
        () => showStatus(t.copied(index + 1), 'ok', phrase.id),
        () => showStatus(t.copyFailed, 'error', null),
      );
    },
    [phrases, clipboard, showStatus],
  );

  const [speakingId, setSpeakingId] = useState<string | null>(null);
  const speak = useCallback(
    (phrase: FilledPhrase) => {
      if (!speech || voice === 'none' || voice === 'unsupported') return;
      if (speakingId === phrase.id) {
        speech.cancel();
        setSpeakingId(null);
        return;
      }
      setSpeakingId(phrase.id);
      speech.speak(phrase.filled, voice, () => setSpeakingId((id) => (id === phrase.id ? null : id)));
    },
    [speech, voice, speakingId],
  );
  useEffect(() => () => speech?.cancel(), [speech]);

  // Keys 1–9 copy the phrase of that number, wherever the focus is (but not while typing).
  // The listener reads the list on screen from a ref set in the same commit that shows it (a
  // layout effect): re-registering it in a passive effect left a moment after the phrases
  // appeared in which a key press still met the old, empty list and was lost.
  const onScreen = useRef({ count: 0, copy });
  useLayoutEffect(() => {
    onScreen.current = { count: phrases.length, copy };
  });
  useLayoutEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      if (!/^[1-9]$/.test(event.key) || isEditable(event.target)) return;
      const index = Number(event.key) - 1;
      const shown = onScreen.current;
      if (index >= shown.count) return;
      event.preventDefault();
      shown.copy(index);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const listRef = useRef<HTMLOListElement>(null);
  const onItemKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number): void => {
    if (event.target !== event.currentTarget) return;
    const items = listRef.current?.querySelectorAll<HTMLLIElement>('[data-testid="phrase-item"]');
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
      // A selection inside the phrase is the clerk's own copy; only an empty selection copies the whole phrase.
      if (window.getSelection()?.toString()) return;
      event.preventDefault();
      copy(index);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      copy(index);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items?.[index + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  };

  const speechNote = voice === 'unsupported' ? t.noSpeech : voice === 'none' ? t.noVoice : null;
  const canSpeak = speechNote === null;
  const anyGap = phrases.some((p) => !p.complete);

  return (
    <section className="panel phrase-panel" aria-labelledby="phrase-panel-title" data-testid="phrase-panel" data-stage={shownStage}>
      <div className="panel__header phrase-panel__header">
        <h2 className="panel__title" id="phrase-panel-title">
          {strings.phrases.areaTitle}
        </h2>
        <span className="phrase-panel__stage" data-testid="phrase-stage" aria-label={t.stageAria(stageLabel(shownStage))}>
          {stageLabel(shownStage)}
        </span>
        <label className="phrase-panel__chooser">
          <span className="visually-hidden">{t.chooseStage}</span>
          <select
            data-testid="phrase-stage-select"
            value={view.kind === 'case' ? '' : shownStage}
            onChange={(event) => {
              const value = event.target.value;
              choose(value === '' ? { kind: 'case' } : { kind: 'stage', stage: value as PhraseStage });
            }}
            title={t.chooseStage}
          >
            <option value="">{t.chooseStagePrompt}</option>
            {PHRASE_STAGES.map((s) => (
              <option key={s} value={s}>
                {s === stage ? t.currentOption(stageLabel(s)) : stageLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {view.kind !== 'case' && (
        <button type="button" className="phrase-panel__back" data-testid="phrase-back" onClick={() => choose({ kind: 'case' })}>
          {t.backToCurrent(stageLabel(stage))}
        </button>
      )}

      {issues.length > 0 && (
        <details className="phrase-panel__issues" data-testid="phrase-issues">
          <summary>{t.catalogueIssues(issues.length)}</summary>
          <ul>
            {issues.map((issue, i) => (
              <li key={i}>{t.issueLine(issue.file, issue.phrase, issue.field, issue.message)}</li>
            ))}
          </ul>
        </details>
      )}

      <SpecialPrompts api={api} online={online} special={special} extended={extended} canSetPriority={canSetPriority} />

      <div className="phrase-panel__body" aria-busy={!fresh}>
        {view.kind === 'fault' && (
          <p className="phrase-panel__fault-note" data-testid="phrase-fault-note">
            {view.length === 'short' ? strings.prompts.fault.shortNote : strings.prompts.fault.longNote}
          </p>
        )}
        {load.error !== null && fresh ? (
          <div className="phrase-panel__error" role="alert">
            <span>{t.loadFailed(load.error)}</span>
            <button type="button" className="button button--quiet" onClick={() => setReloads((n) => n + 1)}>
              {strings.clerkScreen.retry}
            </button>
          </div>
        ) : load.prompts === null ? (
          <p className="phrase-panel__loading" role="status">
            {t.loading}
          </p>
        ) : phrases.length === 0 ? (
          <p className="phrase-panel__empty">{t.empty}</p>
        ) : (
          <ol
            ref={listRef}
            className={`phrase-list${fresh ? '' : ' phrase-list--stale'}`}
            aria-label={t.listLabel(stageLabel(load.prompts.stage))}
            data-testid="phrase-list"
          >
            {phrases.map((phrase, index) => {
              const n = index + 1;
              const copied = status?.level === 'ok' && status.id === phrase.id;
              return (
                <li
                  key={phrase.id}
                  className={`phrase-item${index === 0 ? ' phrase-item--first' : ''}${phrase.complete ? '' : ' phrase-item--gaps'}`}
                  data-testid="phrase-item"
                  data-phrase-id={phrase.id}
                  tabIndex={0}
                  aria-keyshortcuts={n <= 9 ? String(n) : undefined}
                  onKeyDown={(event) => onItemKeyDown(event, index)}
                >
                  <span className="phrase-item__number" aria-hidden="true">
                    {n <= 9 ? <kbd>{n}</kbd> : n}
                  </span>
                  <div className="phrase-item__main">
                    <PhraseText phrase={phrase} />
                    <div className="phrase-item__meta">
                      {phrase.source !== null && <span className="phrase-item__source">{phrase.source}</span>}
                      {copied && (
                        <span className="phrase-item__copied" data-testid="phrase-copied">
                          {t.copiedBadge}
                        </span>
                      )}
                      <span className="phrase-item__actions">
                        <button
                          type="button"
                          className="phrase-action"
                          onClick={() => copy(index)}
                          aria-label={t.copyLabel(n)}
                          title={t.copyLabel(n)}
                        >
                          {t.copy}
                        </button>
                        {canSpeak && (
                          <button
                            type="button"
                            className="phrase-action"
                            onClick={() => speak(phrase)}
                            disabled={!phrase.complete}
                            aria-pressed={speakingId === phrase.id}
                            aria-label={speakingId === phrase.id ? t.stopSpeaking : t.speakLabel(n)}
                            title={phrase.complete ? t.speakLabel(n) : t.gapHint}
                          >
                            {speakingId === phrase.id ? t.stopSpeaking : t.speak}
                          </button>
                        )}
                      </span>
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {view.kind === 'fault' && view.length === 'long' && (
          <CallbackPanel api={api} online={online} applicantName={applicantName} itemName={itemName} callbacks={callbacks} key={caseKey} />
        )}
      </div>

      <div className="phrase-panel__fault" role="group" aria-label={t.fault}>
        <span className="phrase-panel__fault-label">{t.fault}</span>
        {(['short', 'long'] as const).map((length) => {
          const pressed = view.kind === 'fault' && view.length === length;
          return (
            <button
              key={length}
              type="button"
              className={`phrase-fault${pressed ? ' phrase-fault--on' : ''}`}
              data-testid={`phrase-fault-${length}`}
              aria-pressed={pressed}
              title={length === 'short' ? t.faultShortHint : t.faultLongHint}
              onClick={() => choose(pressed ? { kind: 'case' } : { kind: 'fault', length })}
            >
              {length === 'short' ? t.faultShort : t.faultLong}
            </button>
          );
        })}
        {callbacks.open > 0 && !(view.kind === 'fault' && view.length === 'long') && (
          <button
            type="button"
            className="phrase-callbacks-chip"
            data-testid="callbacks-pending"
            title={strings.prompts.callback.pendingHint}
            onClick={() => choose({ kind: 'fault', length: 'long' })}
          >
            {strings.prompts.callback.pending(callbacks.open)}
          </button>
        )}
      </div>

      <footer className="phrase-panel__footer">
        <p
          className={`phrase-panel__status${status?.level === 'error' ? ' phrase-panel__status--error' : ''}`}
          role="status"
          data-testid="phrase-status"
        >
          {status?.text ?? ''}
        </p>
        {anyGap && <p className="phrase-panel__hint">{t.gapHint}</p>}
        <p className="phrase-panel__hint">{t.keysHint}</p>
        {speechNote !== null && (
          <p
            className="phrase-panel__hint phrase-panel__hint--speech"
            data-testid="phrase-speech-note"
            title={voice === 'none' ? t.noVoiceHint : undefined}
          >
            {speechNote}
          </p>
        )}
      </footer>
    </section>
  );
}
