import { describe, expect, it } from 'vitest';
import { SamStatusError } from './codec/status-codes';
import { checkSam, DEFAULT_TIMEOUTS, selectAndRead, UnreadableCardError, withRetries } from './read-flow';
import { SAMPLE_HMT_CARD } from './sample-cards';
import { CommandTimeoutError, SamSession } from './session';
import { textBlockOf } from './simulator/card-image';
import { responseFrame } from './simulator/wire';
import { createLoopbackPair } from './transports/loopback';

/** A scripted reader: answers each command (by "CMD PARA" hex) with the frames listed for it. */
async function scripted(answers: Record<string, Uint8Array[][]>) {
  const [host, device] = createLoopbackPair();
  await host.open();
  await device.open();
  const seen: string[] = [];
  device.onData((b) => {
    const key = Buffer.from(b.subarray(7, 9)).toString('hex').toUpperCase().replace(/(..)(..)/, '$1 $2');
    seen.push(key);
    const next = answers[key]?.shift() ?? [];
    for (const frame of next) void device.write(frame);
  });
  return { session: new SamSession(host), seen };
}

const be = (n: number) => [n >> 8, n & 0xff];
const readPayload = (text: Uint8Array) => [...be(256), ...be(1024), ...text, ...new Array(1024).fill(7)];

describe('read flow', () => {
  it('drops a late find answer (9F) that arrives while select waits, and reads the card', async () => {
    const { session, seen } = await scripted({
      '20 02': [[responseFrame(0x9f, [0, 0, 0, 0]), responseFrame(0x90, new Array(8).fill(0))]],
      '30 01': [[responseFrame(0x90, readPayload(textBlockOf(SAMPLE_HMT_CARD)))]],
    });
    const read = await selectAndRead(session, DEFAULT_TIMEOUTS);
    expect(read.card).toEqual(SAMPLE_HMT_CARD);
    expect(read.photoWlt.every((b) => b === 7)).toBe(true);
    expect(session.droppedFrames).toBe(1);
    expect(seen).toEqual(['20 02', '30 01']);
  });

  it('retries a command the reader reports as garbled (10), but not a card error (41)', async () => {
    const { session, seen } = await scripted({
      '20 02': [[responseFrame(0x10)], [responseFrame(0x90, new Array(8).fill(0))], [responseFrame(0x90, new Array(8).fill(0))]],
      '30 01': [[responseFrame(0x41)]],
    });
    const error = await selectAndRead(session, DEFAULT_TIMEOUTS, { retry: { attempts: 3, baseDelayMs: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SamStatusError);
    expect((error as SamStatusError).sw3).toBe(0x41);
    expect(seen).toEqual(['20 02', '20 02', '30 01']);
  });

  it('refuses a read whose length fields do not match the frame', async () => {
    const { session } = await scripted({
      '20 02': [[responseFrame(0x90, new Array(8).fill(0))]],
      '30 01': [[responseFrame(0x90, [...be(256), ...be(1024), 1, 2, 3])]],
    });
    await expect(selectAndRead(session, DEFAULT_TIMEOUTS)).rejects.toBeInstanceOf(UnreadableCardError);
  });

  it('reads the newest appended address (30 03) when asked', async () => {
    const address = Buffer.from('迁入地址示例路 1 号'.padEnd(35, ' '), 'utf16le');
    const { session } = await scripted({
      '20 02': [[responseFrame(0x90, new Array(8).fill(0))]],
      '30 01': [[responseFrame(0x90, readPayload(textBlockOf(SAMPLE_HMT_CARD)))]],
      '30 03': [[responseFrame(0x90, Array.from(address))]],
    });
    const read = await selectAndRead(session, DEFAULT_TIMEOUTS, { appendedAddress: true });
    expect(read.appendedAddress).toBe('迁入地址示例路 1 号');
  });

  it('checks the SAM: status 90, then its id', async () => {
    const id = Array.from({ length: 16 }, (_, i) => i);
    const { session, seen } = await scripted({ '11 FF': [[responseFrame(0x90)]], '12 FF': [[responseFrame(0x90, id)]] });
    expect(await checkSam(session, DEFAULT_TIMEOUTS)).toEqual({ samId: '000102030405060708090A0B0C0D0E0F' });
    expect(seen).toEqual(['11 FF', '12 FF']);
  });

  it('backs off between retries, doubling the delay, and gives up after the last attempt', async () => {
    const delays: number[] = [];
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new CommandTimeoutError());
    };
    await expect(withRetries({ attempts: 4, baseDelayMs: 10 }, failing, async (ms) => void delays.push(ms))).rejects.toBeInstanceOf(
      CommandTimeoutError,
    );
    expect(calls).toBe(4);
    expect(delays).toEqual([10, 20, 40]);
  });
});
