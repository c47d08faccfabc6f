import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CounterApiError, type FollowUpView, type LeadSession, type UpdateFollowUpParams } from '../../shared/contract';
import { emptyStatsRow, type StatsRow } from '../../shared/domain/evaluation';
import { strings } from '../../shared/i18n';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { ClerkApp } from '../clerk/ClerkApp';
import { applyFilter } from './FollowUpsTab';
import { LeadDialog } from './LeadDialog';

afterEach(cleanup);

const l = strings.lead;
const LEAD = { staffNo: '0101', name: '王组长' };

function statsRow(key: string, label: string, levels: StatsRow['levels'], unrated: number, follow = { followUps: 0, replied: 0, closed: 0 }): StatsRow {
  const rated = Object.values(levels).reduce((a, b) => a + b, 0);
  const bad = levels.dissatisfied + levels.veryDissatisfied;
  return {
    ...emptyStatsRow(key, label),
    total: rated + unrated,
    rated,
    unrated,
    levels,
    good: rated - bad,
    bad,
    ...follow,
    goodRate: rated ? (rated - bad) / rated : null,
    badRate: rated ? bad / rated : null,
    unratedRate: rated + unrated ? unrated / (rated + unrated) : null,
    replyRate: bad ? follow.replied / bad : null,
  };
}

function followUp(id: number, patch: Partial<FollowUpView> = {}): FollowUpView {
  return {
    id,
    caseId: `08-20261105-000${id}`,
    day: '2026-11-05',
    itemName: '食品经营许可（新办）',
    level: 'dissatisfied',
    reasons: [{ code: 'E01', label: '等候时间过长' }],
    comment: '等了很久',
    rater: '',
    responsible: { name: '李娜', staffNumber: '0123' },
    windowNumber: '08',
    openedAt: '2026-11-05T02:00:00.000Z',
    deadline: '2026-11-12',
    overdue: false,
    status: 'open',
    callback: null,
    verification: null,
    rectification: null,
    outcome: '',
    fixView: null,
    closedAt: null,
    ...patch,
  };
}

/** A fake of the lead's side of the service: PIN 246810, two rows of statistics, three follow-ups. */
function leadApi(options: { configured?: boolean } = {}) {
  let lead: LeadSession['lead'] = null;
  const session = (): LeadSession => ({ configured: options.configured ?? true, lead, idleMinutes: 10 });
  const needsLead = () => {
    if (!lead) throw new CounterApiError('failed', strings.api.failed(l.gate.needsLead));
  };
  const rows = [
    statsRow('0123', '李娜（0123）', { verySatisfied: 6, satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, veryDissatisfied: 0 }, 2, { followUps: 1, replied: 1, closed: 0 }),
    statsRow('0456', '王强（0456）', { verySatisfied: 3, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, veryDissatisfied: 0 }, 0),
  ];
  let follows = [followUp(1), followUp(2, { overdue: true, deadline: '2026-11-01' }), followUp(3, { status: 'closed', closedAt: '2026-11-06T03:00:00.000Z' })];
  const updates: UpdateFollowUpParams[] = [];
  const api = new FakeCounterApi(sampleSnapshot(), {
    getLeadSession: () => session(),
    unlockLead: ({ staffNo, pin }) => {
      if (staffNo !== LEAD.staffNo || pin !== '246810') return { ok: false, message: l.gate.wrong(4), session: session() };
      lead = LEAD;
      return { ok: true, message: l.gate.unlocked(LEAD.name), session: session() };
    },
    lockLead: () => {
      lead = null;
      return session();
    },
    getEvaluationStats: ({ dimension, from, to }) => {
      needsLead();
      const total = statsRow('', '', { verySatisfied: 9, satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, veryDissatisfied: 0 }, 2, { followUps: 1, replied: 1, closed: 0 });
      return { dimension, from, to, rows, total };
    },
    listFollowUps: () => {
      needsLead();
      return follows;
    },
    updateFollowUp: (params) => {
      needsLead();
      updates.push(params);
      const current = follows.find((f) => f.id === params.id)!;
      if (params.close && !params.outcome && !current.outcome) return { ok: false, message: strings.evaluation.followUp.closeNeedsOutcome, followUp: current };
      const next: FollowUpView = {
        ...current,
        ...(params.callback ? { callback: { at: '2026-11-06T02:00:00.000Z', ...params.callback } } : {}),
        ...(params.verification ? { verification: params.verification } : {}),
        ...(params.rectification ? { rectification: { measures: params.rectification.measures, rectifiedAt: params.rectification.done ? '2026-11-06T02:00:00.000Z' : null } } : {}),
        ...(params.outcome !== undefined ? { outcome: params.outcome } : {}),
        ...(params.fixView ? { fixView: params.fixView } : {}),
        ...(params.close ? { status: 'closed' as const, closedAt: '2026-11-06T02:00:00.000Z' } : {}),
      };
      follows = follows.map((f) => (f.id === next.id ? next : f));
      return { ok: true, message: params.close ? strings.evaluation.followUp.closed : strings.evaluation.followUp.updated, followUp: next };
    },
    exportRatings: ({ format, from, to, codeDirection }) => {
      needsLead();
      const fileName = format === 'exchange' ? `ratings-exchange-${codeDirection}-${from}-${to}.json` : `ratings-${from}-${to}.${format}`;
      return { ok: true, message: strings.evaluation.export.done(12, fileName), fileName, path: `/data/exports/${fileName}`, count: 12, download: `/exports/${fileName}?ticket=t1` };
    },
    saveExport: ({ fileName }) => ({ ok: true, message: l.gate.saved(`/home/lead/${fileName}`), path: `/home/lead/${fileName}` }),
  });
  return { api, updates, expire: () => (lead = null) };
}

async function unlocked(shell: 'web' | 'electron' = 'web') {
  const fake = leadApi();
  const onClose = vi.fn();
  render(<LeadDialog api={fake.api} shell={shell} onClose={onClose} />);
  fireEvent.change(await screen.findByTestId('lead-staff-no'), { target: { value: '0101' } });
  fireEvent.change(screen.getByTestId('lead-pin'), { target: { value: '246810' } });
  fireEvent.click(screen.getByTestId('lead-unlock-submit'));
  await screen.findByTestId('lead-who');
  return { ...fake, onClose };
}

describe('LeadDialog: unlock', () => {
  it('asks for staff number and PIN, shows a wrong PIN in Chinese, and opens on the right one', async () => {
    const { api } = leadApi();
    render(<LeadDialog api={api} shell="web" onClose={() => undefined} />);
    expect(screen.queryByTestId('lead-stats')).toBeNull();
    fireEvent.change(await screen.findByTestId('lead-staff-no'), { target: { value: '0101' } });
    fireEvent.change(screen.getByTestId('lead-pin'), { target: { value: '111111' } });
    fireEvent.click(screen.getByTestId('lead-unlock-submit'));
    expect((await screen.findByTestId('lead-unlock-problem')).textContent).toBe(l.gate.wrong(4));
    expect((screen.getByTestId('lead-pin') as HTMLInputElement).value).toBe('');
    expect(api.callsOf('getEvaluationStats')).toBe(0);

    fireEvent.change(screen.getByTestId('lead-pin'), { target: { value: '246810' } });
    fireEvent.click(screen.getByTestId('lead-unlock-submit'));
    expect((await screen.findByTestId('lead-who')).textContent).toContain('王组长（0101）');
    await screen.findByTestId('lead-stats-table');
  });

  it('tells the lead when no lead is configured on this counter', async () => {
    const { api } = leadApi({ configured: false });
    render(<LeadDialog api={api} shell="web" onClose={() => undefined} />);
    expect((await screen.findByTestId('lead-not-configured')).textContent).toContain('npm run lead -- add');
  });

  it('Esc locks and closes without reaching the case behind; an idle lock brings the form back with the reason', async () => {
    const { api, onClose } = await unlocked();
    const seen = vi.fn();
    window.addEventListener('keydown', seen);
    fireEvent.keyDown(screen.getByTestId('lead-view'), { key: 'Escape' });
    window.removeEventListener('keydown', seen);
    expect(seen).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalled();
    expect(api.callsOf('lockLead')).toBe(1);
    cleanup();

    const again = await unlocked();
    again.expire();
    fireEvent.click(screen.getByTestId('lead-tab-followUps'));
    expect((await screen.findByTestId('lead-unlock-problem')).textContent).toBe(strings.api.failed(l.gate.needsLead));
    expect(screen.queryByTestId('lead-follow-ups')).toBeNull();
  });
});

describe('LeadDialog: 统计', () => {
  it('shows counts per level, 未评 and the rates per row and in total, this month by default', async () => {
    const { api } = await unlocked();
    const row = await screen.findByTestId('lead-stats-row-0123');
    const cell = (col: string) => row.querySelector(`[data-col="${col}"]`)!.textContent;
    expect(cell('verySatisfied')).toBe('6');
    expect(cell('dissatisfied')).toBe('1');
    expect(cell('unrated')).toBe('2');
    expect(cell('goodRate')).toBe('87.5%');
    expect(cell('badRate')).toBe('12.5%');
    expect(cell('unratedRate')).toBe('20.0%');
    expect(cell('followUps')).toBe('0/1');
    expect(cell('replyRate')).toBe('100.0%');
    expect(cell('rectificationRate')).toBe('—');
    expect(screen.getByTestId('lead-stats-total').textContent).toContain(l.stats.total);
    const params = api.calls.find((c) => c.method === 'getEvaluationStats')!.params as { dimension: string; from: string; to: string };
    expect(params.dimension).toBe('clerk');
    expect(params.from).toMatch(/^\d{4}-\d{2}-01$/);
    expect(params.to.slice(0, 7)).toBe(params.from.slice(0, 7));

    fireEvent.change(screen.getByTestId('lead-stats-dimension'), { target: { value: 'day' } });
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'getEvaluationStats').at(-1)!.params).toMatchObject({ dimension: 'day' }));
  });

  it('draws one stacked bar per row, segment widths by share, with a text alternative', async () => {
    await unlocked();
    const bar = await screen.findByTestId('lead-chart-bar-0123');
    const parts = [...bar.querySelectorAll('rect[data-part]')].map((r) => [r.getAttribute('data-part'), r.getAttribute('data-count'), Number(r.getAttribute('width'))]);
    expect(parts.map(([p, c]) => [p, c])).toEqual([
      ['verySatisfied', '6'],
      ['satisfied', '1'],
      ['dissatisfied', '1'],
      ['unrated', '2'],
    ]);
    const widths = parts.map(([, , w]) => w as number);
    expect(widths[0]! / widths[1]!).toBeCloseTo(6, 6);
    expect(widths[3]! / widths[2]!).toBeCloseTo(2, 6);
    const desc = screen.getByTestId('lead-chart-svg').querySelector('desc')!.textContent!;
    expect(desc).toContain('李娜（0123）：非常满意 6 件（60.0%），满意 1 件（10.0%），不满意 1 件（10.0%），未评 2 件（20.0%）');
    expect(desc).toContain('王强（0456）：非常满意 3 件（100.0%）');
  });
});

describe('LeadDialog: 差评跟进', () => {
  it('filters 待处理 / 逾期 / 已办结', () => {
    const list = [followUp(1), followUp(2, { overdue: true }), followUp(3, { status: 'closed' })];
    expect(applyFilter(list, 'pending').map((f) => f.id)).toEqual([1, 2]);
    expect(applyFilter(list, 'overdue').map((f) => f.id)).toEqual([2]);
    expect(applyFilter(list, 'closed').map((f) => f.id)).toEqual([3]);
  });

  it('shows the record, saves only the steps changed, shows a refusal in Chinese, and closes to 已办结', async () => {
    const { updates } = await unlocked();
    fireEvent.click(screen.getByTestId('lead-tab-followUps'));
    // The counts come with the list, after the tab is shown.
    await waitFor(() => expect(screen.getByTestId('lead-filter-pending').textContent).toContain('2'));
    expect(screen.getByTestId('lead-filter-overdue').textContent).toContain('1');
    fireEvent.click(screen.getByTestId('lead-follow-1'));
    const editor = await screen.findByTestId('lead-follow-editor');
    expect(within(editor).getByTestId('lead-record-reasons').textContent).toBe('等候时间过长');
    expect(within(editor).getByTestId('lead-record-comment').textContent).toBe('等了很久');
    expect(within(editor).getByTestId('lead-record-deadline').textContent).toContain('2026-11-12');

    // A note without saying whether the citizen was reached: asked, nothing sent.
    fireEvent.change(screen.getByTestId('lead-callback-note'), { target: { value: '电话回访' } });
    fireEvent.click(screen.getByTestId('lead-follow-save'));
    expect(screen.getByTestId('lead-follow-message').textContent).toBe(l.followUps.needsChoice(l.followUps.callbackChoice));
    expect(updates).toHaveLength(0);

    fireEvent.click(screen.getByTestId('lead-callback-reached'));
    fireEvent.change(screen.getByTestId('lead-verification'), { target: { value: 'confirmed' } });
    fireEvent.click(screen.getByTestId('lead-follow-save'));
    await waitFor(() => expect(screen.getByTestId('lead-follow-message').textContent).toBe(strings.evaluation.followUp.updated));
    expect(updates[0]).toEqual({ id: 1, callback: { reached: true, note: '电话回访' }, verification: { result: 'confirmed', note: '' } });

    // Closing without an outcome: the service's reason, in Chinese.
    fireEvent.click(screen.getByTestId('lead-follow-close'));
    await waitFor(() => expect(screen.getByTestId('lead-follow-message').textContent).toBe(strings.evaluation.followUp.closeNeedsOutcome));
    expect(updates[1]).toEqual({ id: 1, close: true });

    fireEvent.change(screen.getByTestId('lead-measures'), { target: { value: '增开窗口' } });
    fireEvent.click(screen.getByTestId('lead-rectified'));
    fireEvent.change(screen.getByTestId('lead-outcome'), { target: { value: '已整改' } });
    fireEvent.change(screen.getByTestId('lead-fix-view'), { target: { value: 'satisfied' } });
    fireEvent.click(screen.getByTestId('lead-follow-close'));
    await waitFor(() => expect(screen.getByTestId('lead-follow-editor').dataset.status).toBe('closed'));
    // The call back is not sent again (it would take a new time).
    expect(updates[2]).toEqual({ id: 1, rectification: { measures: '增开窗口', done: true }, outcome: '已整改', fixView: 'satisfied', close: true });
    expect(screen.queryByTestId('lead-follow-close')).toBeNull();
    expect(screen.getByTestId('lead-filter-closed').textContent).toContain('2');
  });
});

describe('LeadDialog: 导出', () => {
  it('the exchange file needs an explicit code direction; the web shell gets a download link', async () => {
    const { api } = await unlocked('web');
    fireEvent.click(screen.getByTestId('lead-tab-export'));
    fireEvent.click(await screen.findByTestId('lead-export-format-exchange'));
    expect((screen.getByTestId('lead-export-direction-national') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId('lead-export-direction-provincial') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByTestId('lead-export-submit'));
    expect(screen.getByTestId('lead-export-message').textContent).toBe(l.export.directionRequired);
    expect(api.callsOf('exportRatings')).toBe(0);

    fireEvent.click(screen.getByTestId('lead-export-direction-provincial'));
    fireEvent.click(screen.getByTestId('lead-export-submit'));
    const link = await screen.findByTestId('lead-export-download');
    expect(api.calls.find((c) => c.method === 'exportRatings')!.params).toMatchObject({ format: 'exchange', codeDirection: 'provincial' });
    expect(link.getAttribute('href')).toMatch(/^\/exports\/ratings-exchange-provincial-.*\.json\?ticket=t1$/);
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('Electron saves through the shell instead of a link', async () => {
    const { api } = await unlocked('electron');
    fireEvent.click(screen.getByTestId('lead-tab-export'));
    fireEvent.click(await screen.findByTestId('lead-export-submit'));
    const save = await screen.findByTestId('lead-export-save');
    expect(screen.queryByTestId('lead-export-download')).toBeNull();
    await act(async () => {
      fireEvent.click(save);
    });
    expect(api.calls.find((c) => c.method === 'saveExport')!.params).toEqual({ fileName: expect.stringMatching(/^ratings-.*\.xlsx$/) });
    await waitFor(() => expect(screen.getByTestId('lead-export-message').textContent).toContain('已保存到 /home/lead/'));
  });
});

describe('ClerkApp opens the lead view', () => {
  it('with F8 and with its footer button', async () => {
    const { api } = leadApi();
    render(<ClerkApp api={api} connection={null} />);
    await screen.findByTestId('header-window');
    fireEvent.keyDown(window, { key: 'F8' });
    expect(await screen.findByTestId('lead-view')).toBeTruthy();
    fireEvent.click(screen.getByTestId('lead-exit'));
    await waitFor(() => expect(screen.queryByTestId('lead-view')).toBeNull());
    fireEvent.click(screen.getByTestId('open-lead'));
    expect(await screen.findByTestId('lead-unlock')).toBeTruthy();
  });
});
