import type { JSX } from 'react';
import type { EvaluationStats } from '../../shared/contract';
import { barOf, BAR_PARTS, formatRate, type BarPart } from '../../shared/domain/lead/chart';
import { strings } from '../../shared/i18n';

const s = strings.lead.stats;

const NAMES: Record<BarPart, string> = { ...strings.evaluation.levels, unrated: s.chartUnrated };

/** Plain inline SVG: one stacked bar per row; the same numbers as text for screen readers. */
export function StatsChart({ stats }: { stats: EvaluationStats }): JSX.Element | null {
  const bars = stats.rows.map(barOf);
  if (bars.length === 0) return null;
  const rowHeight = 26;
  const labelWidth = 150;
  const width = 760;
  const barWidth = width - labelWidth - 60;
  const height = bars.length * rowHeight + 6;
  const alt = bars.map((bar) =>
    bar.cases === 0 ? s.chartNone(bar.label) : s.chartAlt(bar.label, bar.segments.map((seg) => s.chartPart(NAMES[seg.part], seg.count, formatRate(seg.share))).join('，')),
  );
  return (
    <figure className="lead-chart" data-testid="lead-chart">
      <figcaption className="lead-chart__title">
        {s.chartTitle}
        <span className="lead-chart__legend" aria-label={s.legend}>
          {BAR_PARTS.map((part) => (
            <span key={part} className="lead-chart__key">
              <i className={`lead-part lead-part--${part}`} aria-hidden="true" />
              {NAMES[part]}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby="lead-chart-desc" data-testid="lead-chart-svg">
        <desc id="lead-chart-desc">{`${s.chartSummary(bars.length)}。${alt.join('；')}`}</desc>
        {bars.map((bar, i) => {
          const y = i * rowHeight + 3;
          return (
            <g key={bar.key} data-testid={`lead-chart-bar-${bar.key}`}>
              <text x={labelWidth - 8} y={y + 15} textAnchor="end" className="lead-chart__label">
                {bar.label.length > 10 ? `${bar.label.slice(0, 10)}…` : bar.label}
              </text>
              <rect x={labelWidth} y={y} width={barWidth} height={rowHeight - 6} className="lead-chart__track" />
              {bar.segments.map((seg) => (
                <rect
                  key={seg.part}
                  x={labelWidth + seg.offset * barWidth}
                  y={y}
                  width={Math.max(seg.share * barWidth, 0.5)}
                  height={rowHeight - 6}
                  className={`lead-part lead-part--${seg.part}`}
                  data-part={seg.part}
                  data-count={seg.count}
                >
                  <title>{s.chartPart(NAMES[seg.part], seg.count, formatRate(seg.share))}</title>
                </rect>
              ))}
              <text x={labelWidth + barWidth + 6} y={y + 15} className="lead-chart__count">
                {bar.cases}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
