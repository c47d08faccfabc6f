import { useCallback, type JSX } from 'react';
import type { CounterApi } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { dateTime } from './format';
import { useLeadList } from './use-lead-list';

const v = strings.lead.voidNumbers;

/**
 * 作废编号: every slip number that was taken but never issued (a render or
 * archive failure, a locked database, a crash), with its case, kind, time
 * and reason — numbered official documents have no silent gaps.
 */
export function VoidNumbersTab({ api, onError }: { api: CounterApi; onError: (error: unknown) => void }): JSX.Element {
  const fetchList = useCallback(() => api.invoke('listVoidSlipNumbers', {}), [api]);
  const { data: list, problem, load } = useLeadList(fetchList, onError);

  return (
    <div className="lead-tab lead-void" data-testid="lead-void-numbers">
      <div className="lead__filters lead-void__head">
        <p className="lead__note">{v.lead}</p>
        <button type="button" className="button button--secondary" onClick={load} data-testid="lead-void-refresh">
          {v.refresh}
        </button>
      </div>
      {problem ? (
        <p role="alert" className="lead__problem">
          {problem}
        </p>
      ) : list === null ? (
        <p className="lead__note">{v.loading}</p>
      ) : list.numbers.length === 0 ? (
        <p className="lead__note" data-testid="lead-void-empty">
          {v.empty}
        </p>
      ) : (
        <>
          <p className="lead__note" data-testid="lead-void-count">
            {v.shown(list.numbers.length, list.total)}
          </p>
          <div className="lead__scroll">
            <table className="lead__table" data-testid="lead-void-table">
              <thead>
                <tr>
                  <th>{v.columns.number}</th>
                  <th>{v.columns.caseId}</th>
                  <th>{v.columns.kind}</th>
                  <th>{v.columns.voidedAt}</th>
                  <th>{v.columns.reason}</th>
                </tr>
              </thead>
              <tbody>
                {list.numbers.map((n) => (
                  <tr key={n.number} data-testid="lead-void-row">
                    <th scope="row">{n.number}</th>
                    <td>{n.caseId ?? v.noCase}</td>
                    <td>{n.kind ? strings.slips.titles[n.kind] : v.unknownKind}</td>
                    <td>{dateTime(n.voidedAt)}</td>
                    <td className="lead-void__reason">
                      {n.reason}
                      {n.pdfSetAside && <span className="lead-void__aside">{v.setAside(n.pdfSetAside)}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
