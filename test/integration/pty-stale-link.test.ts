/**
 * Issue 14, finding 4: the reader followed a dead pty's leftover link to a
 * pty another process now owned (a false 模拟 flapping, a bogus card notice).
 * Written as the fault: the simulated device's socat is killed with SIGKILL,
 * which leaves its link behind, and the link is made to lead to a pty of
 * another process — one that would hear every byte the driver sends. The
 * driver must keep failing to connect (已断开), never open that pty, never
 * show 模拟 again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../shared/contract';
import type { DeviceDriver } from '../../electron/devices/driver';
import { SimulatedEvaluator } from '../../electron/devices/evaluator/simulated-evaluator';
import { SimulatedSamReader } from '../../electron/devices/idcard/simulated-sam-reader';
import { listProcesses } from '../../electron/devices/pty/proc';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';

let device: DeviceDriver | undefined;
let foreign: ChildProcess | undefined;
let listener: SerialPort | undefined;
afterEach(async () => {
  await device?.stop();
  device = undefined;
  if (listener?.isOpen) await new Promise<void>((resolve) => listener!.close(() => resolve()));
  listener = undefined;
  if (foreign && foreign.exitCode === null && foreign.signalCode === null) {
    const exited = new Promise((resolve) => foreign!.once('exit', resolve));
    foreign.kill('SIGTERM');
    await exited;
  }
  foreign = undefined;
});

/** Another program's pty pair, with an ear on its far end: whatever is written to its near pty arrives there. */
async function foreignPty(): Promise<{ pty: string; heard: Buffer[] }> {
  const dir = tempDir('pty-foreign-');
  const near = join(dir, 'near');
  const far = join(dir, 'far');
  foreign = spawn('socat', [`pty,raw,echo=0,link=${near}`, `pty,raw,echo=0,link=${far}`], { stdio: 'ignore' });
  await until(() => existsSync(near) && existsSync(far), { label: 'foreign socat links' });
  const port = new SerialPort({ path: far, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  listener = port;
  const heard: Buffer[] = [];
  port.on('data', (bytes: Buffer) => heard.push(bytes));
  return { pty: readlinkSync(near), heard };
}

/** This process's socat serving the `name` device, and the link the driver opens. */
function ourSocat(name: string): { pid: number; hostPath: string } {
  const mine = `/${name}-pty-${process.pid}-`;
  const socat = listProcesses().find((p) => p.ppid === process.pid && p.argv.some((a) => a.includes(mine)));
  if (!socat) throw new Error(`no socat for ${name}`);
  const hostPath = /link=([^,]+)/.exec(socat.argv.find((a) => a.includes(mine))!)![1]!;
  return { pid: socat.pid, hostPath };
}

/** The file descriptors of this process that lead to `path`. */
function openHere(path: string): string[] {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });
}

describe('a dead socat leaves a link to a pty another process owns: the driver never opens it', () => {
  it.each([
    ['reader', () => new SimulatedSamReader()],
    ['evaluator', () => new SimulatedEvaluator()],
  ] as const)('simulated %s', async (name, make) => {
    const statuses: Array<{ state: DeviceState; reason: string }> = [];
    device = make();
    await device.start({ setStatus: (state, reason = '') => statuses.push({ state, reason }), notice: () => {}, report: () => {} });
    // 模拟 once at start, again when the driver connected (before that, losses are not shown).
    await until(() => statuses.filter((s) => s.state === 'simulated').length >= 2, { timeoutMs: 10_000, label: () => JSON.stringify(statuses) });
    const ours = ourSocat(name);
    const other = await foreignPty();

    const killedAt = statuses.length;
    process.kill(ours.pid, 'SIGKILL');
    await until(() => statuses.slice(killedAt).some((s) => s.state === 'disconnected'), { label: () => `lost: ${JSON.stringify(statuses)}` });

    // What SIGKILL leaves behind: the link, leading to a pty number the kernel has given to someone else.
    rmSync(ours.hostPath, { force: true });
    symlinkSync(other.pty, ours.hostPath);
    const plantedAt = statuses.length;
    // Two connection attempts through the stale link, each refused.
    await until(() => statuses.slice(plantedAt).filter((s) => s.state === 'disconnected').length >= 2, {
      timeoutMs: 5000,
      label: () => `attempts: ${JSON.stringify(statuses.slice(plantedAt))}`,
    });

    expect(statuses.slice(killedAt).map((s) => s.state)).not.toContain('simulated');
    expect(Buffer.concat(other.heard).length).toBe(0);
    expect(openHere(other.pty)).toEqual([]);
  });
});
