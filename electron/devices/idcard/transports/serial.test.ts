import { once } from 'node:events';
import { SerialPort, SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransportError } from './transport';
import { openError, SerialTransport } from './serial';

// The transport over node-serialport's mock binding, so a test can close the
// stream under it the way a read error does when the device goes away.
vi.mock('serialport', async (importOriginal) => {
  const real = await importOriginal<typeof import('serialport')>();
  class RecordedPort extends real.SerialPortMock {
    static opened: RecordedPort[] = [];
    constructor(...args: ConstructorParameters<typeof real.SerialPortMock>) {
      super(...args);
      RecordedPort.opened.push(this);
    }
  }
  return { ...real, SerialPort: RecordedPort };
});

const PATH = '/dev/ttyMOCK0';
const openedPorts = (): InstanceType<typeof SerialPort>[] => (SerialPort as unknown as { opened: InstanceType<typeof SerialPort>[] }).opened;

/** What a write came to: written, refused with its code, or still waiting. */
async function outcomeOf(writing: Promise<void>): Promise<string> {
  const settled = writing.then(
    () => 'written',
    (error: unknown) => (error instanceof TransportError ? error.code : String(error)),
  );
  return Promise.race([settled, new Promise<string>((resolve) => setTimeout(() => resolve('still waiting'), 50))]);
}

describe('serial transport', () => {
  afterEach(() => {
    openedPorts().length = 0;
    SerialPortMock.binding.reset();
  });

  async function openTransport(): Promise<{ transport: SerialTransport; stream: InstanceType<typeof SerialPort> }> {
    SerialPortMock.binding.createPort(PATH, { echo: false, record: true });
    const transport = new SerialTransport(PATH, 9600);
    await transport.open();
    return { transport, stream: openedPorts().at(-1)! };
  }

  it('writes the bytes to the port', async () => {
    const { transport, stream } = await openTransport();
    await transport.write(Uint8Array.of(0xaa, 0x55));
    expect([...(stream.port as unknown as { recording: Buffer }).recording]).toEqual([0xaa, 0x55]);
    await transport.close();
  });

  it('a write while the port closes under it (the device went away) is refused, never left waiting', async () => {
    const { transport, stream } = await openTransport();
    const closedReports: Array<string | undefined> = [];
    transport.onClose((error) => closedReports.push((error as TransportError | undefined)?.code));
    // What node-serialport does by itself on a read error: close the stream.
    stream.close();
    const writing = transport.write(Uint8Array.of(0x01));
    await once(stream, 'close');
    expect(await outcomeOf(writing)).toBe('closed');
    expect(closedReports).toEqual(['closed']);
    // And after the close, at once.
    expect(await outcomeOf(transport.write(Uint8Array.of(0x02)))).toBe('closed');
  });

  it('a closed transport refuses writes', async () => {
    const { transport } = await openTransport();
    await transport.close();
    expect(await outcomeOf(transport.write(Uint8Array.of(0x01)))).toBe('closed');
  });
});

describe('serial open errors for the clerk and IT', () => {
  it.each([
    ['Error: No such file or directory, cannot open /dev/ttyUSB0', 'missing', '找不到端口 /dev/ttyUSB0'],
    ['Error Resource temporarily unavailable Cannot lock port', 'busy', '被其他程序占用'],
    ['Error: Permission denied, cannot open /dev/ttyUSB0', 'denied', '没有权限打开端口'],
    ['Error: something odd', 'other', '无法打开阅读器端口 /dev/ttyUSB0：Error: something odd'],
  ])('%s', (message, code, text) => {
    const error = openError('/dev/ttyUSB0', new Error(message));
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });
});
