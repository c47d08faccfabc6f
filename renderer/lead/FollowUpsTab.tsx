import { useCallback, useState, type JSX } from 'react';
import type { CounterApi, FollowUpView } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { FollowUpEditor } from './FollowUpEditor';
import { useLeadList } from './use-lead-list';

const f = strings.lead.followUps;
const ev = strings.evaluation;

export type FollowUpFilter = 'pending' | 'overdue' | 'closed';
const FILTERS: FollowUpFilter[] = ['pending', 'overdue', 'closed'];

/** What a filter shows: 待处理 all open ones, 逾期 the open ones past their deadline, 已办结 the closed. */
export function applyFilter(list: readonly FollowUpView[], filter: FollowUpFilter): FollowUpView[] {
  if (filter === 'closed') return list.filter((x) => x.status === 'closed');
  return list.filter((x) => x.status === 'open' && (filter === 'pending' || x.overdue));
}

/** 差评跟进: the 差评 list and, for the one chosen, its record and steps. */
export function FollowUpsTab({ api, onError }: { api: CounterApi; onError: (error: unknown) => void }): JSX.Element {
  const [filter, setFilter] = useState<FollowUpFilter>('pending');
  const [chosen, setChosen] = useState<number | null>(null);
  const fetchAll = useCallback(() => api.invoke('listFollowUps', { status: 'all' }), [api]);
  const { data: all, setData: setAll, problem } = useLeadList(fetchAll, onError);

  const shown = all ? applyFilter(all, filter) : [];
  const current = all?.find((x) => x.id === chosen) ?? null;

  const onSaved = (updated: FollowUpView) => {
    setAll((list) => (list ? list.map((x) => (x.id === updated.id ? updated : x)) : list));
  };

  return (
    <div className="lead-tab lead-follow" data-testid="lead-follow-ups">
      <div className="lead-follow__list">
        <div className="lead__segmented" role="radiogroup" aria-label={f.filter}>
          {FILTERS.map((x) => {
            // No count until the list has loaded: a 0 while loading would read as "nothing to follow up".
            const n = all ? applyFilter(all, x).length : null;
            return (
              <button
                key={x}
                type="button"
                role="radio"
                aria-checked={filter === x}
                className={`lead__segment${filter === x ? ' lead__segment--on' : ''}`}
                onClick={() => setFilter(x)}
                data-testid={`lead-filter-${x}`}
              >
                {f.filters[x]} {n === null ? null : <b>{n}</b>}
              </button>
            );
          })}
        </div>
        {problem ? (
          <p role="alert" className="lead__problem">
            {problem}
          </p>
        ) : all === null ? (
          <p className="lead__note">{f.loading}</p>
        ) : shown.length === 0 ? (
          <p className="lead__note" data-testid="lead-follow-empty">
            {f.empty[filter]}
          </p>
        ) : (
          <ul className="lead-follow__items">
            {shown.map((x) => (
              <li key={x.id}>
                <button
                  type="button"
                  className={`lead-follow__item${x.id === chosen ? ' lead-follow__item--on' : ''}`}
                  onClick={() => setChosen(x.id)}
                  aria-current={x.id === chosen}
                  data-testid={`lead-follow-${x.id}`}
                >
                  <span className="lead-follow__case">{x.caseId}</span>
                  <span className={`lead-level lead-level--${x.level}`}>{ev.levels[x.level]}</span>
                  <span className="lead-follow__item-name">{x.itemName}</span>
                  <span className="lead-follow__meta">
                    {x.responsible.name} · {x.status === 'closed' ? ev.followUp.statuses.closed : x.overdue ? f.overdue : f.deadlineText(x.deadline)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="lead-follow__detail">
        {current ? <FollowUpEditor key={current.id} api={api} followUp={current} onSaved={onSaved} onError={onError} /> : null}
      </div>
    </div>
  );
}
