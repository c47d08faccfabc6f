import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/wire';
import { strings } from '../../shared/i18n';
import { EVENT_CHANNEL, INVOKE_CHANNEL, createCounterBridge, normalizeReply, type BridgeIpc } from './counter-bridge';
import './preload';
import { fake } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

// What importing the preload did, recorded before any test runs.
const exposeCalls = [...fake.contextBridge.exposeInMainWorld.mock.calls];
const otherBridgeCalls = fake.contextBridge.exposeInIsolatedWorld.mock.calls.length + fake.contextBridge.executeInMainWorld.mock.calls.length;

function fakeIpc() {
  const emitter = new EventEmitter();
  const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, result: 1 }));
  const ipc = { invoke, on: (channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener) };
  return { ipc: ipc as unknown as BridgeIpc, invoke, emitter };
}

describe('what the preload exposes', () => {
  it('exposes exactly one object, window.counterApi, with exactly invoke and on', () => {
    expect(exposeCalls).toHaveLength(1);
    expect(otherBridgeCalls).toBe(0);
    const [key, api] = exposeCalls[0] as [string, Record<string, unknown>];
    expect(key).toBe('counterApi');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('uses the contract’s channel names', () => {
    expect(INVOKE_CHANNEL).toBe(IPC_INVOKE_CHANNEL);
    expect(EVENT_CHANNEL).toBe(IPC_EVENT_CHANNEL);
  });

  it('the exposed object talks over ipcRenderer on those channels', async () => {
    const [, api] = exposeCalls[0] as [string, { invoke: (m: string, p: unknown) => Promise<unknown>; on: (e: string, l: (p: unknown) => void) => () => void }];
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { cleared: true } });
    expect(await api.invoke('clearCase', {})).toEqual({ ok: true, result: { cleared: true } });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'clearCase', {});

    const listener = vi.fn();
    const off = api.on('case.changed', listener);
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, { sender: 'ipc event object' }, 'case.changed', null);
    off();
    expect(listener.mock.calls).toEqual([[null]]);
  });
});

describe('invoke', () => {
  it('resolves to the result envelope and sends exactly method and params', async () => {
    const { ipc, invoke } = fakeIpc();
    invoke.mockResolvedValueOnce({ ok: true, result: { accepted: true, message: '模拟证件已读取' } });
    const bridge = createCounterBridge(ipc);
    const params = { kind: 'camera' };
    expect(await bridge.invoke('restartDevice', params)).toEqual({ ok: true, result: { accepted: true, message: '模拟证件已读取' } });
    expect(invoke.mock.calls).toEqual([[IPC_INVOKE_CHANNEL, 'restartDevice', params]]);
  });

  it('resolves (never rejects) to the error envelope with code and Chinese message', async () => {
    const { ipc, invoke } = fakeIpc();
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'bad-request', message: '参数无效' } });
    expect(await createCounterBridge(ipc).invoke('x', {})).toEqual({ ok: false, error: { code: 'bad-request', message: '参数无效' } });
  });

  it('turns a transport failure into an "unavailable" envelope', async () => {
    const { ipc, invoke } = fakeIpc();
    invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'counter:invoke': No handler registered"));
    expect(await createCounterBridge(ipc).invoke('getSnapshot', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: strings.shellMessages.ipcUnavailable },
    });
  });

  it('passes on only the envelope’s own fields; anything malformed becomes "failed"', () => {
    expect(normalizeReply({ ok: true, result: 1, extra: 'x' })).toEqual({ ok: true, result: 1 });
    expect(normalizeReply({ ok: false, error: { code: 'failed', message: 'm', stack: 's' } })).toEqual({ ok: false, error: { code: 'failed', message: 'm' } });
    const failed = { ok: false, error: { code: 'failed', message: strings.shellMessages.ipcFailed } };
    for (const reply of [undefined, null, 42, 'ok', {}, { ok: 'yes' }, { ok: false }, { ok: false, error: { code: 1, message: 'm' } }]) {
      expect(normalizeReply(reply), JSON.stringify(reply)).toEqual(failed);
    }
  });
});

describe('on', () => {
  it('delivers the payload only, for the named event only', () => {
    const { ipc, emitter } = fakeIpc();
    const bridge = createCounterBridge(ipc);
    const listener = vi.fn();
    bridge.on('devices.changed', listener);
    emitter.emit(IPC_EVENT_CHANNEL, { sender: {}, ports: [] }, 'devices.changed', [{ kind: 'idcard' }]);
    emitter.emit(IPC_EVENT_CHANNEL, { sender: {} }, 'case.changed', null);
    emitter.emit(IPC_EVENT_CHANNEL, { sender: {} }, 42, 'not an event name');
    expect(listener.mock.calls).toEqual([[[{ kind: 'idcard' }]]]);
  });

  it('unsubscribes, idempotently, without touching other subscriptions', () => {
    const { ipc, emitter } = fakeIpc();
    const bridge = createCounterBridge(ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.on('case.changed', a);
    bridge.on('case.changed', b);
    offA();
    offA();
    emitter.emit(IPC_EVENT_CHANNEL, {}, 'case.changed', null);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('the same function subscribed twice is two subscriptions', () => {
    const { ipc, emitter } = fakeIpc();
    const bridge = createCounterBridge(ipc);
    const listener = vi.fn();
    const off1 = bridge.on('case.changed', listener);
    bridge.on('case.changed', listener);
    off1();
    emitter.emit(IPC_EVENT_CHANNEL, {}, 'case.changed', null);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('uses one ipcRenderer listener however many subscriptions there are', () => {
    const { ipc, emitter } = fakeIpc();
    const bridge = createCounterBridge(ipc);
    for (let i = 0; i < 25; i += 1) bridge.on('devices.changed', () => undefined);
    expect(emitter.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
  });

  it('a throwing listener does not stop the others; its error is rethrown asynchronously', () => {
    const { ipc, emitter } = fakeIpc();
    const bridge = createCounterBridge(ipc);
    const after = vi.fn();
    bridge.on('case.changed', () => {
      throw new Error('listener bug');
    });
    bridge.on('case.changed', after);
    const deferred: Array<() => void> = [];
    vi.stubGlobal('queueMicrotask', (task: () => void) => deferred.push(task));
    try {
      emitter.emit(IPC_EVENT_CHANNEL, {}, 'case.changed', null);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(after).toHaveBeenCalledTimes(1);
    expect(deferred).toHaveLength(1);
    expect(() => deferred[0]!()).toThrow('listener bug');
  });

  it('rejects a call with the wrong argument types', () => {
    const { ipc } = fakeIpc();
    const bridge = createCounterBridge(ipc);
    expect(() => bridge.on(42 as never, () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('case.changed', 'not a function' as never)).toThrow(TypeError);
  });
});
