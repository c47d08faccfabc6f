import { useEffect, useRef, useState, type JSX } from 'react';
import type { CounterApi, DayCountsView, HistoryRowView } from '../../../shared/contract';
import { localIsoDate } from '../../../shared/domain/calendar/iso-date';
import { formatTimeOfDay } from '../../../shared/domain/service-day/time';
import { strings } from '../../../shared/i18n';
import { DialogSheet } from '../../components/DialogSheet';
import { SlipSignaturePanel, SlipSignatureTag } from './SlipSignature';
import './history.css';

const h = strings.history;
const hc = strings.camera.captures.history;
const OUTCOMES = ['accept', 'tolerate', 'notify', 'reject', 'abandoned', 'open'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** Today in local time as YYYY-MM-DD. */
function today(): string {
  return localIsoDate(new Date());
}

function time(iso: string): string {
  const d = new Date(iso);
  return h.rowTime(d.getMonth() + 1, d.getDate(), formatTimeOfDay(d));
}

function outcomeOf(row: HistoryRowView): string {
  if (row.status === 'abandoned') return h.outcomes.abandoned!;
  return row.outcome ? (h.outcomes[row.outcome] ?? row.outcome) : h.outcomes.open!;
}

/**
 * 办件记录: the window's past cases, searched by what the clerk remembers,
 * with today's counts by outcome. Numbers are masked as everywhere; in the
 * web shell each archived slip opens as its PDF.
 */
export function CaseHistoryDialog({ api, onClose, pdfLinks }: { api: CounterApi; onClose: () => void; pdfLinks: boolean }): JSX.Element {
  const [text, setText] = useState('');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [rows, setRows] = useState<HistoryRowView[] | null>(null);
  const [counts, setCounts] = useState<DayCountsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The slip whose signature is open below the table.
  const [signatureOf, setSignatureOf] = useState<{ id: number; number: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    void api.invoke('caseDayCounts', { date: today() }).then(setCounts, () => setCounts(null));
  }, [api]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api
        .invoke('searchCases', { text: text || undefined, from: from || undefined, to: to || undefined, outcome: outcome || undefined, limit: 100 })
        .then(
          (result) => current && (setRows(result), setError(null)),
          (e: unknown) => current && setError((e as Error).message),
        );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text, from, to, outcome]);

  return (
    <DialogSheet className="history" labelledBy="history-title" testId="case-history" onClose={onClose}>
      <header className="history__head">
        <h2 id="history-title">{h.title}</h2>
        <button type="button" className="button button--secondary" onClick={onClose} data-testid="history-close">
          {h.close}
          <kbd className="button__key">Esc</kbd>
        </button>
      </header>
      {counts && (
        <div className="history__counts" data-testid="history-counts">
          <span className="history__counts-title">{h.today(counts.date)}</span>
          {(['total', 'accept', 'tolerate', 'notify', 'reject', 'abandoned', 'open'] as const).map((k) => (
            <span key={k} className="history__count" data-kind={k}>
              {h.counts[k]} <b>{counts[k]}</b>
            </span>
          ))}
        </div>
      )}
      <div className="history__filters">
        <label className="history__search">
          <span>{h.search}</span>
          <input ref={input} value={text} onChange={(e) => setText(e.target.value)} placeholder={h.searchPlaceholder} data-testid="history-search" />
        </label>
        <label>
          <span>{h.from}</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="history-from" />
        </label>
        <label>
          <span>{h.to}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="history-to" />
        </label>
        <label>
          <span>{h.outcome}</span>
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome | '')} data-testid="history-outcome">
            <option value="">{h.anyOutcome}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {h.outcomes[o]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="history__table-wrap">
        {error ? (
          <p role="alert" className="history__note">
            {error}
          </p>
        ) : rows === null ? (
          <p className="history__note">{h.loading}</p>
        ) : rows.length === 0 ? (
          <p className="history__note" data-testid="history-empty">
            {h.empty}
          </p>
        ) : (
          <table className="history__table" data-testid="history-table">
            <thead>
              <tr>
                <th>{h.columns.id}</th>
                <th>{h.columns.openedAt}</th>
                <th>{h.columns.applicant}</th>
                <th>{h.columns.idNumber}</th>
                <th>{h.columns.item}</th>
                <th>{h.columns.outcome}</th>
                <th>{h.columns.slips}</th>
                <th>{hc.column}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid={`history-row-${row.id}`}>
                  <td className="history__mono">{row.id}</td>
                  <td>{time(row.openedAt)}</td>
                  <td>{row.applicantName ?? h.noSlip}</td>
                  <td className="history__mono">{row.applicantIdMasked ?? h.noSlip}</td>
                  <td>{row.itemName ?? h.noSlip}</td>
                  <td>{outcomeOf(row)}</td>
                  <td>
                    {row.slips.length === 0
                      ? h.noSlip
                      : row.slips.map((slip) => (
                          <span key={slip.id} className="history__slip" data-testid={`history-slip-${slip.id}`} data-signature={slip.signature}>
                            {pdfLinks ? (
                              <a href={`/slips/${slip.id}.pdf`} target="_blank" rel="noreferrer">
                                {slip.number}
                              </a>
                            ) : (
                              slip.number
                            )}
                            <SlipSignatureTag state={slip.signature} onOpen={() => setSignatureOf({ id: slip.id, number: slip.number })} />
                          </span>
                        ))}
                  </td>
                  <td>
                    {!row.captures?.length
                      ? h.noSlip
                      : row.captures.map((c) => (
                          <span key={c.materialId} className="history__slip" data-testid={`history-capture-${row.id}-${c.materialId}`} data-purged={c.purged}>
                            {pdfLinks && !c.purged ? (
                              <a href={`/captures/${encodeURIComponent(row.id)}/${c.materialId}.pdf`} target="_blank" rel="noreferrer" title={hc.openPdf(c.materialName)}>
                                {hc.entry(c.materialName, c.pages, time(c.capturedAt))}
                              </a>
                            ) : (
                              hc.entry(c.materialName, c.pages, time(c.capturedAt))
                            )}
                            {c.purged && <span className="history__note">{hc.purged}</span>}
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {signatureOf && <SlipSignaturePanel key={signatureOf.id} api={api} slipId={signatureOf.id} number={signatureOf.number} onClose={() => setSignatureOf(null)} />}
      </div>
    </DialogSheet>
  );
}
