import { useEffect, useState, type JSX } from 'react';
import type { CounterApi, SlipSignatureState, SlipSignatureView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { formatTimestamp } from '../format';

const g = strings.signatureScreen.history;

/** A slip's signature state in 办件记录: 已签名, 未签名 (the reason is in the opened record), or nothing. */
export function SlipSignatureTag({ state, onOpen }: { state: SlipSignatureState; onOpen(): void }): JSX.Element {
  if (state === 'none') return <span className="history__sig history__sig--none" data-state="none">{g.none}</span>;
  return (
    <button type="button" className="history__sig" data-state={state} data-testid="history-signature" title={g.open} onClick={onOpen}>
      {state === 'signed' ? g.signed : strings.signatureScreen.clerk.waived}
    </button>
  );
}

/**
 * The signature of one issued slip, verified now (getSlipSignature): the
 * image, the time, 签名校验码, the device — or why it was not signed — and
 * whether the record and the slip it signs are unchanged.
 */
export function SlipSignaturePanel({ api, slipId, number, onClose }: { api: CounterApi; slipId: number; number: string; onClose(): void }): JSX.Element {
  const [result, setResult] = useState<{ message: string; signature: SlipSignatureView | null } | null>(null);
  useEffect(() => {
    let current = true;
    api.invoke('getSlipSignature', { slipId }).then(
      (r) => current && setResult(r),
      (e: unknown) => current && setResult({ message: (e as Error).message, signature: null }),
    );
    return () => {
      current = false;
    };
  }, [api, slipId]);
  const sig = result?.signature ?? null;
  return (
    <section className="history__signature" data-testid="history-signature-panel" aria-label={g.title}>
      <header>
        <h3>
          {g.title} · {number}
        </h3>
        <button type="button" className="button button--secondary button--small" onClick={onClose} data-testid="history-signature-close">
          {g.close}
        </button>
      </header>
      {result === null ? (
        <p className="history__note">{g.loading}</p>
      ) : !sig ? (
        <p role="alert">{result.message}</p>
      ) : (
        <div className="history__signature-body">
          {sig.image && <img src={sig.image} alt={g.imageAlt} data-testid="history-signature-image" />}
          <dl>
            {sig.state === 'waived' && (
              <div>
                <dt>{strings.signatureScreen.clerk.waived}</dt>
                <dd data-testid="history-signature-reason">{g.unsigned(sig.waivedReason ?? '')}</dd>
              </div>
            )}
            {sig.signedAt && (
              <div>
                <dt>{g.time}</dt>
                <dd>{formatTimestamp(sig.signedAt)}</dd>
              </div>
            )}
            {sig.verificationCode && (
              <div>
                <dt>{g.code}</dt>
                <dd className="history__mono" data-testid="history-signature-code">
                  {sig.verificationCode}
                </dd>
              </div>
            )}
            {sig.device && (
              <div>
                <dt>{g.device}</dt>
                <dd>{sig.device}</dd>
              </div>
            )}
            {sig.state === 'signed' && (
              <div>
                <dt>{g.points}</dt>
                <dd>{sig.points}</dd>
              </div>
            )}
          </dl>
          <p className={`history__verify history__verify--${sig.verified ? 'ok' : 'bad'}`} data-testid="history-signature-verified" data-verified={sig.verified}>
            {sig.verified ? g.verified : `${g.failed}：${sig.problem}`}
          </p>
        </div>
      )}
    </section>
  );
}
