import { describe, expect, it } from 'vitest';
import { extendedServiceNotice } from './closing';

/** Local times, as the counter PC's clock gives them. */
const local = (hh: number, mm: number) => new Date(2026, 2, 2, hh, mm, 0, 0);

describe('extendedServiceNotice', () => {
  it('shows nothing before closing time, case or not', () => {
    expect(extendedServiceNotice('17:00', local(16, 59), { openedAt: local(16, 40).toISOString() })).toBeNull();
    expect(extendedServiceNotice('17:00', local(16, 59), null)).toBeNull();
  });

  it('shows nothing after closing time without a case in progress', () => {
    expect(extendedServiceNotice('17:00', local(17, 30), null)).toBeNull();
    expect(extendedServiceNotice('17:00', local(17, 30), undefined)).toBeNull();
  });

  it('shows from closing time itself while a case is open, counting from closing time', () => {
    const open = { openedAt: local(16, 40).toISOString() };
    expect(extendedServiceNotice('17:00', local(17, 0), open)).toEqual({ since: '17:00', minutes: 0 });
    expect(extendedServiceNotice('17:00', local(17, 25), open)).toEqual({ since: '17:00', minutes: 25 });
  });

  it('counts from the case opening when it was opened after closing time', () => {
    expect(extendedServiceNotice('17:00', local(17, 25), { openedAt: local(17, 10).toISOString() })).toEqual({ since: '17:10', minutes: 15 });
  });

  it('follows the configured closing time and tolerates an unreadable opening', () => {
    expect(extendedServiceNotice('18:30', local(18, 0), { openedAt: local(17, 50).toISOString() })).toBeNull();
    expect(extendedServiceNotice('18:30', local(18, 45), { openedAt: 'not a time' })).toEqual({ since: '18:30', minutes: 15 });
  });
});
