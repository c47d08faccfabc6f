import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterApiError, type VoidSlipNumber } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { LeadDialog } from './LeadDialog';
import { VoidNumbersTab } from './VoidNumbersTab';

afterEach(cleanup);

const v = strings.lead.voidNumbers;
const crashed: VoidSlipNumber = {
  number: '示例政务〔2026〕受字第000002号',
  caseId: '08-20261123-0002',
  kind: 'receipt',
  takenAt: '2026-11-23T01:30:00.000Z',
  voidedAt: '2026-11-23T01:32:00.000Z',
  reason: '程序中断，未出具',
  pdfSetAside: null,
};
const locked: VoidSlipNumber = {
  number: '示例政务〔2026〕补字第000007号',
  caseId: '08-20261123-0005',
  kind: 'oneTimeNotice',
  takenAt: '2026-11-23T02:00:00.000Z',
  voidedAt: '2026-11-23T02:00:05.000Z',
  reason: '通知书未能保存到办件记录：数据库正被其他程序占用，请稍后再试（SQLITE_BUSY）',
  pdfSetAside: '2026/11/08-20261123-0005/oneTimeNotice.void-000007.pdf',
};
const legacy: VoidSlipNumber = { ...crashed, number: '示例政务〔2026〕受字第000001号', caseId: null, kind: null, reason: '升级前已取用，未找到以此编号出具的通知书' };

describe('作废编号 (the lead view lists void slip numbers)', () => {
  it('shows each void number with its case, kind, time and reason, and where a failed PDF went', async () => {
    const api = new FakeCounterApi(sampleSnapshot(), { listVoidSlipNumbers: () => ({ total: 3, numbers: [locked, crashed, legacy] }) });
    render(<VoidNumbersTab api={api} onError={() => {}} />);
    const rows = await screen.findAllByTestId('lead-void-row');
    expect(rows).toHaveLength(3);
    const first = within(rows[0]!);
    expect(first.getByText(locked.number)).toBeTruthy();
    expect(first.getByText(locked.caseId!)).toBeTruthy();
    expect(first.getByText('一次性告知书')).toBeTruthy();
    expect(rows[0]!.textContent).toContain(locked.reason);
    expect(rows[0]!.textContent).toContain(v.setAside(locked.pdfSetAside!));
    expect(rows[1]!.textContent).toContain('受理通知书');
    expect(rows[1]!.textContent).toContain('程序中断，未出具');
    expect(rows[2]!.textContent).toContain(v.noCase);
    expect(screen.getByTestId('lead-void-count').textContent).toBe(v.shown(3, 3));
  });

  it('says so when there is none, and shows a refusal in Chinese', async () => {
    const api = new FakeCounterApi(sampleSnapshot());
    render(<VoidNumbersTab api={api} onError={() => {}} />);
    expect((await screen.findByTestId('lead-void-empty')).textContent).toBe(v.empty);
    cleanup();

    const refused = new FakeCounterApi(sampleSnapshot(), {
      listVoidSlipNumbers: () => {
        throw new CounterApiError('failed', strings.lead.gate.needsLead);
      },
    });
    const errors: unknown[] = [];
    render(<VoidNumbersTab api={refused} onError={(e) => errors.push(e)} />);
    expect((await screen.findByRole('alert')).textContent).toBe(strings.lead.gate.needsLead);
    expect(errors).toHaveLength(1);
  });

  it('is a tab of 组长查看 once a lead is unlocked', async () => {
    const api = new FakeCounterApi(sampleSnapshot(), {
      getLeadSession: () => ({ configured: true, lead: { staffNo: '0101', name: '王组长' }, idleMinutes: 10 }),
      listVoidSlipNumbers: () => ({ total: 1, numbers: [crashed] }),
    });
    render(<LeadDialog api={api} shell="web" onClose={() => {}} />);
    fireEvent.click(await screen.findByTestId('lead-tab-voidNumbers'));
    expect(screen.getByTestId('lead-tab-voidNumbers').textContent).toBe(strings.lead.tabs.voidNumbers);
    await waitFor(() => expect(screen.getAllByTestId('lead-void-row')).toHaveLength(1));
    expect(api.calls.some((c) => c.method === 'listVoidSlipNumbers')).toBe(true);
  });
});
