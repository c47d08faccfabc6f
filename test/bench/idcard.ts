/**
 * Benchmark rows of the ID card reader (issue 3), for test/bench/run.ts:
 *
 * - a full card read (find → select → read 30 01 → decoded card) over a
 *   socat pty at 115200 baud, against the wire time of the bytes exchanged
 *   (target: ≤ 1.05 × wire time);
 * - the response parser's throughput on a mixed stream of frames and noise;
 * - CPU used by idle polling (no card), % of one core (target: < 1 %).
 *
 * The simulator runs in a child process (simulator/cli.ts), so the CPU
 * figure is the driver's alone, and it paces its output at the baud rate:
 * a pty would otherwise deliver everything at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SamResponseParser } from '../../electron/devices/idcard/codec/response-parser';
import { SamReaderDriver } from '../../electron/devices/idcard/driver';
import { DEFAULT_TIMEOUTS, findCard, selectAndRead } from '../../electron/devices/idcard/read-flow';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { simCardOf } from '../../electron/devices/idcard/simulator/card-image';
import { wireTimeMs } from '../../electron/devices/idcard/simulator/paced-writer';
import { responseFrame } from '../../electron/devices/idcard/simulator/wire';
import { SamSession } from '../../electron/devices/idcard/session';
import { SerialTransport } from '../../electron/devices/idcard/transports/serial';
import { printRowsOf, type BenchRow } from './table';
import { until } from '../support/until';


const BAUD = 115200;
const root = join(__dirname, '..', '..');

interface ChildSimulator {
  hostPath: string;
  child: ChildProcess;
  close(): Promise<void>;
}

/** Starts the simulator CLI in its own process and waits for `ready <path>`. */
async function childSimulator(args: string[]): Promise<ChildSimulator> {
  const dir = mkdtempSync(join(tmpdir(), 'idcard-bench-'));
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'electron/devices/idcard/simulator/cli.ts'), '--dir', dir, '--baud', String(BAUD), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const hostPath = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('模拟阅读器未能启动')), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', () => reject(new Error('模拟阅读器已退出')));
  });
  return {
    hostPath,
    child,
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** find → select → read, each timed from the first byte sent to the decoded card; with the bytes on the wire. */
async function fullReads(runs: number): Promise<{ ms: number[]; wireMs: number }> {
  const sim = await childSimulator(['--card', 'resident', '--after-read', 'stay']);
  const transport = new SerialTransport(sim.hostPath, BAUD);
  await transport.open();
  const session = new SamSession(transport);
  const ms: number[] = [];
  let wire = 0;
  try {
    await findCard(session, DEFAULT_TIMEOUTS); // warm-up: JIT, power-up noise
    for (let i = 0; i < runs + 1; i++) {
      const sent = session.bytesSent;
      const received = session.bytesReceived;
      const started = performance.now();
      if (!(await findCard(session, DEFAULT_TIMEOUTS))) throw new Error('模拟阅读器上没有证件');
      const read = await selectAndRead(session, DEFAULT_TIMEOUTS);
      const elapsed = performance.now() - started;
      if (read.card.idNumber !== SAMPLE_RESIDENT_CARD.idNumber) throw new Error('读出的证件不对');
      wire = wireTimeMs(session.bytesSent - sent + (session.bytesReceived - received), BAUD);
      if (i > 0) ms.push(elapsed);
    }
  } finally {
    session.dispose();
    await transport.close();
    await sim.close();
  }
  return { ms, wireMs: wire };
}

/** MB/s through the parser: read responses and short answers with noise between, fed in 4 KiB pieces. */
function parserThroughput(runs: number): number[] {
  const read = responseFrame(0x90, [1, 0, 4, 0, ...simCardOf(SAMPLE_RESIDENT_CARD).text, ...simCardOf(SAMPLE_RESIDENT_CARD).photo]);
  const small = [responseFrame(0x9f, [0, 0, 0, 0]), responseFrame(0x80), responseFrame(0x90, new Array(8).fill(0))];
  const noise = Uint8Array.of(0x00, 0xaa, 0xaa, 0x13, 0x96, 0x69);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; size < 16 * 1024 * 1024; i++) {
    const part = i % 4 === 0 ? read : i % 4 === 3 ? noise : small[i % 3]!;
    parts.push(part);
    size += part.length;
  }
  const stream = Buffer.concat(parts);
  const samples: number[] = [];
  for (let r = 0; r < runs + 1; r++) {
    const parser = new SamResponseParser();
    let frames = 0;
    const started = performance.now();
    for (let i = 0; i < stream.length; i += 4096) frames += parser.push(stream.subarray(i, i + 4096)).length;
    const seconds = (performance.now() - started) / 1000;
    if (frames === 0) throw new Error('解析器没有输出任何帧');
    if (r > 0) samples.push(stream.length / 1024 / 1024 / seconds);
  }
  return samples;
}

/**
 * % of one core used by this process while the driver polls an empty reader,
 * in steady state: measuring starts after a warm-up, because V8 runs a few
 * one-off full collections ("memory reducer") some seconds after start-up,
 * which are not the cost of polling (seen with --trace-gc).
 */
async function idlePollingCpu(runs: number, windowMs = 4000, warmUpMs = 10_000): Promise<number[]> {
  const sim = await childSimulator([]);
  const driver = new SamReaderDriver({ openTransport: () => new SerialTransport(sim.hostPath, BAUD) });
  let state = '';
  await driver.start({ setStatus: (s) => (state = s), notice: () => {}, report: () => {} });
  const samples: number[] = [];
  try {
    await until(() => state === 'connected', { timeoutMs: 10_000, intervalMs: 20, label: '驱动未能连接模拟阅读器' });
    await new Promise((r) => setTimeout(r, warmUpMs));
    for (let i = 0; i < runs; i++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      await new Promise((r) => setTimeout(r, windowMs));
      const used = process.cpuUsage(cpu);
      samples.push(((used.user + used.system) / 1000 / (performance.now() - started)) * 100);
    }
    if (state !== 'connected') throw new Error(`空闲轮询期间状态变为 ${state}`);
  } finally {
    await driver.stop();
    await sim.close();
  }
  return samples;
}

export async function idcardBenchRows(runs = Number(process.env.BENCH_RUNS ?? 7)): Promise<BenchRow[]> {
  const reads = await fullReads(runs);
  return [
    {
      name: '身份证整卡读取 @115200 full card read',
      samples: reads.ms,
      unit: 'ms',
      limit: Number(reads.wireMs.toFixed(1)),
      limitKind: '线路时间 wire time（目标 ≤1.05）',
    },
    { name: '身份证应答解析 parser throughput', samples: parserThroughput(runs), unit: 'MB/s', limit: 10, limitKind: '下限 minimum（越大越好）' },
    { name: '身份证空闲轮询 CPU idle polling', samples: await idlePollingCpu(Math.min(runs, 3)), unit: '%', limit: 1, limitKind: '目标 target（一个核）' },
  ];
}

// `npx tsx test/bench/idcard.ts` prints the rows on their own.
if (require.main === module) printRowsOf(idcardBenchRows);
