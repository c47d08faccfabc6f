import { type JSX } from 'react';
import type { DaySummary } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { clockTime, duration } from './format';

const t = strings.serviceDay.summary;

/** The day summary: cases by outcome, pauses, device exceptions, extended service, lunch duty. */
export function DaySummaryCard({ summary, ongoing = false }: { summary: DaySummary; ongoing?: boolean }): JSX.Element {
  const withCases = (minutes: number, cases: number) => (minutes === 0 && cases === 0 ? t.none : t.minutesWithCases(duration(minutes), cases));
  return (
    <dl className="day-summary" data-testid="day-summary">
      {summary.autoClosed && <p className="day-summary__note">{t.autoClosed}</p>}
      <div className="day-summary__row">
        <dt>{t.clerk}</dt>
        <dd>
          {summary.clerk.name}
          <span className="day-summary__muted">{strings.header.staffNumber} {summary.clerk.staffNumber}</span>
        </dd>
      </div>
      <div className="day-summary__row">
        <dt>{t.span}</dt>
        <dd>{ongoing ? t.spanSoFar(clockTime(summary.signedInAt)) : t.spanValue(clockTime(summary.signedInAt), clockTime(summary.until))}</dd>
      </div>
      <div className="day-summary__row">
        <dt>{t.onDuty}</dt>
        <dd data-testid="day-summary-on-duty">{duration(summary.onDutyMinutes)}</dd>
      </div>
      <div className="day-summary__row">
        <dt>{t.cases}</dt>
        <dd data-testid="day-summary-cases">
          {summary.cases.total === 0 ? (
            t.casesNone
          ) : (
            <>
              <span className="day-summary__strong">{t.casesTotal(summary.cases.total)}</span>
              <span className="day-summary__chips">
                {summary.cases.byOutcome.map((b) => (
                  <span key={b.outcome} className={`day-summary__chip day-summary__chip--${b.outcome}`}>
                    {strings.serviceDay.outcome(b.outcome)} {b.count}
                  </span>
                ))}
              </span>
            </>
          )}
        </dd>
      </div>
      <div className="day-summary__row">
        <dt>{t.pauses}</dt>
        <dd data-testid="day-summary-pauses">
          {summary.pauses.length === 0 ? (
            t.pausesNone
          ) : (
            <ul className="day-summary__list">
              {summary.pauses.map((p) => (
                <li key={p.startedAt}>
                  {t.pauseLine(
                    strings.serviceDay.pauseReasons[p.reason] ?? p.reason,
                    clockTime(p.startedAt),
                    p.endedAt ? clockTime(p.endedAt) : t.ongoing,
                    duration(p.minutes),
                  )}
                  {p.reasonText !== '' && <span className="day-summary__muted">{p.reasonText}</span>}
                  {p.handover && <span className="day-summary__muted">{t.handoverLine(p.handover.name, p.handover.window)}</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className="day-summary__row">
        <dt>{t.exceptions}</dt>
        <dd data-testid="day-summary-exceptions">
          {summary.exceptions.length === 0 ? (
            t.exceptionsNone
          ) : (
            <ul className="day-summary__list">
              {summary.exceptions.map((e) => (
                <li key={`${e.kind}-${e.at}`}>{t.exceptionLine(strings.deviceKinds[e.kind], e.reason)}</li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className="day-summary__row">
        <dt>{t.extended}</dt>
        <dd data-testid="day-summary-extended">{withCases(summary.extendedService.minutes, summary.extendedService.cases)}</dd>
      </div>
      <div className="day-summary__row">
        <dt>{t.lunchDuty}</dt>
        <dd data-testid="day-summary-lunch">{withCases(summary.lunchDuty.minutes, summary.lunchDuty.cases)}</dd>
      </div>
      {summary.callbacks && (
        <div className="day-summary__row">
          <dt>{strings.prompts.callback.summary}</dt>
          <dd data-testid="day-summary-callbacks">{strings.prompts.callback.summaryCount(summary.callbacks.recorded, summary.callbacks.open)}</dd>
        </div>
      )}
    </dl>
  );
}
