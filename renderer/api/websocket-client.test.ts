import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CounterApiError, type PayloadOf } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { sampleSnapshot } from '../test-support/fake-api';
import { WebSocketClient, defaultWebSocketUrl, type ConnectionState, type WebSocketLike } from './websocket-client';

/** A WebSocket the test drives by hand. */
class FakeSocket implements WebSocketLike {
  static instances: FakeSocket[] = [];
  readonly sent: unknown[] = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason?: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000): void {
    this.closedWith = code;
  }
  // Server side
  open(): void {
    this.onopen?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  drop(code: number): void {
    this.onerror?.({});
    this.onclose?.({ code });
  }
  lastRequest(): { id: number; method: string; params: unknown } {
    return this.sent.at(-1) as { id: number; method: string; params: unknown };
  }
}

function latest(): FakeSocket {
  const socket = FakeSocket.instances.at(-1);
  if (!socket) throw new Error('no socket');
  return socket;
}

let protocolErrors: string[];
let states: ConnectionState[];
let client: WebSocketClient;

function makeClient(): WebSocketClient {
  const c = new WebSocketClient({
    url: 'ws://127.0.0.1:5710/api',
    WebSocket: FakeSocket,
    onProtocolError: (reason) => protocolErrors.push(reason),
  });
  c.subscribe((s) => states.push(s));
  return c;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.instances = [];
  protocolErrors = [];
  states = [];
  client = makeClient();
});

afterEach(() => {
  client.dispose();
  vi.useRealTimers();
});

describe('WebSocketClient', () => {
  it('connects to the given URL and reports open', () => {
    expect(FakeSocket.instances).toHaveLength(1);
    expect(latest().url).toBe('ws://127.0.0.1:5710/api');
    expect(client.state).toBe('connecting');
    latest().open();
    expect(client.state).toBe('open');
    expect(states).toEqual(['open']);
  });

  it('derives the same-origin URL from the page location', () => {
    expect(defaultWebSocketUrl({ protocol: 'http:', host: '127.0.0.1:5710' })).toBe('ws://127.0.0.1:5710/api');
    expect(defaultWebSocketUrl({ protocol: 'https:', host: 'localhost:8443' })).toBe('wss://localhost:8443/api');
  });

  it('asks the web shell for the citizen role on the citizen screen, and for the clerk role otherwise', () => {
    expect(defaultWebSocketUrl({ protocol: 'http:', host: '127.0.0.1:5710' }, 'citizen')).toBe('ws://127.0.0.1:5710/api?screen=citizen');
    expect(defaultWebSocketUrl({ protocol: 'http:', host: '127.0.0.1:5710' }, 'clerk')).toBe('ws://127.0.0.1:5710/api');
    const citizen = new WebSocketClient({ role: 'citizen', WebSocket: FakeSocket });
    expect(latest().url).toMatch(/\/api\?screen=citizen$/);
    citizen.dispose();
  });

  it('refuses requests before the socket is open', async () => {
    await expect(client.invoke('getSnapshot', {})).rejects.toMatchObject({
      code: 'unavailable',
      message: strings.apiClient.notConnected,
    });
    expect(latest().sent).toEqual([]);
  });

  it('resolves each response to the request with its id, validated', async () => {
    const socket = latest();
    socket.open();
    const first = client.invoke('getSnapshot', {});
    const firstId = socket.lastRequest().id;
    const second = client.invoke('simulateCardRead', {});
    const secondId = socket.lastRequest().id;
    expect(firstId).not.toBe(secondId);
    expect(socket.sent).toEqual([
      { type: 'request', id: firstId, method: 'getSnapshot', params: {} },
      { type: 'request', id: secondId, method: 'simulateCardRead', params: {} },
    ]);

    // Answer out of order.
    socket.receive({ type: 'response', id: secondId, ok: true, result: { accepted: false, message: '阅读器忙' } });
    socket.receive({ type: 'response', id: firstId, ok: true, result: sampleSnapshot() });
    await expect(second).resolves.toEqual({ accepted: false, message: '阅读器忙' });
    await expect(first).resolves.toEqual(sampleSnapshot());
    expect(protocolErrors).toEqual([]);
  });

  it('rejects with the server error code and Chinese message', async () => {
    const socket = latest();
    socket.open();
    const pending = client.invoke('clearCase', {});
    socket.receive({
      type: 'response',
      id: socket.lastRequest().id,
      ok: false,
      error: { code: 'failed', message: '操作失败：数据库忙' },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CounterApiError);
    expect(error).toMatchObject({ code: 'failed', message: '操作失败：数据库忙' });
  });

  it('a refusal for the connection’s role arrives as forbidden with its Chinese message, not as a protocol error', async () => {
    const socket = latest();
    socket.open();
    const pending = client.invoke('getSnapshot', {});
    socket.receive({ type: 'response', id: socket.lastRequest().id, ok: false, error: { code: 'forbidden', message: strings.roles.forbidden('getSnapshot') } });
    await expect(pending).rejects.toMatchObject({ code: 'forbidden', message: strings.roles.forbidden('getSnapshot') });
    expect(protocolErrors).toEqual([]);
  });

  it('rejects a result that does not fit the method schema', async () => {
    const socket = latest();
    socket.open();
    const pending = client.invoke('clearCase', {});
    socket.receive({ type: 'response', id: socket.lastRequest().id, ok: true, result: { cleared: 'yes' } });
    await expect(pending).rejects.toMatchObject({ code: 'failed', message: strings.apiClient.badResponse });
    expect(protocolErrors).toHaveLength(1);
    expect(protocolErrors[0]).toContain('clearCase');
  });

  it('ignores invalid messages and reports them through onProtocolError', async () => {
    const socket = latest();
    socket.open();
    const listener = vi.fn();
    client.on('case.changed', listener);
    const pending = client.invoke('clearCase', {});
    const id = socket.lastRequest().id;

    socket.receive('not json {');
    socket.receive({ type: 'hello' });
    socket.receive({ type: 'response', id: 999, ok: true, result: {} });
    socket.receive({ type: 'event', event: 'no.such.event', payload: {} });
    socket.receive({ type: 'event', event: 'case.changed', payload: { id: 5 } });
    socket.onmessage?.({ data: new ArrayBuffer(4) });
    expect(protocolErrors).toHaveLength(6);
    expect(listener).not.toHaveBeenCalled();
    // Reasons never carry the payload's data.
    expect(protocolErrors.join(' ')).not.toContain('not json');

    // The connection keeps working after the bad messages.
    socket.receive({ type: 'response', id, ok: true, result: { cleared: true } });
    await expect(pending).resolves.toEqual({ cleared: true });
  });

  it('delivers valid events to their listeners until unsubscribed', () => {
    const socket = latest();
    socket.open();
    const seen: PayloadOf<'device.notice'>[] = [];
    const off = client.on('device.notice', (payload) => seen.push(payload));
    const notice = { kind: 'printer', level: 'warning', message: '打印机缺纸' } as const;
    socket.receive({ type: 'event', event: 'device.notice', payload: notice });
    off();
    socket.receive({ type: 'event', event: 'device.notice', payload: notice });
    expect(seen).toEqual([notice]);
  });

  it('fails pending requests in Chinese when the socket closes', async () => {
    const socket = latest();
    socket.open();
    const pending = client.invoke('getSnapshot', {});
    socket.drop(1006);
    await expect(pending).rejects.toMatchObject({ code: 'unavailable', message: strings.apiClient.connectionClosed });
  });

  it('fails a request the server never answers', async () => {
    latest().open();
    const pending = client.invoke('getSnapshot', {});
    vi.advanceTimersByTime(15_000);
    await expect(pending).rejects.toMatchObject({ code: 'unavailable', message: strings.apiClient.timeout });
  });

  it('close 4401 → rejected, and no reconnect', () => {
    latest().open();
    latest().drop(4401);
    expect(client.state).toBe('rejected');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('close 4403 before ever opening → rejected', () => {
    latest().drop(4403);
    expect(client.state).toBe('rejected');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('close 1006 → lost, reconnect scheduled with back-off, reset after a good connection', () => {
    latest().open();
    latest().drop(1006);
    expect(client.state).toBe('lost');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(499);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);

    // Failing again: 1 s, then 2 s, 4 s, capped at 5 s.
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = FakeSocket.instances.length;
      latest().drop(1006);
      let waited = 0;
      while (FakeSocket.instances.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(client.state).toBe('lost');

    latest().open();
    expect(client.state).toBe('open');
    latest().drop(1001);
    vi.advanceTimersByTime(500);
    expect(latest().closedWith).toBeNull();
    expect(FakeSocket.instances).toHaveLength(8);
    expect(states).toEqual(['open', 'lost', 'open', 'lost']);
  });

  it('stays "connecting" while the first connection keeps failing', () => {
    latest().drop(1006);
    expect(client.state).toBe('connecting');
    vi.advanceTimersByTime(500);
    expect(FakeSocket.instances).toHaveLength(2);
    latest().open();
    expect(client.state).toBe('open');
  });

  it('dispose closes the socket and stops reconnecting', async () => {
    const socket = latest();
    socket.open();
    const pending = client.invoke('getSnapshot', {});
    client.dispose();
    expect(socket.closedWith).toBe(1000);
    await expect(pending).rejects.toBeInstanceOf(CounterApiError);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('validates params before sending', async () => {
    latest().open();
    await expect(
      client.invoke('restartDevice', { kind: 'toaster' } as unknown as { kind: 'printer' }),
    ).rejects.toMatchObject({ code: 'bad-request' });
    expect(latest().sent).toEqual([]);
  });
});
