import { useEffect, useState, type JSX } from 'react';
import { strings } from '../../shared/i18n';
import { formatLocalDate, formatLocalTime, formatWeekday } from '../clerk/format';

/** Local date and time, ticking on the second. */
export function Clock(): JSX.Element {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = (): void => {
      const current = new Date();
      setNow(current);
      // Align to the next full second so the display never skips one.
      timer = setTimeout(tick, 1000 - current.getMilliseconds() + 5);
    };
    timer = setTimeout(tick, 1000 - new Date().getMilliseconds() + 5);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="clock" aria-label={strings.clerkScreen.clockLabel}>
      <time className="clock__time" dateTime={now.toISOString()}>
        {formatLocalTime(now)}
      </time>
      <span className="clock__date">
        {formatLocalDate(now)} {formatWeekday(now)}
      </span>
    </div>
  );
}
