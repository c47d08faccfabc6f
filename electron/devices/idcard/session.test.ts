import { describe, expect, it } from 'vitest';
import { commands, fromHex } from './codec/frames';
import { CommandTimeoutError, SamSession } from './session';
import { createLoopbackPair } from './transports/loopback';
import { until } from '../../../test/support/until';

async function link(onStray?: () => void) {
  const [host, device] = createLoopbackPair();
  await host.open();
  await device.open();
  const commandsSeen: string[] = [];
  device.onData((b) => commandsSeen.push(Buffer.from(b).toString('hex')));
  return { host, device, session: new SamSession(host, onStray), commandsSeen };
}

const FIND_OK = fromHex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
const NO_CARD = fromHex('AA AA AA 96 69 00 04 00 00 80 84');
const SELECT_FAILED = fromHex('AA AA AA 96 69 00 04 00 00 81 85');

describe('SAM session', () => {
  it('answers a command with the next frame and counts the bytes', async () => {
    const { device, session } = await link();
    device.onData(() => void device.write(FIND_OK));
    const frame = await session.exchange(commands.findCard(), 200);
    expect(frame.sw3).toBe(0x9f);
    expect(session.bytesSent).toBe(10);
    expect(session.bytesReceived).toBe(15);
  });

  it('times out, and drops a late answer of the wrong shape instead of giving it to the next command', async () => {
    const { device, session } = await link();
    let calls = 0;
    device.onData(() => {
      calls++;
      if (calls === 1) setTimeout(() => void device.write(FIND_OK), 60); // late: arrives while select waits
      else setTimeout(() => void device.write(SELECT_FAILED), 120);
    });
    await expect(session.exchange(commands.findCard(), 30)).rejects.toBeInstanceOf(CommandTimeoutError);
    const second = await session.exchange(commands.selectCard(), 300, (f) => f.sw3 !== 0x9f);
    expect(second.sw3).toBe(0x81);
    expect(session.droppedFrames).toBe(1);
  });

  it('sends one command at a time', async () => {
    const { device, session, commandsSeen } = await link();
    device.onData(() => setTimeout(() => void device.write(NO_CARD), 20));
    const a = session.exchange(commands.findCard(), 200);
    const b = session.exchange(commands.selectCard(), 200);
    await new Promise((r) => setTimeout(r, 10));
    expect(commandsSeen).toHaveLength(1);
    await Promise.all([a, b]);
    expect(commandsSeen).toHaveLength(2);
  });

  it('counts frames nobody asked for as stray, but not the one late answer a timed-out command may still get', async () => {
    let strays = 0;
    const { device, session } = await link(() => strays++);
    // Unsolicited: no command was sent.
    await device.write(NO_CARD);
    await until(() => session.droppedFrames === 1);
    expect(session.strayFrames).toBe(1);
    // A command that times out, then its late answer: owed, not stray.
    await expect(session.exchange(commands.findCard(), 10)).rejects.toBeInstanceOf(CommandTimeoutError);
    await device.write(NO_CARD);
    await until(() => session.droppedFrames === 2);
    expect(session.strayFrames).toBe(1);
    // One command answered twice: the second frame is stray.
    const answered = session.exchange(commands.findCard(), 1000);
    await device.write(Uint8Array.from([...NO_CARD, ...NO_CARD]));
    expect((await answered).sw3).toBe(0x80);
    await until(() => session.droppedFrames === 3);
    expect(session.strayFrames).toBe(2);
    expect(strays).toBe(2);
  });

  it('fails a command in flight when the link goes away, and every later one', async () => {
    const { host, session } = await link();
    const pending = session.exchange(commands.findCard(), 1000);
    host.unplug();
    await expect(pending).rejects.toThrow('已断开');
    await expect(session.exchange(commands.findCard(), 100)).rejects.toThrow('已断开');
  });
});
