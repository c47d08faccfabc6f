import { useEffect, useState, type JSX } from 'react';
import type { CounterApi, EvaluationStats } from '../../shared/contract';
import { STATS_DIMENSIONS, RATINGS, type StatsDimension, type StatsRow } from '../../shared/domain/evaluation';
import { formatRate, monthRange } from '../../shared/domain/lead/chart';
import { strings } from '../../shared/i18n';
import { today } from './format';
import { StatsChart } from './StatsChart';

const s = strings.lead.stats;
const ev = strings.evaluation;

/** 统计: counts per level and the rates, per clerk, window, item or day, with the chart. */
export function StatsTab({ api, onError }: { api: CounterApi; onError: (error: unknown) => void }): JSX.Element {
  const [dimension, setDimension] = useState<StatsDimension>('clerk');
  const [range, setRange] = useState(() => monthRange(today()));
  const [stats, setStats] = useState<EvaluationStats | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    if (!range.from || !range.to) return;
    api.invoke('getEvaluationStats', { dimension, from: range.from, to: range.to }).then(
      (result) => {
        if (!current) return;
        setStats(result);
        setProblem(null);
      },
      (error: unknown) => {
        if (!current) return;
        setProblem(error instanceof Error ? error.message : String(error));
        onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [api, dimension, range, version, onError]);

  const rows: StatsRow[] = stats ? stats.rows : [];
  return (
    <div className="lead-tab" data-testid="lead-stats">
      <div className="lead__filters">
        <label>
          <span>{s.dimension}</span>
          <select value={dimension} onChange={(e) => setDimension(e.target.value as StatsDimension)} data-testid="lead-stats-dimension">
            {STATS_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {ev.stats.dimensions[d]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{s.from}</span>
          <input type="date" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} data-testid="lead-stats-from" />
        </label>
        <label>
          <span>{s.to}</span>
          <input type="date" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} data-testid="lead-stats-to" />
        </label>
        <button type="button" className="button button--secondary" onClick={() => setRange(monthRange(today()))}>
          {s.thisMonth}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setVersion((v) => v + 1)} data-testid="lead-stats-refresh">
          {s.refresh}
        </button>
      </div>
      {problem ? (
        <p role="alert" className="lead__problem" data-testid="lead-stats-problem">
          {problem}
        </p>
      ) : stats === null ? (
        <p className="lead__note">{s.loading}</p>
      ) : rows.length === 0 ? (
        <p className="lead__note" data-testid="lead-stats-empty">
          {s.empty}
        </p>
      ) : (
        <div className="lead__scroll">
          <table className="lead__table" data-testid="lead-stats-table">
            <thead>
              <tr>
                <th>{ev.stats.dimensions[stats.dimension]}</th>
                <th className="num">{s.columns.total}</th>
                {RATINGS.map((level) => (
                  <th key={level} className="num">
                    {ev.levels[level]}
                  </th>
                ))}
                <th className="num">{s.columns.unrated}</th>
                <th className="num">{s.columns.goodRate}</th>
                <th className="num">{s.columns.badRate}</th>
                <th className="num">{s.columns.unratedRate}</th>
                <th className="num">{s.columns.followUps}</th>
                <th className="num">{s.columns.replyRate}</th>
                <th className="num">{s.columns.rectificationRate}</th>
                <th className="num">{s.columns.fixSatisfactionRate}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <StatsLine key={row.key} row={row} testId={`lead-stats-row-${row.key}`} />
              ))}
            </tbody>
            <tfoot>
              <StatsLine row={{ ...stats.total, label: s.total }} testId="lead-stats-total" />
            </tfoot>
          </table>
        </div>
      )}
      {stats && rows.length > 0 && !problem && <StatsChart stats={stats} />}
    </div>
  );
}

function StatsLine({ row, testId }: { row: StatsRow; testId: string }): JSX.Element {
  return (
    <tr data-testid={testId}>
      <th scope="row">{row.label}</th>
      <td className="num" data-col="total">{row.total}</td>
      {RATINGS.map((level) => (
        <td key={level} className="num" data-col={level}>
          {row.levels[level]}
        </td>
      ))}
      <td className="num" data-col="unrated">{row.unrated}</td>
      <td className="num" data-col="goodRate">{formatRate(row.goodRate)}</td>
      <td className="num" data-col="badRate">{formatRate(row.badRate)}</td>
      <td className="num" data-col="unratedRate">{formatRate(row.unratedRate)}</td>
      <td className="num" data-col="followUps">{`${row.closed}/${row.followUps}`}</td>
      <td className="num" data-col="replyRate">{formatRate(row.replyRate)}</td>
      <td className="num" data-col="rectificationRate">{formatRate(row.rectificationRate)}</td>
      <td className="num" data-col="fixSatisfactionRate">{formatRate(row.fixSatisfactionRate)}</td>
    </tr>
  );
}
