import { useEffect, useId, useRef, useState, type JSX } from 'react';
import type { SignatureSource, SigningResult, SigningView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { InkCanvas, type InkCanvasHandle } from '../../components/ink/InkCanvas';
import { useScreenPad } from '../../components/ink/use-screen-pad';
import { useInkStrokes } from '../../components/ink/ink-store';
import { ActionMessage, escCloses, useCaseActions } from '../case/case-actions';
import { formatTimestamp } from '../format';
import { useSigning } from './signing-context';
import './signature.css';

const s = strings.signatureScreen.clerk;
const SOURCES: readonly SignatureSource[] = ['pad', 'screen'];
const ACTION_SOURCES = ['signature-start', 'signature-simulate', 'signature-reset', 'signature-confirm', 'signature-cancel', 'signature-waive'];

/** Pad states in which the pad can take a signature. */
const PAD_READY = new Set(['connected', 'simulated']);

/**
 * 签名, between the decision and the slip: 请申请人签名 (on the pad or the
 * citizen screen), the ink as it arrives, 模拟签名 on the simulated pad,
 * 请重签, 确认 on the applicant's behalf, or 未签名原因; then 已签名 with the
 * time and 签名校验码, or the reason. F6 starts (and, with ink, confirms).
 */
export function SignatureSection(): JSX.Element | null {
  const signing = useSigning();
  const { api, request, busy, online } = useCaseActions();
  const id = useId();
  const padReady = signing?.pad != null && PAD_READY.has(signing.pad);
  const [chosen, setSource] = useState<SignatureSource>('pad');
  // Without a working pad the screen is the only place to sign.
  const source: SignatureSource = padReady ? chosen : 'screen';
  const [waiving, setWaiving] = useState(false);
  const view = signing?.view ?? null;
  const ink = signing?.ink;
  // The stroke count beside the box (and whether 确认 makes sense) follows the ink without re-rendering per point.
  const strokes = useInkStrokes(ink);
  // A counter with no second screen (devices.signature.screenPad 'clerk'): the applicant signs in this box.
  const canvas = useRef<InkCanvasHandle>(null);
  const padHere = view?.source === 'screen' && view.screenPad === 'clerk' && view.phase === 'signing';
  const screenPad = useScreenPad({ api, view, ink, canvas, active: padHere });

  const call = (name: string, run: () => Promise<SigningResult>, quiet = false) =>
    request(
      name,
      async () => {
        const result = await run();
        if (result.signing) signing?.show(result.signing);
        return result;
      },
      // 已签名 / 已记录 show as the section's own state: no second line saying the same.
      quiet ? { okText: () => '' } : {},
    );
  const start = () => call('signature-start', () => api.invoke('startSigning', { source }));
  const confirm = () => {
    screenPad.flush();
    return call('signature-confirm', () => api.invoke('confirmSignature', {}), true);
  };

  // Keyboard-first: F6 asks for the signature, and once there is ink keeps it.
  const keys = useRef({ start, confirm, phase: view?.phase, strokes, ready: false });
  useEffect(() => {
    keys.current = { start, confirm, phase: view?.phase, strokes, ready: online && busy === null && !waiving };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'F6' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      // Not while a dialog (办件记录, 组长查看, 暂停) is over the case.
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      const k = keys.current;
      if (!k.ready) return;
      if (k.phase === 'idle') void k.start();
      else if (k.phase === 'signing' && k.strokes > 0) void k.confirm();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // The box comes into view when the applicant is asked (the column may be scrolled).
  const section = useRef<HTMLElement>(null);
  const phase = view?.phase;
  useEffect(() => {
    if (phase === 'signing' || phase === 'signed') section.current?.scrollIntoView?.({ block: 'nearest' });
  }, [phase]);

  if (!signing || !view || !ink) return null;
  const disabled = !online || busy !== null;
  const sourceName = (v: SigningView) => (v.source === 'pad' ? (v.padName ?? s.sources.pad!) : v.screenPad === 'clerk' ? s.thisScreen : s.sources.screen!);

  return (
    <section ref={section} className="signature-section" data-testid="signature-section" data-phase={view.phase} aria-labelledby={`${id}-title`}>
      <h3 className="case-section-title" id={`${id}-title`}>
        {s.title}
        <span className={`tag ${view.required ? 'tag--warning' : 'tag--plain'}`} data-testid="signature-required" data-required={view.required}>
          {view.required ? s.required : s.optional}
        </span>
      </h3>
      {view.message && (
        <p className="signature-section__message" role="status" data-testid="signature-message">
          {view.message}
        </p>
      )}

      {view.phase === 'idle' && !waiving && (
        <div className="signature-section__row">
          {padReady && (
            <div className="case-segmented" role="radiogroup" aria-label={s.chooseSource}>
              {SOURCES.map((option) => (
                <label key={option} className={`case-segmented__option${source === option ? ' case-segmented__option--on' : ''}`}>
                  <input type="radio" name={`${id}-source`} value={option} data-testid={`signature-source-${option}`} checked={source === option} onChange={() => setSource(option)} />
                  <span>{s.sources[option]}</span>
                </label>
              ))}
            </div>
          )}
          <button type="button" className="button button--primary" data-testid="signature-start" title={s.startHint} disabled={disabled} onClick={() => void start()}>
            {s.start}
            <kbd className="button__key">F6</kbd>
          </button>
          <button type="button" className="link-button" data-testid="signature-waive-open" disabled={disabled} onClick={() => setWaiving(true)}>
            {s.waive}
          </button>
        </div>
      )}

      {view.phase === 'signing' && !waiving && (
        <>
          <p className="signature-section__where" data-testid="signature-where">
            {s.signingOn(sourceName(view))}
            <span className="signature-section__count" data-testid="signature-strokes" data-strokes={strokes}>
              {strokes === 0 ? s.waiting : s.inkCount(strokes)}
            </span>
          </p>
          <InkCanvas
            ref={canvas}
            store={ink}
            aspect={view.aspect}
            label={s.boxLabel}
            testId="signature-ink"
            className={`signature-section__ink${padHere ? ' signature-section__ink--pad' : ''}`}
            style={{ aspectRatio: String(view.aspect) }}
            {...screenPad.handlers}
          />
          <div className="signature-section__row">
            {view.source === 'pad' && signing.pad === 'simulated' && (
              <button type="button" className="button button--secondary" data-testid="signature-simulate" title={s.simulateHint} disabled={disabled} onClick={() => void call('signature-simulate', () => api.invoke('simulateSignature', {}))}>
                {s.simulate}
              </button>
            )}
            <button type="button" className="button button--secondary" data-testid="signature-reset" disabled={disabled || strokes === 0} onClick={() => void call('signature-reset', () => api.invoke('resetSignature', {}))}>
              {s.reset}
            </button>
            <button type="button" className="button button--primary" data-testid="signature-confirm" title={s.confirmHint} disabled={disabled || strokes === 0} onClick={() => void confirm()}>
              {s.confirm}
              <kbd className="button__key">F6</kbd>
            </button>
          </div>
          <div className="signature-section__row signature-section__row--quiet">
            <button type="button" className="link-button" data-testid="signature-cancel" disabled={disabled} onClick={() => void call('signature-cancel', () => api.invoke('cancelSigning', {}))}>
              {s.cancel}
            </button>
            <button type="button" className="link-button" data-testid="signature-waive-open" disabled={disabled} onClick={() => setWaiving(true)}>
              {s.waive}
            </button>
          </div>
        </>
      )}

      {view.phase === 'signed' && (
        <div className="signature-section__done" data-testid="signature-signed">
          <span className="tag tag--ok">{s.signed}</span>
          <InkCanvas store={ink} aspect={view.aspect} label={s.boxLabel} testId="signature-ink" className="signature-section__ink signature-section__ink--kept" style={{ aspectRatio: String(view.aspect) }} />
          <dl className="signature-section__facts">
            {view.signedAt && (
              <div>
                <dd data-testid="signature-time">{s.signedAt(formatTimestamp(view.signedAt))}</dd>
              </div>
            )}
            {view.verificationCode && (
              <div>
                <dt>{s.code}</dt>
                <dd className="signature-section__code" data-testid="signature-code">
                  {view.verificationCode}
                </dd>
              </div>
            )}
          </dl>
        </div>
      )}

      {view.phase === 'waived' && (
        <div className="signature-section__done" data-testid="signature-waived">
          <span className="tag tag--warning">{s.waived}</span>
          <span data-testid="signature-waived-reason">{s.waivedReason(view.waivedReason ?? '')}</span>
        </div>
      )}

      {(view.phase === 'signed' || view.phase === 'waived') && (
        <div className="signature-section__row signature-section__row--quiet">
          <button type="button" className="link-button" data-testid="signature-redo" disabled={disabled} onClick={() => void call('signature-start', () => api.invoke('startSigning', { source }))}>
            {s.redo}
          </button>
        </div>
      )}

      {waiving && (view.phase === 'idle' || view.phase === 'signing') && (
        <WaiveForm
          disabled={disabled}
          onCancel={() => setWaiving(false)}
          onSave={async (reason) => {
            const result = await call('signature-waive', () => api.invoke('waiveSignature', { reason }), true);
            if (result) setWaiving(false);
          }}
        />
      )}
      <ActionMessage source={ACTION_SOURCES} />
    </section>
  );
}

/** 未签名原因: the common reasons, or the clerk's own words (printed on the slip in the signature line). */
function WaiveForm({ disabled, onCancel, onSave }: { disabled: boolean; onCancel(): void; onSave(reason: string): Promise<void> }): JSX.Element {
  const id = useId();
  const [choice, setChoice] = useState<string>(s.reasons[0]!);
  const [other, setOther] = useState('');
  const [problem, setProblem] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const reason = choice === s.other ? other.trim() : choice;
  const save = () => {
    if (reason.length < 2) {
      setProblem(s.reasonTooShort);
      return;
    }
    setProblem('');
    void onSave(reason);
  };
  return (
    <form
      className="signature-waive"
      data-testid="signature-waive"
      onKeyDown={escCloses(onCancel)}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <fieldset>
        <legend>{s.waiveTitle}</legend>
        {[...s.reasons, s.other].map((option, i) => (
          <label key={option} className="signature-waive__option">
            <input
              ref={i === 0 ? first : undefined}
              type="radio"
              name={`${id}-reason`}
              value={option}
              data-testid={`signature-reason-${i}`}
              checked={choice === option}
              onChange={() => setChoice(option)}
            />
            <span>{option}</span>
          </label>
        ))}
        {choice === s.other && (
          <input
            className="signature-waive__other"
            data-testid="signature-reason-text"
            aria-label={s.otherReason}
            placeholder={s.otherPlaceholder}
            maxLength={60}
            value={other}
            autoFocus
            onChange={(e) => setOther(e.target.value)}
          />
        )}
      </fieldset>
      {problem && (
        <p className="case-message case-message--warning" role="alert" data-testid="signature-waive-problem">
          {problem}
        </p>
      )}
      <div className="signature-section__row">
        <button type="submit" className="button button--primary button--small" data-testid="signature-waive-save" disabled={disabled}>
          {s.waiveSave}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          {s.waiveCancel}
        </button>
      </div>
    </form>
  );
}
