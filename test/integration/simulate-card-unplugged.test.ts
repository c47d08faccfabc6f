/**
 * 模拟刷证 while the simulated reader is unplugged (its socat pty pair gone):
 * refused through the contract with a Chinese reason, no case opened; plugged
 * back in, it works again. The fault as the reliability test found it: the
 * service answered 模拟证件已读取 with nothing there to read the card.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus, ServerMessage, Snapshot } from '../../shared/contract';
import { driverRegistry } from '../../electron/services/app/counter-services';
import type { SimulatedSamReader } from '../../electron/devices/idcard/simulated-sam-reader';
import type { PtySimulator } from '../../electron/devices/idcard/simulator/pty-simulator';
import { socatAvailable } from '../../electron/devices/pty/pty-pair';
import { startShell, TestClient, type Running } from './web-shell-harness';

const idcardEntry = driverRegistry.idcard!;
const makeSimulated = idcardEntry.simulated!;
let running: Running | undefined;
afterEach(async () => {
  idcardEntry.simulated = makeSimulated;
  await running?.stop();
  running = undefined;
});

type Event = Extract<ServerMessage, { type: 'event' }>;
type SimulateResult = { ok: true; result: { accepted: boolean; message: string } };

async function snapshot(client: TestClient): Promise<Snapshot> {
  return ((await client.request('getSnapshot')) as { result: Snapshot }).result;
}

/** The devices.changed event (after `from` messages) in which the reader reached `state`. */
function readerBecame(client: TestClient, state: DeviceStatus['state'], from: number) {
  return client.waitFor(
    (m): m is Event =>
      client.messages.indexOf(m) >= from &&
      m.type === 'event' &&
      m.event === 'devices.changed' &&
      (m.payload as DeviceStatus[]).some((d) => d.kind === 'idcard' && d.state === state),
  );
}

describe.runIf(socatAvailable())('模拟刷证 and the simulated reader’s connection', () => {
  it('is refused in Chinese while the reader is unplugged, opens no case, and works again once it is back', async () => {
    let reader: SimulatedSamReader | undefined;
    idcardEntry.simulated = (settings) => (reader = makeSimulated(settings) as SimulatedSamReader);
    running = await startShell();
    const client = await TestClient.connect(running.shell);
    expect((await snapshot(client)).devices.find((d) => d.kind === 'idcard')?.state).toBe('simulated');
    // The simulated reader's own pty pair: unplugging it is pulling the USB plug.
    const pty = (reader as unknown as { pty: PtySimulator | null }).pty;
    expect(pty).not.toBeNull();

    let mark = client.messages.length;
    await pty!.unplug();
    await readerBecame(client, 'disconnected', mark);
    const refused = (await client.request('simulateCardRead')) as SimulateResult;
    expect(refused.result).toEqual({ accepted: false, message: '模拟阅读器当前未连接，无法模拟刷证；请等待设备状态恢复为“模拟”后再试' });
    expect((await snapshot(client)).currentCase).toBeNull();

    mark = client.messages.length;
    await pty!.replug();
    await readerBecame(client, 'simulated', mark);
    const accepted = (await client.request('simulateCardRead')) as SimulateResult;
    expect(accepted.result).toEqual({ accepted: true, message: '模拟证件已读取' });
    await client.waitFor((m): m is Event => m.type === 'event' && m.event === 'case.changed');
    expect((await snapshot(client)).currentCase).not.toBeNull();
    client.close();
  });
});
