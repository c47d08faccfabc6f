import { describe, expect, it, vi } from 'vitest';
import { CounterApiError } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { createCounterApi } from './index';
import { PreloadBridgeClient, findPreloadBridge, type PreloadBridge } from './preload-bridge';
import { WebSocketClient } from './websocket-client';

function fakeBridge(invoke: PreloadBridge['invoke']) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: PreloadBridge = {
    invoke,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  const emit = (event: string, payload: unknown): void => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  return { bridge, emit };
}

describe('PreloadBridgeClient', () => {
  it('unwraps and validates { ok: true, result }', async () => {
    const invoke = vi.fn(async () => ({ ok: true, result: sampleSnapshot() }));
    const client = new PreloadBridgeClient(fakeBridge(invoke).bridge);
    await expect(client.invoke('getSnapshot', {})).resolves.toEqual(sampleSnapshot());
    expect(invoke).toHaveBeenCalledWith('getSnapshot', {});
  });

  it('turns { ok: false, error } into a CounterApiError with its code and Chinese message', async () => {
    const client = new PreloadBridgeClient(
      fakeBridge(async () => ({ ok: false, error: { code: 'unavailable', message: '终端服务暂不可用' } })).bridge,
    );
    const caught = await client.invoke('clearCase', {}).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(CounterApiError);
    expect(caught).toMatchObject({ code: 'unavailable', message: '终端服务暂不可用' });
  });

  it('keeps forbidden (the window’s role may not call the method) as its own code', async () => {
    const client = new PreloadBridgeClient(fakeBridge(async () => ({ ok: false, error: { code: 'forbidden', message: '此屏幕无权执行该操作（getSnapshot）' } })).bridge);
    await expect(client.invoke('getSnapshot', {})).rejects.toMatchObject({ code: 'forbidden', message: '此屏幕无权执行该操作（getSnapshot）' });
  });

  it('maps an unknown error code to failed, keeping the message', async () => {
    const client = new PreloadBridgeClient(
      fakeBridge(async () => ({ ok: false, error: { code: 'weird', message: '打印失败' } })).bridge,
    );
    await expect(client.invoke('clearCase', {})).rejects.toMatchObject({ code: 'failed', message: '打印失败' });
  });

  it('handles a rejection too, carrying .code and stripping the IPC prefix', async () => {
    const error = Object.assign(new Error("Error invoking remote method 'counter:invoke': Error: 终端服务暂不可用"), {
      code: 'unavailable',
    });
    const client = new PreloadBridgeClient(fakeBridge(() => Promise.reject(error)).bridge);
    await expect(client.invoke('clearCase', {})).rejects.toMatchObject({ code: 'unavailable', message: '终端服务暂不可用' });
  });

  it('reports a reply or result that breaks the contract', async () => {
    const onProtocolError = vi.fn();
    const replies: unknown[] = [{ ok: true, result: { cleared: 1 } }, { cleared: true }, null];
    const client = new PreloadBridgeClient(fakeBridge(async () => replies.shift()).bridge, { onProtocolError });
    for (let i = 0; i < 3; i++) {
      await expect(client.invoke('clearCase', {})).rejects.toMatchObject({
        code: 'failed',
        message: strings.apiClient.badResponse,
      });
    }
    expect(onProtocolError).toHaveBeenCalledTimes(3);
  });

  it('passes valid event payloads and drops invalid ones', () => {
    const onProtocolError = vi.fn();
    const { bridge, emit } = fakeBridge(async () => null);
    const client = new PreloadBridgeClient(bridge, { onProtocolError });
    const listener = vi.fn();
    const off = client.on('config.issues', listener);
    emit('config.issues', [{ field: 'counter.windowNumber', message: '缺少此项' }]);
    emit('config.issues', [{ field: 3 }]);
    off();
    emit('config.issues', []);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith([{ field: 'counter.windowNumber', message: '缺少此项' }]);
    expect(onProtocolError).toHaveBeenCalledOnce();
  });
});

describe('createCounterApi', () => {
  it('uses the preload bridge when window.counterApi exists', () => {
    const { bridge } = fakeBridge(async () => null);
    const { api, connection } = createCounterApi({ counterApi: bridge });
    expect(api).toBeInstanceOf(PreloadBridgeClient);
    expect(connection).toBeNull();
  });

  it('falls back to the WebSocket client otherwise', () => {
    expect(findPreloadBridge({ counterApi: { invoke: 1 } })).toBeNull();
    const created: string[] = [];
    class NoopSocket {
      onopen = null;
      onmessage = null;
      onclose = null;
      onerror = null;
      constructor(url: string) {
        created.push(url);
      }
      send(): void {}
      close(): void {}
    }
    vi.stubGlobal('WebSocket', NoopSocket);
    try {
      const { api, connection } = createCounterApi({});
      expect(api).toBeInstanceOf(WebSocketClient);
      expect(connection).toBe(api);
      expect(created).toEqual([`ws://${location.host}/api`]);
      (api as WebSocketClient).dispose();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('the fake API used by the component tests satisfies the interface', async () => {
    const api = new FakeCounterApi(sampleSnapshot());
    await expect(api.invoke('getSnapshot', {})).resolves.toEqual(sampleSnapshot());
  });
});
