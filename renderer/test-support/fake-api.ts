import type {
  ApplicantView,
  Callback,
  CaseView,
  CounterApi,
  DeviceStatus,
  EventName,
  MethodName,
  ParamsOf,
  PayloadOf,
  ResultOf,
  Snapshot,
} from '../../shared/contract';
import { DEVICE_KINDS, type DeviceState } from '../../shared/contract';
import { emptyStatsRow } from '../../shared/domain/evaluation';
import { checkCallback } from '../../shared/domain/prompts/callback';
import { strings } from '../../shared/i18n';
import type { ConnectionSource, ConnectionState } from '../api';
import { sampleCitizenScreen, sampleServiceDay } from './fake-service-day';

type Handlers = { [M in MethodName]: (params: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M> };

/** An in-memory CounterApi for component tests: scripted results, emitted events, recorded calls. */
export class FakeCounterApi implements CounterApi {
  readonly calls: { method: MethodName; params: unknown }[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  readonly handlers: Handlers;
  /** The call-backs recorded through this API. */
  readonly callbacks: Callback[] = [];

  constructor(public snapshot: Snapshot, overrides: Partial<Handlers> = {}) {
    this.handlers = {
      getSnapshot: () => structuredClone(this.snapshot),
      simulateCardRead: () => ({ accepted: true, message: '' }),
      clearCase: () => ({ cleared: true }),
      restartDevice: () => ({ ok: true }),
      getPhrases: ({ stage }) => ({ stage, phrases: [], issues: [] }),
      caseAction: () => ({ ok: true, message: '' }),
      searchItems: () => [],
      issueSlip: () => ({ ok: false, message: '', slip: null }),
      reprintSlip: () => ({ ok: false, message: '', slip: null }),
      retryPrint: () => ({ ok: false }),
      searchCases: () => [],
      revealIdNumber: () => ({ ok: false, idNumber: null, message: '' }),
      caseDayCounts: ({ date }) => ({ date, total: 0, accept: 0, tolerate: 0, notify: 0, reject: 0, abandoned: 0, open: 0 }),
      requestRating: () => ({ ok: true, message: '' }),
      getCaseEvaluation: () => null,
      getRatingRequest: () => ({
        screen: 'welcome',
        clerk: null,
        caseId: null,
        itemName: null,
        reasons: [],
        reasonsRequiredFor: ['dissatisfied', 'veryDissatisfied'],
        paused: null,
        message: '',
      }),
      submitRating: () => ({ ok: true, message: '', status: 'rated' }),
      getEvaluationStats: ({ dimension, from, to }) => ({ dimension, from, to, rows: [], total: emptyStatsRow() }),
      listFollowUps: () => [],
      listVoidSlipNumbers: () => ({ total: 0, numbers: [] }),
      updateFollowUp: () => ({ ok: false, message: '', followUp: null }),
      exportRatings: () => ({ ok: false, message: '', fileName: '', path: '', count: 0 }),
      getEvaluatorMapping: () => ({ profile: 'serial', source: '', rows: [], unreachable: [] }),
      simulateEvaluatorPress: () => ({ accepted: false, message: '' }),
      printSlipInBrowser: () => ({ ok: false, message: '', slip: null }),
      getServiceDay: () => structuredClone(this.snapshot.serviceDay),
      signIn: () => ({ ok: true, message: '', day: structuredClone(this.snapshot.serviceDay) }),
      recordCheckException: () => ({ ok: true, message: '', day: structuredClone(this.snapshot.serviceDay) }),
      openService: () => ({ ok: true, message: '', day: structuredClone(this.snapshot.serviceDay) }),
      pauseService: () => ({ ok: true, message: '', day: structuredClone(this.snapshot.serviceDay) }),
      resumeService: () => ({ ok: true, message: '', day: structuredClone(this.snapshot.serviceDay) }),
      signOut: () => ({ ok: true, message: '', day: structuredClone(this.snapshot.serviceDay), summary: null }),
      getCitizenScreen: () => sampleCitizenScreen(),
      // 回电登记: kept in memory, checked as the service checks it.
      recordCallback: (draft) => {
        const checked = checkCallback(draft);
        if (!checked.ok) return { ok: false, message: checked.message, errors: checked.errors, callback: null };
        const callback = { id: this.callbacks.length + 1, caseId: null, ...checked.value, at: new Date().toISOString(), doneAt: null };
        this.callbacks.push(callback);
        return { ok: true, message: strings.prompts.callback.saved(callback.name, callback.phone), errors: {}, callback };
      },
      listCallbacks: ({ scope }) => structuredClone(this.callbacks.filter((c) => scope !== 'open' || c.doneAt === null)),
      setCallbackDone: ({ id, done }) => {
        const callback = this.callbacks.find((c) => c.id === id);
        if (!callback) return { ok: false, message: strings.prompts.callback.notFound, callback: null };
        callback.doneAt = done ? new Date().toISOString() : null;
        return { ok: true, message: '', callback: structuredClone(callback) };
      },
      getLeadSession: () => ({ configured: true, lead: null, idleMinutes: 10 }),
      unlockLead: () => ({ ok: false, message: '', session: { configured: true, lead: null, idleMinutes: 10 } }),
      lockLead: () => ({ configured: true, lead: null, idleMinutes: 10 }),
      saveExport: () => ({ ok: false, message: '', path: null }),
      // 签名 (issue 10): no decided case to sign unless a test says otherwise.
      getSigning: () => null,
      startSigning: () => ({ ok: false, message: '', signing: null }),
      simulateSignature: () => ({ ok: false, message: '', signing: null }),
      resetSignature: () => ({ ok: false, message: '', signing: null }),
      confirmSignature: () => ({ ok: false, message: '', signing: null }),
      cancelSigning: () => ({ ok: false, message: '', signing: null }),
      waiveSignature: () => ({ ok: false, message: '', signing: null }),
      submitScreenInk: () => ({ accepted: true }),
      getSlipSignature: () => ({ ok: false, message: '', signature: null }),
      // 高拍仪 (issue 11): camera disabled and no captures unless a test says otherwise.
      getCameraSettings: () => ({ mode: 'disabled', document: null, face: null, jpegQuality: 0.85 }),
      reportCamera: () => ({ ok: true }),
      getCaptures: () => null,
      getCaseCaptures: ({ caseId }) => ({ caseId, materials: [] }),
      addCapturePage: () => ({ ok: false, message: '', captures: null }),
      deleteCapturePage: () => ({ ok: false, message: '', captures: null }),
      moveCapturePage: () => ({ ok: false, message: '', captures: null }),
      getCapturePage: () => ({ ok: false, message: '', jpeg: null }),
      // 设备与诊断 (issue 12): no IT account unlocked unless a test says otherwise.
      getItSession: () => ({ configured: true, it: null, idleMinutes: 15 }),
      unlockIt: () => ({ ok: false, message: '', session: { configured: true, it: null, idleMinutes: 15 } }),
      lockIt: () => ({ configured: true, it: null, idleMinutes: 15 }),
      getDeviceDesk: () => ({ access: 'status', devices: this.snapshot.devices.map((status) => ({ status, settings: null })), candidates: null, configFile: 'config.json', centreFile: null }),
      saveDeviceSettings: () => ({ ok: false, message: '', issues: [] }),
      testDevice: ({ kind }) => ({ kind, state: 'idle', message: '' }),
      getDeviceTest: ({ kind }) => ({ kind, state: 'idle', message: '' }),
      writeDiagnosticBundle: () => ({ ok: false, message: '', file: null }),
      ...overrides,
    };
  }

  async invoke<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    this.calls.push({ method, params });
    const handler = this.handlers[method] as (params: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M>;
    return handler(params);
  }

  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: PayloadOf<E>) => void)(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsOf(method: MethodName): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}

/** A connection whose state the test sets. */
export class FakeConnection implements ConnectionSource {
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  constructor(public state: ConnectionState = 'connecting') {}
  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(state: ConnectionState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}

export function device(kind: DeviceStatus['kind'], state: DeviceState, reason = ''): DeviceStatus {
  return { kind, state, driver: state === 'simulated' ? `模拟设备 ${kind}` : `驱动 ${kind}`, reason, since: '2025-01-02T03:04:05.000Z' };
}

export function devicesAll(state: DeviceState): DeviceStatus[] {
  return DEVICE_KINDS.map((kind) => device(kind, state));
}

export const sampleApplicant: ApplicantView = {
  cardType: 'resident',
  name: '张三',
  gender: '男',
  ethnicity: '汉',
  address: '北京市东城区某某街道 1 号',
  idNumberMasked: '110101********1234',
  age: 35,
  issuingAuthority: '北京市公安局东城分局',
  validFrom: '20150101',
  validTo: '长期',
  readAt: '2025-11-23T05:30:00.000Z',
  source: '模拟身份证阅读器',
};

export function sampleCase(id = 'C20251123-0001', applicant: ApplicantView | null = sampleApplicant): CaseView {
  const openedAt = '2025-11-23T05:29:00.000Z';
  const base = { caseId: id, openedAt, updatedAt: openedAt, ticket: null, priority: { on: false, reason: null }, agent: null, contactPhone: null, delivery: null };
  const state: CaseView['flow']['state'] = applicant
    ? {
        ...base,
        phase: 'identified',
        applicant: { name: applicant.name, idType: 'residentId', idNumber: applicant.idNumberMasked, entry: { method: 'idCard', reader: applicant.source } },
      }
    : { ...base, phase: 'started', applicant: null };
  return {
    id,
    openedAt,
    applicant,
    agent: null,
    flow: { state, assessment: null, noticePreview: [], expectingAgentCard: false, slips: [] },
  };
}

export function sampleSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    shell: 'electron',
    counter: { centreName: '示例市政务服务中心', windowNumber: '01', clerkName: '李四', clerkStaffNumber: '0007' },
    devices: devicesAll('simulated'),
    configIssues: [],
    currentCase: null,
    serviceDay: sampleServiceDay('open'),
    ...overrides,
  };
}
