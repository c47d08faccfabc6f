import { useCallback, useEffect, useLayoutEffect, useRef, useState, type JSX } from 'react';
import type { CaseView, CounterApi } from '../../shared/contract';
import { stageForCase } from '../../shared/domain/phrases/stage';
import { strings } from '../../shared/i18n';
import { messageOf, useConnectionState, type ConnectionSource } from '../api';
import { ConfigIssuesNotice } from '../components/ConfigIssuesNotice';
import { ConnectionOverlay } from '../components/ConnectionOverlay';
import { DeviceStatusBar, SimulatedBanner } from '../components/DeviceStatusBar';
import { useCatalogueNotice } from '../components/CatalogueNotice';
import { Header } from '../components/Header';
import { DiskSpaceNotice, LogNotice, PermissionsNotice, StorageProblemPanel } from '../components/StorageNotice';
import { ToastStack, useToasts } from '../components/Toasts';
import { CasePanel } from './CasePanel';
import { CameraProvider } from '../capture/camera-context';
import { allowedIn } from './case/case-model';
import { PhrasePanel } from './PhrasePanel';
import { CaseHistoryDialog } from './history/CaseHistoryDialog';
import { LeadDialog } from '../lead/LeadDialog';
import { ItDeskDialog } from '../it-desk/ItDeskDialog';
import { useServiceDayScreen } from './service-day/useServiceDayScreen';
import { useClerkData } from './useClerkData';

export interface ClerkAppProps {
  api: CounterApi;
  /** The web shell's connection; null inside Electron. */
  connection: ConnectionSource | null;
}

/**
 * What the phrase prompts depend on: the case, its phase, the item and the
 * decision. When one changes, the filled phrases are fetched again (the item
 * name, the missing materials, the due date …); a material ticked does not.
 */
function phraseCaseKey(view: CaseView | null): string {
  if (!view) return '';
  const state = view.flow.state;
  const item = 'item' in state && state.item ? state.item.implementationCode : '';
  const decision = 'decision' in state ? state.decision.kind : '';
  // Marking the case priority brings the green-channel prompt and its phrase forward.
  const priority = state.priority.on ? `p:${state.priority.category ?? state.priority.reason ?? ''}` : '';
  return [view.id, state.phase, item, decision, priority].join('|');
}

/** How long a first Esc on a case under review waits for the second. */
const CLEAR_CONFIRM_MS = 5_000;

/** The clerk's main screen. */
export function ClerkApp({ api, connection }: ClerkAppProps): JSX.Element {
  const { toasts, push, dismiss } = useToasts();
  const connectionState = useConnectionState(connection);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Whether a snapshot has arrived; read by the load-error handler, which runs outside render.
  const loadedRef = useRef(false);

  const onLoadError = useCallback(
    (error: unknown) => {
      // Before the first snapshot the screen shows the error with a retry button;
      // a failed refresh after a reconnect keeps the last state and says so.
      if (loadedRef.current) push('error', messageOf(error));
      else setLoadError(messageOf(error));
    },
    [push],
  );
  const { data, reload, dispatchCase, dispatchServiceDay } = useClerkData(api, connection, onLoadError);
  const loaded = data.loaded;
  useEffect(() => {
    loadedRef.current = loaded;
  }, [loaded]);
  const retryLoad = useCallback(() => {
    setLoadError(null);
    reload();
  }, [reload]);

  useEffect(
    () =>
      api.on('device.notice', (notice) => {
        push(notice.level, notice.message, strings.deviceKinds[notice.kind]);
      }),
    [api, push],
  );

  const [dismissedIssuesVersion, setDismissedIssuesVersion] = useState(-1);
  const showIssues = data.configIssues.length > 0 && dismissedIssuesVersion !== data.configIssuesVersion;
  const catalogueNotice = useCatalogueNotice(data.catalogue);
  // The database could not be opened (locked, read-only): its reason replaces the counter screen; low disk space is a notice.
  const storageProblem = data.storage?.problem ?? null;
  const diskNotice = data.storage?.disk && data.storage.disk.level !== 'ok' ? <DiskSpaceNotice disk={data.storage.disk} /> : null;
  // Other accounts can read the data directory and the start-up check could not fix it (electron/services/permissions).
  const permissionsNotice = data.storage?.permissions ? <PermissionsNotice message={data.storage.permissions.message} /> : null;
  // The diagnostic log cannot be written (electron/services/log): the counter runs on, IT is told.
  const logNotice = data.storage?.log ? <LogNotice message={data.storage.log.message} /> : null;

  const idcardSimulated = data.devices.some((d) => d.kind === 'idcard' && d.state === 'simulated');
  const simulatedKinds = data.devices.filter((d) => d.state === 'simulated').map((d) => d.kind);
  const anySimulated = simulatedKinds.length > 0;
  // Any open case can be ended (a manual entry or a case still without an applicant too).
  const hasCase = data.currentCase != null;
  const online = connectionState === 'open';
  // Sign-in, pre-shift check, pause and sign-out (renderer/clerk/service-day); the counter screen takes input only while serving.
  const day = useServiceDayScreen({
    api,
    day: data.serviceDay,
    counter: data.counter,
    online,
    caseOpen: hasCase,
    caseOpenedAt: data.currentCase?.openedAt ?? null,
    push,
    onDay: dispatchServiceDay,
  });

  const [busy, setBusy] = useState<null | 'simulate' | 'clear'>(null);
  // Guards against a second request while one runs (a held key, a double click).
  const inFlight = useRef(false);

  const run = useCallback(
    <T,>(kind: 'simulate' | 'clear', request: () => Promise<T>, done: (result: T) => void) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(kind);
      request()
        .then(done, (error: unknown) => push('error', messageOf(error)))
        .finally(() => {
          inFlight.current = false;
          setBusy(null);
        });
    },
    [push],
  );

  const simulateCard = useCallback(() => {
    run(
      'simulate',
      () => api.invoke('simulateCardRead', {}),
      (result) => {
        if (!result.accepted) push('warning', result.message);
      },
    );
  }, [api, push, run]);

  const clearCase = useCallback(() => {
    run(
      'clear',
      () => api.invoke('clearCase', {}),
      (result) => {
        if (result.cleared) {
          dispatchCase(null);
          push('success', strings.case.cleared);
        }
      },
    );
  }, [api, push, run, dispatchCase]);

  // Ending a case whose materials are under review or decided throws work away:
  // the first Esc (or click) only asks, a second within a few seconds ends it.
  const phase = data.currentCase?.flow.state.phase;
  const clearNeedsConfirm = phase === 'materialCheck' || phase === 'decided';
  const [clearArmed, setClearArmed] = useState(false);
  useEffect(() => {
    if (!clearArmed) return;
    const timer = setTimeout(() => setClearArmed(false), CLEAR_CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [clearArmed]);
  const requestClear = useCallback(() => {
    if (clearNeedsConfirm && !clearArmed) {
      setClearArmed(true);
      push('warning', strings.case.confirmClear);
      return;
    }
    setClearArmed(false);
    clearCase();
  }, [clearNeedsConfirm, clearArmed, push, clearCase]);

  const [historyOpen, setHistoryOpen] = useState(false);
  // The counter screen (case and prompts) is shown: loaded and past sign-in and the pre-shift check.
  const counterShown = loaded && !day.gate;
  const caseState = data.currentCase?.flow.state ?? null;
  // 组长查看 (renderer/lead): statistics, 差评 follow-ups, exports behind the lead's PIN.
  const [leadOpen, setLeadOpen] = useState(false);
  // 设备与诊断 (issue 12): states for the clerk, IT's tools behind IT's PIN.
  const [itDeskOpen, setItDeskOpen] = useState(false);

  // Keyboard-first: F2 reads the sample card, Esc ends the case.
  const canSimulate = online && loaded && idcardSimulated && day.serving;
  const canClear = online && loaded && hasCase && day.serving;
  // A layout effect, so the keys follow the screen in the same commit: a passive effect runs a moment
  // after the paused overlay is gone, and an F2 pressed in that moment was silently dropped.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'F7') {
        event.preventDefault();
        if (online && loaded && !leadOpen) setHistoryOpen(true);
        return;
      }
      if (event.key === 'F8') {
        event.preventDefault();
        if (online && loaded && !historyOpen) setLeadOpen(true);
        return;
      }
      if (historyOpen || leadOpen || itDeskOpen) return;
      if (event.key === 'F2') {
        event.preventDefault();
        if (!event.repeat && canSimulate) simulateCard();
      } else if (event.key === 'Escape') {
        if (event.repeat || !canClear) return;
        event.preventDefault();
        requestClear();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canSimulate, canClear, simulateCard, requestClear, online, loaded, historyOpen, leadOpen, itDeskOpen]);

  const actions = (
    <>
      {idcardSimulated && (
        <button
          type="button"
          className="button button--secondary"
          data-testid="simulate-card"
          onClick={simulateCard}
          disabled={!online || busy !== null}
          aria-busy={busy === 'simulate'}
          aria-keyshortcuts="F2"
          title={strings.clerkScreen.simulateCardHint}
        >
          {strings.devices.simulateCard}
          <kbd className="button__key">F2</kbd>
        </button>
      )}
      {hasCase && (
        <button
          type="button"
          className="button button--primary"
          data-testid="clear-case"
          data-armed={clearArmed || undefined}
          onClick={requestClear}
          disabled={!online || busy !== null}
          aria-busy={busy === 'clear'}
          aria-keyshortcuts="Escape"
          title={strings.clerkScreen.clearCaseHint}
        >
          {strings.case.clear}
          <kbd className="button__key">Esc</kbd>
        </button>
      )}
    </>
  );

  // While the connection is down the overlay explains; a stale load error would only confuse.
  const shownLoadError = online ? loadError : null;
  const overlay = connectionState !== 'open' ? <ConnectionOverlay state={connectionState} /> : null;

  const screen = (
    <div className="app">
      <div className="app__screen" inert={overlay !== null || day.overlay !== null}>
        <Header counter={day.counter} shell={data.shell} />
        <DeviceStatusBar devices={loaded ? data.devices : null} />
        {day.bar}
        {(anySimulated || showIssues || catalogueNotice || diskNotice || permissionsNotice || logNotice) && (
          <div className="app__notices">
            {anySimulated && <SimulatedBanner kinds={simulatedKinds} />}
            {showIssues && (
              <ConfigIssuesNotice
                issues={data.configIssues}
                onDismiss={() => setDismissedIssuesVersion(data.configIssuesVersion)}
              />
            )}
            {catalogueNotice}
            {diskNotice}
            {permissionsNotice}
            {logNotice}
          </div>
        )}
        <main className="app__main">
          {loaded && storageProblem ? (
            <StorageProblemPanel problem={storageProblem} />
          ) : loaded && day.gate ? (
            day.gate
          ) : loaded ? (
            <>
              <CasePanel
                api={api}
                online={online}
                shell={data.shell}
                currentCase={data.currentCase}
                restored={data.restoredCaseId !== null && data.restoredCaseId === data.currentCase?.id}
                idcardSimulated={idcardSimulated}
                actions={actions}
                signaturePad={data.devices.find((d) => d.kind === 'signature')?.state ?? null}
              />
              <PhrasePanel
                api={api}
                stage={stageForCase(data.currentCase)}
                caseKey={phraseCaseKey(data.currentCase)}
                online={online}
                extended={day.extended}
                applicantName={caseState && 'applicant' in caseState ? (caseState.applicant?.name ?? null) : null}
                itemName={caseState && 'item' in caseState ? (caseState.item?.name ?? null) : null}
                canSetPriority={caseState ? allowedIn('setPriority', caseState.phase) : false}
              />
            </>
          ) : (
            <div className="app__loading" role={shownLoadError ? 'alert' : 'status'}>
              {shownLoadError === null ? (
                <>
                  <span className="spinner" aria-hidden="true" />
                  <span>{strings.clerkScreen.loading}</span>
                </>
              ) : (
                <>
                  <span>{strings.clerkScreen.loadFailed(shownLoadError)}</span>
                  <button type="button" className="button button--primary" onClick={retryLoad}>
                    {strings.clerkScreen.retry}
                  </button>
                </>
              )}
            </div>
          )}
        </main>
        <footer className="app__footer">
          <span className="app__footer-title">{strings.shortcuts.title}</span>
          <ul className="app__shortcuts" data-testid="footer-shortcuts">
            {/* Only the keys that act on the screen shown: the case keys wait until the window is open. */}
            {counterShown && idcardSimulated && <li>{strings.shortcuts.simulateCard}</li>}
            {counterShown && hasCase && <li>{strings.shortcuts.clearCase}</li>}
            {counterShown && caseState?.phase === 'identified' && <li>{strings.caseScreen.items.footerShortcut}</li>}
            {counterShown && caseState?.phase === 'decided' && <li>{strings.signatureScreen.clerk.shortcut}</li>}
            {counterShown && <li>{strings.phrasePanel.shortcut}</li>}
            {day.shortcut && <li>{day.shortcut}</li>}
          </ul>
          <button type="button" className="button button--secondary app__history-button" data-testid="open-history" onClick={() => setHistoryOpen(true)} disabled={!online || !loaded}>
            {strings.history.open}
            <kbd className="button__key">F7</kbd>
          </button>
          <button type="button" className="button button--secondary app__lead-button" data-testid="open-lead" onClick={() => setLeadOpen(true)} disabled={!online || !loaded}>
            {strings.lead.open}
            <kbd className="button__key">F8</kbd>
          </button>
          <button type="button" className="button button--secondary app__it-desk-button" data-testid="open-it-desk" onClick={() => setItDeskOpen(true)} disabled={!online || !loaded}>
            {strings.itDesk.open}
          </button>
        </footer>
      </div>
      {historyOpen && (
        <CaseHistoryDialog api={api} onClose={() => setHistoryOpen(false)} pdfLinks={connection !== null} />
      )}
      {leadOpen && <LeadDialog api={api} shell={data.shell ?? 'electron'} onClose={() => setLeadOpen(false)} />}
      {itDeskOpen && <ItDeskDialog api={api} onClose={() => setItDeskOpen(false)} />}
      <ToastStack toasts={toasts} onDismiss={dismiss} />
      {day.overlay}
      {overlay}
    </div>
  );
  // 高拍仪 (renderer/capture): found, followed and reported from the moment the screen has loaded — sign-in and the
  // pre-shift self-check see its real state — and opened only by 拍摄 in 材料审查 or IT's 测试 in 设备与诊断.
  return (
    <CameraProvider api={api} online={online && loaded && !storageProblem}>
      {screen}
    </CameraProvider>
  );
}
