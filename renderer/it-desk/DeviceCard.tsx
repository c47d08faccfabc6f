import { useEffect, useRef, useState, type FormEvent, type JSX } from 'react';
import type { CounterApi, DeviceSetting, DeviceStatus, DeviceTestView } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import type { CaptureEnvironment } from '../capture/camera-context';
import { messageOf } from '../lead/format';
import { CameraTest } from './CameraTest';

const t = strings.itDesk;
const POLL_MS = 400;

type FieldKey = keyof typeof t.fields;
const fieldLabel = (key: string) => t.fields[key as FieldKey] ?? key;

function choiceLabel(key: string, value: string): string {
  if (key === 'mode') return t.modes[value as keyof typeof t.modes] ?? value;
  if (key === 'screenPad') return t.screenPads[value as keyof typeof t.screenPads] ?? value;
  return value;
}

const initialValues = (settings: readonly DeviceSetting[]): Record<string, string> =>
  Object.fromEntries(settings.map((s) => [s.key, s.value === null ? '' : String(s.value)]));

/**
 * One device on the IT screen: its state, and with the IT unlock its
 * settings (each wrong field gets the service's Chinese message beside it;
 * fields the centre locked are shown, not editable), 保存 and 测试.
 */
export function DeviceCard({
  api,
  status,
  settings,
  portChoices,
  centreFile,
  capture,
  onSaved,
}: {
  api: CounterApi;
  status: DeviceStatus;
  settings: readonly DeviceSetting[] | null;
  /** Paths the system sees, offered for the port field. */
  portChoices: readonly string[];
  centreFile: string | null;
  /** The page's camera (the capture panel's): the camera's 测试 runs here, in the page, since only the page sees cameras. */
  capture: CaptureEnvironment | null;
  onSaved: () => void;
}): JSX.Element {
  const kind = status.kind;
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(settings ?? []));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<DeviceTestView | null>(null);
  const [cameraTest, setCameraTest] = useState(false);
  const timer = useRef<number | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
  }, []);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!settings || saving) return;
    setSaving(true);
    setMessage(null);
    // Locked fields are not sent: the centre decides them.
    const sent = Object.fromEntries(settings.filter((s) => !s.locked).map((s) => [s.key, values[s.key] ?? '']));
    api
      .invoke('saveDeviceSettings', { kind, values: sent })
      .then(
        (result) => {
          setIssues(Object.fromEntries(result.issues.map((i) => [i.field, i.message])));
          setMessage({ ok: result.ok, text: result.message });
          if (result.ok) onSaved();
        },
        (error: unknown) => setMessage({ ok: false, text: messageOf(error) }),
      )
      .finally(() => setSaving(false));
  };

  const poll = () => {
    timer.current = window.setTimeout(() => {
      api.invoke('getDeviceTest', { kind }).then(
        (view) => {
          setTest(view);
          if (view.state === 'running') poll();
        },
        (error: unknown) => setTest({ kind, state: 'failed', message: messageOf(error) }),
      );
    }, POLL_MS);
  };
  const runTest = () => {
    if (kind === 'camera') {
      setCameraTest(true);
      return;
    }
    setTest({ kind, state: 'running', message: t.testing });
    api.invoke('testDevice', { kind }).then(
      (view) => {
        setTest(view);
        if (view.state === 'running') poll();
      },
      (error: unknown) => setTest({ kind, state: 'failed', message: messageOf(error) }),
    );
  };

  const endCameraTest = () => {
    setCameraTest(false);
    // Ended before a picture came: nothing passed or failed.
    setTest((view) => (view?.state === 'running' ? null : view));
  };

  const listId = `it-ports-${kind}`;
  return (
    <article className={`it-device it-device--${status.state}`} data-testid={`it-device-${kind}`}>
      <header className="it-device__head">
        <h3>{strings.deviceKinds[kind]}</h3>
        <span className={`it-device__state it-device__state--${status.state}`} data-testid={`it-device-state-${kind}`}>
          {t.states[status.state]}
        </span>
        {status.driver && <span className="it-device__driver">{status.driver}</span>}
      </header>
      {status.reason && <p className="it-device__reason">{status.reason}</p>}
      {status.detail && (
        <p className="it-device__detail" data-testid={`it-device-detail-${kind}`}>
          {status.detail}
        </p>
      )}
      {settings && (
        <form className="it-device__form" onSubmit={save} noValidate>
          {settings.map((s) => (
            <label key={s.key} className={`it-field${issues[s.key] ? ' it-field--wrong' : ''}`}>
              <span className="it-field__name">{fieldLabel(s.key)}</span>
              {s.type === 'choice' ? (
                <select value={values[s.key] ?? ''} disabled={s.locked} onChange={(e) => setValues({ ...values, [s.key]: e.target.value })} data-testid={`it-field-${kind}-${s.key}`}>
                  {(s.choices ?? []).map((c) => (
                    <option key={c} value={c}>
                      {choiceLabel(s.key, c)}
                    </option>
                  ))}
                </select>
              ) : s.type === 'boolean' ? (
                <select value={values[s.key] ?? ''} disabled={s.locked} onChange={(e) => setValues({ ...values, [s.key]: e.target.value })} data-testid={`it-field-${kind}-${s.key}`}>
                  <option value="">—</option>
                  <option value="true">是</option>
                  <option value="false">否</option>
                </select>
              ) : (
                <input
                  value={values[s.key] ?? ''}
                  disabled={s.locked}
                  inputMode={s.type === 'number' ? 'decimal' : undefined}
                  list={s.key === 'port' && portChoices.length > 0 ? listId : undefined}
                  onChange={(e) => setValues({ ...values, [s.key]: e.target.value })}
                  data-testid={`it-field-${kind}-${s.key}`}
                  aria-invalid={issues[s.key] ? true : undefined}
                />
              )}
              <span className="it-field__source">{s.locked && centreFile ? t.lockedField(centreFile) : t.source[s.source]}</span>
              {issues[s.key] && (
                <span className="it-field__issue" role="alert" data-testid={`it-field-issue-${kind}-${s.key}`}>
                  {issues[s.key]}
                </span>
              )}
            </label>
          ))}
          {portChoices.length > 0 && (
            <datalist id={listId}>
              {portChoices.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          )}
          {Object.entries(issues)
            .filter(([key]) => !settings.some((s) => s.key === key))
            .map(([key, text]) => (
              <p key={key} className="it-desk__problem" role="alert">
                {key}：{text}
              </p>
            ))}
          <div className="it-device__actions">
            <button type="submit" className="button button--primary" disabled={saving} data-testid={`it-save-${kind}`}>
              {saving ? t.saving : t.save}
            </button>
            {(kind !== 'camera' || capture) && (
              <button type="button" className="button button--secondary" disabled={test?.state === 'running' || cameraTest} onClick={runTest} data-testid={`it-test-${kind}`}>
                {test?.state === 'running' ? t.testing : t.test}
              </button>
            )}
          </div>
          {message && (
            <p className={message.ok ? 'it-desk__ok' : 'it-desk__problem'} role="status" data-testid={`it-save-message-${kind}`}>
              {message.text}
            </p>
          )}
          {cameraTest && capture && <CameraTest environment={capture} onResult={setTest} onEnd={endCameraTest} />}
          {test && test.state !== 'idle' && (
            <p className={`it-test it-test--${test.state}`} role="status" data-testid={`it-test-result-${kind}`}>
              {test.message}
            </p>
          )}
        </form>
      )}
    </article>
  );
}
