import { useCallback, useEffect, useState, type JSX } from 'react';
import type { CounterApi, DeviceDesk, ItSession } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { browserEnvironment, useCameraState, useCaptureEnvironment, type CaptureEnvironment } from '../capture/camera-context';
import { DialogSheet } from '../components/DialogSheet';
import { messageOf } from '../lead/format';
import { CandidatesPanel } from './CandidatesPanel';
import { DeviceCard } from './DeviceCard';
import { ItUnlock } from './ItUnlock';
import './it-desk.css';

const t = strings.itDesk;

/**
 * 设备与诊断: every device with its state for anyone at the counter (状态);
 * after IT's unlock, each device's settings with 保存 and 测试, what the
 * system sees, and the diagnostic bundle. Closing it (关闭, Esc) ends the IT
 * unlock: the clerk's screen behind it must not keep IT's tools open.
 */
export function ItDeskDialog({ api, onClose }: { api: CounterApi; onClose: () => void }): JSX.Element {
  const [session, setSession] = useState<ItSession | null>(null);
  const [desk, setDesk] = useState<DeviceDesk | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState(false);
  const [bundle, setBundle] = useState<{ ok: boolean; text: string } | null>(null);
  const [bundling, setBundling] = useState(false);
  // The clerk screen's camera (CameraProvider), so 测试 opens the camera exactly as 拍摄 does; the page's own where there is none.
  const provided = useCaptureEnvironment();
  const [capture] = useState<CaptureEnvironment>(() => provided ?? browserEnvironment(api));
  const cameraSettings = useCameraState(capture.camera).settings;

  const load = useCallback(() => {
    Promise.all([api.invoke('getItSession', {}), api.invoke('getDeviceDesk', {})]).then(
      ([s, d]) => {
        setSession(s);
        setDesk(d);
        setProblem(null);
      },
      (error: unknown) => setProblem(messageOf(error)),
    );
  }, [api]);
  useEffect(load, [load]);

  // The states follow the devices live (a saved device restarting, a reader unplugged).
  useEffect(
    () =>
      api.on('devices.changed', (statuses) =>
        setDesk((d) => (d ? { ...d, devices: d.devices.map((entry) => ({ ...entry, status: statuses.find((s) => s.kind === entry.status.kind) ?? entry.status })) } : d)),
      ),
    [api],
  );

  const close = useCallback(() => {
    if (session?.it) void api.invoke('lockIt', {}).catch(() => undefined);
    onClose();
  }, [api, onClose, session]);

  const lock = () => {
    void api.invoke('lockIt', {}).then(() => load(), (error: unknown) => setProblem(messageOf(error)));
  };

  const writeBundle = () => {
    setBundling(true);
    setBundle(null);
    api
      .invoke('writeDiagnosticBundle', {})
      .then(
        (result) => setBundle({ ok: result.ok, text: result.message }),
        (error: unknown) => setBundle({ ok: false, text: messageOf(error) }),
      )
      .finally(() => setBundling(false));
  };

  const it = session?.it ?? null;
  const candidates = desk?.candidates ?? null;
  const portChoices = candidates ? [...candidates.serial.map((d) => d.path), ...candidates.hid.filter((d) => d.path).map((d) => `hid:${d.path}`)] : [];
  return (
    <DialogSheet className="it-desk" labelledBy="it-desk-title" testId="it-desk" onClose={close}>
      <header className="it-desk__head">
        <h2 id="it-desk-title">{t.title}</h2>
        {it && session && (
          <span className="it-desk__who" data-testid="it-who">
            {t.signedInAs(it.name, it.staffNo)} · {t.idleNote(session.idleMinutes)}
          </span>
        )}
        {it ? (
          <>
            <button type="button" className="button button--secondary" onClick={writeBundle} disabled={bundling} data-testid="it-bundle">
              {bundling ? t.bundle.writing : t.bundle.button}
            </button>
            <button type="button" className="button button--secondary" onClick={lock} data-testid="it-lock">
              {t.lock}
            </button>
          </>
        ) : (
          !unlocking && (
            <button type="button" className="button button--primary" onClick={() => setUnlocking(true)} data-testid="it-open-unlock">
              {t.unlockOpen}
            </button>
          )
        )}
        <button type="button" className="button button--secondary" onClick={close} data-testid="it-close">
          {t.exit}
          <kbd className="button__key">Esc</kbd>
        </button>
      </header>
      {problem && (
        <p className="it-desk__problem" role="alert">
          {problem}
        </p>
      )}
      {bundle && (
        <p className={bundle.ok ? 'it-desk__ok' : 'it-desk__problem'} role="status" data-testid="it-bundle-message">
          {bundle.text}
        </p>
      )}
      {!it && unlocking && (
        <ItUnlock
          api={api}
          session={session}
          onUnlocked={(next) => {
            setSession(next);
            setUnlocking(false);
            load();
          }}
          onCancel={() => setUnlocking(false)}
        />
      )}
      {!it && !unlocking && <p className="it-desk__note" data-testid="it-read-only">{t.readOnlyNote}</p>}
      <div className="it-desk__body">
        <div className="it-desk__devices" data-testid="it-devices">
          {desk?.devices.map((entry) => (
            <DeviceCard
              key={`${entry.status.kind}:${entry.settings ? 'it' : 'status'}`}
              api={api}
              status={entry.status}
              settings={entry.settings}
              portChoices={portChoices}
              centreFile={desk.centreFile}
              capture={capture}
              onSaved={() => {
                // Where each value now comes from (本窗口配置); the card keeps what was typed and its message.
                api.invoke('getDeviceDesk', {}).then(setDesk, () => undefined);
                // The page chooses the camera: it reads the new devices.camera and reports under it.
                if (entry.status.kind === 'camera') void capture.camera.reload?.().catch(() => undefined);
              }}
            />
          ))}
        </div>
        {candidates && <CandidatesPanel candidates={candidates} cameraSettings={cameraSettings} />}
      </div>
    </DialogSheet>
  );
}
