import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { events, type ConnectionRole, type EventName } from '../../shared/contract';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/wire';
import { strings } from '../../shared/i18n';
import type { EventListener, HandleResult } from '../services/app/types';
import { resolveAppPage } from './app-page';
import { registerIpc } from './ipc';
import { FakeFrame, FakeSession, FakeWebContents, fake } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const outDir = resolve('/opt/counter/out');
const page = resolveAppPage({ outDir, isPackaged: true });
const OWN = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;

beforeEach(() => fake.reset());

function setup() {
  const listeners: EventListener[] = [];
  const services = {
    handle: vi.fn(async (method: unknown, _params: unknown): Promise<HandleResult> => ({ ok: true, result: { echoed: method } })),
    onEvent: vi.fn((listener: EventListener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    }),
  };
  const clerk = new FakeWebContents(new FakeSession());
  clerk.showUrl(OWN);
  const trusted: FakeWebContents[] = [clerk];
  // What the shell knows each window to be; a window missing here has no role.
  const roles = new Map<FakeWebContents, ConnectionRole>([[clerk, 'clerk']]);
  const log = vi.fn();
  const dispose = registerIpc({ services, page, trustedContents: () => trusted as never, roleOf: (contents) => roles.get(contents as never) ?? null, log });
  const handler = fake.ipcMain.handlers.get(IPC_INVOKE_CHANNEL);
  if (!handler) throw new Error('no handler registered');
  const invoke = (sender: FakeWebContents, senderFrame: FakeFrame | null, method: unknown, params: unknown) =>
    handler({ sender, senderFrame, frameId: 1, processId: 1 }, method, params) as Promise<HandleResult>;
  const emit: EventListener = (name, payload) => {
    for (const listener of [...listeners]) listener(name, payload);
  };
  /** Opens another of our windows showing our page, with the role the shell gives it (none: undefined). */
  const addWindow = (role?: ConnectionRole) => {
    const contents = new FakeWebContents(new FakeSession());
    contents.showUrl(OWN);
    trusted.push(contents);
    if (role) roles.set(contents, role);
    return contents;
  };
  return { services, clerk, trusted, roles, log, dispose, invoke, emit, listeners, addWindow };
}

const REFUSED = { ok: false, error: { code: 'bad-request', message: strings.shellMessages.ipcRejected } };

describe('IPC requests', () => {
  it('forwards a request from our page to services.handle with exactly its method and params', async () => {
    const { services, clerk, invoke } = setup();
    const params = { kind: 'idcard' };
    const reply = await invoke(clerk, clerk.mainFrame, 'restartDevice', params);
    expect(services.handle).toHaveBeenCalledTimes(1);
    expect(services.handle.mock.calls[0]).toEqual(['restartDevice', params, { connection: `ipc:${clerk.id}`, role: 'clerk' }]);
    expect(services.handle.mock.calls[0]![1]).toBe(params);
    expect(reply).toEqual({ ok: true, result: { echoed: 'restartDevice' } });
  });

  it('names each window as its own connection, so a lead unlocked in one is not unlocked in another', async () => {
    const { services, clerk, addWindow, invoke } = setup();
    const citizen = addWindow('citizen');
    await invoke(clerk, clerk.mainFrame, 'getLeadSession', {});
    await invoke(citizen, citizen.mainFrame, 'getLeadSession', {});
    const [a, b] = services.handle.mock.calls.map((call) => (call as unknown[])[2] as { connection: string });
    expect(a!.connection).toBe(`ipc:${clerk.id}`);
    expect(b!.connection).toBe(`ipc:${citizen.id}`);
    expect(a!.connection).not.toBe(b!.connection);
  });

  it('passes the services’ error envelope through unchanged', async () => {
    const { services, clerk, invoke } = setup();
    const failure: HandleResult = { ok: false, error: { code: 'unknown-method', message: '未知的请求：x' } };
    services.handle.mockResolvedValueOnce(failure);
    expect(await invoke(clerk, clerk.mainFrame, 'x', {})).toEqual(failure);
  });

  it('refuses a request without a sender frame', async () => {
    const { services, clerk, invoke, log } = setup();
    expect(await invoke(clerk, null, 'getSnapshot', {})).toEqual(REFUSED);
    expect(services.handle).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('没有发送方框架'));
  });

  it('refuses a request from a subframe, even one showing our page', async () => {
    const { services, clerk, invoke } = setup();
    expect(await invoke(clerk, clerk.subframe(OWN), 'getSnapshot', {})).toEqual(REFUSED);
    expect(services.handle).not.toHaveBeenCalled();
  });

  it('refuses a request from a foreign page in our window', async () => {
    const { services, clerk, invoke, log } = setup();
    clerk.showUrl('https://evil.example/steal?id=1');
    expect(await invoke(clerk, clerk.mainFrame, 'getSnapshot', {})).toEqual(REFUSED);
    expect(services.handle).not.toHaveBeenCalled();
    // The log names the origin, not the path or query.
    expect(log).toHaveBeenCalledWith(expect.stringContaining('https://evil.example'));
    expect(log.mock.calls.some(([line]) => String(line).includes('steal'))).toBe(false);
  });

  it('refuses a request from a local file that is not our page', async () => {
    const { services, clerk, invoke } = setup();
    clerk.showUrl(pathToFileURL('/tmp/index.html').href);
    expect(await invoke(clerk, clerk.mainFrame, 'getSnapshot', {})).toEqual(REFUSED);
    expect(services.handle).not.toHaveBeenCalled();
  });

  it('refuses a request from a web contents that is not one of our windows, even showing our page', async () => {
    const { services, invoke } = setup();
    const stranger = new FakeWebContents(new FakeSession());
    stranger.showUrl(OWN);
    expect(await invoke(stranger, stranger.mainFrame, 'getSnapshot', {})).toEqual(REFUSED);
    expect(services.handle).not.toHaveBeenCalled();
  });

  it('refuses a frame that claims to be top-level but is not the window’s main frame', async () => {
    const { services, clerk, invoke } = setup();
    expect(await invoke(clerk, new FakeFrame(OWN), 'getSnapshot', {})).toEqual(REFUSED);
    expect(services.handle).not.toHaveBeenCalled();
  });

  it('refuses when the sender frame is already disposed (access throws)', async () => {
    const { services, clerk, invoke } = setup();
    const disposed = Object.defineProperty(new FakeFrame(OWN), 'parent', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    expect(await invoke(clerk, disposed, 'getSnapshot', {})).toEqual(REFUSED);
    expect(services.handle).not.toHaveBeenCalled();
  });

  it('answers with a Chinese error if services.handle throws after all', async () => {
    const { services, clerk, invoke } = setup();
    services.handle.mockRejectedValueOnce(new Error('boom'));
    expect(await invoke(clerk, clerk.mainFrame, 'getSnapshot', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: strings.shellMessages.ipcFailed },
    });
  });
});

describe('IPC events', () => {
  it('sends every service event to our window as (event, payload)', () => {
    const { clerk, emit } = setup();
    const payload = { kind: 'idcard', level: 'warning', message: '阅读器未连接' } as const;
    emit('device.notice', payload);
    emit('case.changed', null);
    expect(clerk.sent).toEqual([
      [IPC_EVENT_CHANNEL, 'device.notice', payload],
      [IPC_EVENT_CHANNEL, 'case.changed', null],
    ]);
  });

  it('does not send to a destroyed window or one that shows another page', () => {
    const { clerk, trusted, emit } = setup();
    const other = new FakeWebContents(new FakeSession());
    other.showUrl('https://evil.example/');
    trusted.push(other);
    clerk.destroyed = true;
    emit('case.changed', null);
    expect(clerk.sent).toEqual([]);
    expect(other.sent).toEqual([]);
  });
});

describe('registerIpc disposer', () => {
  it('removes the handler and the event subscription, once', () => {
    const { dispose, listeners, clerk, emit } = setup();
    expect(listeners).toHaveLength(1);
    dispose();
    dispose();
    expect(fake.ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    expect(fake.ipcMain.removeHandler).toHaveBeenCalledTimes(1);
    expect(listeners).toHaveLength(0);
    emit('case.changed', null);
    expect(clerk.sent).toEqual([]);
  });
});

describe('IPC roles: each window is what the shell made it', () => {
  it('the citizen window asks as a citizen; the dispatcher decides what that role may call', async () => {
    const { services, addWindow, invoke } = setup();
    const citizen = addWindow('citizen');
    await invoke(citizen, citizen.mainFrame, 'getCitizenScreen', {});
    expect(services.handle.mock.calls[0]).toEqual(['getCitizenScreen', {}, { connection: `ipc:${citizen.id}`, role: 'citizen' }]);
  });

  it('refuses every request of one of our windows the shell gave no role, without asking the services', async () => {
    const { services, addWindow, invoke, log } = setup();
    const unknown = addWindow();
    expect(await invoke(unknown, unknown.mainFrame, 'getCitizenScreen', {})).toEqual(REFUSED);
    expect(await invoke(unknown, unknown.mainFrame, 'getSnapshot', {})).toEqual(REFUSED);
    expect(services.handle).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('窗口角色未知'));
  });

  it('sends each window only the events of its role: the citizen window never gets the case, a window without a role nothing', () => {
    const { clerk, addWindow, emit } = setup();
    const citizen = addWindow('citizen');
    const unknown = addWindow();
    for (const name of Object.keys(events) as EventName[]) emit(name, null as never);
    const sent = (contents: FakeWebContents) => contents.sent.map((call) => call[1]);
    // 签名 (issue 10): the box and its ink, shown on the citizen screen while the applicant signs.
    expect(sent(citizen)).toEqual(['citizen.serviceDay', 'evaluation.request', 'signature.changed', 'signature.ink']);
    expect(sent(citizen)).not.toContain('case.changed');
    expect(sent(clerk)).toContain('case.changed');
    expect(sent(clerk)).not.toContain('evaluation.request');
    expect(sent(unknown)).toEqual([]);
  });

  it('asks the role lookup on every event: a window that lost its role hears nothing more', () => {
    const { roles, addWindow, emit } = setup();
    const citizen = addWindow('citizen');
    emit('evaluation.request', null as never);
    roles.delete(citizen);
    emit('evaluation.request', null as never);
    expect(citizen.sent).toHaveLength(1);
  });
});
