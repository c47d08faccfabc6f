import {
  DEVICE_KINDS,
  type CitizenScreen,
  type DaySummary,
  type SelfCheckItem,
  type ServiceDayPhase,
  type ServiceDayView,
} from '../../shared/contract';

/** Service-day views for component tests. 'open' is the default: the clerk is signed in and serving. */
export function sampleServiceDay(phase: ServiceDayPhase = 'open', overrides: Partial<ServiceDayView> = {}): ServiceDayView {
  const signedIn = phase !== 'signedOut';
  const check: SelfCheckItem[] = DEVICE_KINDS.map((kind) => ({
    kind,
    state: kind === 'idcard' ? 'simulated' : 'unconfigured',
    reason: kind === 'idcard' ? '' : '本版本尚未提供此设备',
    required: kind === 'idcard',
    verdict: kind === 'idcard' ? 'pass' : 'optional',
    exception: null,
  }));
  return {
    phase,
    session: signedIn
      ? {
          clerk: { staffNumber: '0007', name: '李四', hasPhoto: false },
          windowNumber: '01',
          signedInAt: '2025-11-24T00:50:00.000Z',
          openedAt: phase === 'checking' ? null : '2025-11-24T00:55:00.000Z',
        }
      : null,
    check,
    canOpen: true,
    pause:
      phase === 'paused'
        ? { reason: 'lunchBreak', reasonText: '', startedAt: '2025-11-24T04:00:00.000Z', expectedReturnAt: '2025-11-24T05:30:00.000Z', handover: null }
        : null,
    hours: { openingTime: '09:00', closingTime: '17:00', lunchStart: '12:00', lunchEnd: '13:30' },
    today: signedIn ? sampleDaySummary() : null,
    lastSummary: null,
    ...overrides,
  };
}

export function sampleDaySummary(overrides: Partial<DaySummary> = {}): DaySummary {
  return {
    clerk: { staffNumber: '0007', name: '李四' },
    windowNumber: '01',
    signedInAt: '2025-11-24T00:50:00.000Z',
    openedAt: '2025-11-24T00:55:00.000Z',
    until: '2025-11-24T09:10:00.000Z',
    autoClosed: false,
    cases: { total: 3, byOutcome: [{ outcome: 'accept', count: 2 }, { outcome: 'abandoned', count: 1 }] },
    pauses: [
      {
        reason: 'temporaryLeave',
        reasonText: '',
        startedAt: '2025-11-24T02:00:00.000Z',
        endedAt: '2025-11-24T02:15:00.000Z',
        expectedReturnAt: '2025-11-24T02:15:00.000Z',
        handover: { name: '王五', window: '05' },
        minutes: 15,
      },
    ],
    pausedMinutes: 15,
    exceptions: [{ kind: 'printer', state: 'unconfigured', reason: '打印机缺纸，已报信息科', at: '2025-11-24T00:52:00.000Z' }],
    onDutyMinutes: 480,
    extendedService: { minutes: 10, cases: 1 },
    lunchDuty: { minutes: 90, cases: 2 },
    ...overrides,
  };
}

export function sampleCitizenScreen(overrides: Partial<CitizenScreen> = {}): CitizenScreen {
  return {
    centreName: '示例市政务服务中心',
    windowNumber: '01',
    status: 'open',
    clerk: { name: '李四', staffNumber: '0007', photo: null },
    pause: null,
    hours: { openingTime: '09:00', closingTime: '17:00', lunchStart: '12:00', lunchEnd: '13:30' },
    ...overrides,
  };
}
