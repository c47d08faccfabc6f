import { useState, type FormEvent, type JSX } from 'react';
import type { CounterApi, ExportResult, ShellKind } from '../../shared/contract';
import { CODE_DIRECTIONS, type CodeDirection } from '../../shared/domain/evaluation';
import { monthRange } from '../../shared/domain/lead/chart';
import { strings } from '../../shared/i18n';
import { messageOf, today } from './format';

const x = strings.lead.export;
const FORMATS = ['xlsx', 'csv', 'exchange'] as const;
type Format = (typeof FORMATS)[number];

/**
 * 导出: XLSX, CSV or the GB/T 39046 exchange file of a date range. The
 * exchange file's level-code direction has no default: national and
 * provincial codes are opposite, and a wrong guess inverts every rating.
 */
export function ExportTab({ api, shell, onError }: { api: CounterApi; shell: ShellKind; onError: (error: unknown) => void }): JSX.Element {
  const [format, setFormat] = useState<Format>('xlsx');
  const [direction, setDirection] = useState<CodeDirection | ''>('');
  const [range, setRange] = useState(() => monthRange(today()));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (format === 'exchange' && !direction) return setMessage({ ok: false, text: x.directionRequired });
    setBusy(true);
    setMessage(null);
    setResult(null);
    api
      .invoke('exportRatings', { format, from: range.from, to: range.to, ...(format === 'exchange' && direction ? { codeDirection: direction } : {}) })
      .then(
        (r) => {
          setMessage({ ok: r.ok, text: r.message });
          if (r.ok) setResult(r);
        },
        (error: unknown) => {
          setMessage({ ok: false, text: messageOf(error) });
          onError(error);
        },
      )
      .finally(() => setBusy(false));
  };

  const saveAs = (fileName: string) => {
    api.invoke('saveExport', { fileName }).then(
      (r) => setMessage({ ok: r.ok, text: r.message }),
      (error: unknown) => {
        setMessage({ ok: false, text: messageOf(error) });
        onError(error);
      },
    );
  };

  return (
    <form className="lead-tab lead-export" onSubmit={submit} data-testid="lead-export">
      <fieldset className="lead-export__group">
        <legend>{x.format}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="lead-export__choice">
            <input type="radio" name="format" checked={format === f} onChange={() => setFormat(f)} data-testid={`lead-export-format-${f}`} />
            {x.formats[f]}
          </label>
        ))}
      </fieldset>
      {format === 'exchange' && (
        <fieldset className="lead-export__group" data-testid="lead-export-direction">
          <legend>{x.direction}</legend>
          {CODE_DIRECTIONS.map((d) => (
            <label key={d} className="lead-export__choice">
              <input type="radio" name="direction" checked={direction === d} onChange={() => setDirection(d)} data-testid={`lead-export-direction-${d}`} />
              {x.directions[d]}
            </label>
          ))}
        </fieldset>
      )}
      <div className="lead__filters">
        <label>
          <span>{x.from}</span>
          <input type="date" value={range.from} required onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} data-testid="lead-export-from" />
        </label>
        <label>
          <span>{x.to}</span>
          <input type="date" value={range.to} required onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} data-testid="lead-export-to" />
        </label>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy} data-testid="lead-export-submit">
          {busy ? x.exporting : x.submit}
        </button>
      </div>
      <p className="lead__note">{x.note}</p>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'lead__ok' : 'lead__problem'} data-testid="lead-export-message">
          {message.text}
        </p>
      )}
      {result &&
        (shell === 'web' && result.download ? (
          <a className="button button--secondary lead-export__download" href={result.download} download data-testid="lead-export-download">
            {x.download(result.fileName)}
          </a>
        ) : (
          <button type="button" className="button button--secondary lead-export__download" onClick={() => saveAs(result.fileName)} data-testid="lead-export-save">
            {x.saveAs(result.fileName)}
          </button>
        ))}
    </form>
  );
}
