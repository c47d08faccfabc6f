/**
 * A pair of connected pseudo-terminals made by socat: the host end is what
 * the driver opens as its serial port, the device end is where the
 * simulator sits. Killing socat is the closest thing to pulling the USB
 * plug: the host's port closes under it and its path disappears; starting
 * socat again with the same link names is plugging it back in.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export function socatAvailable(): boolean {
  const result = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

export class PtyPair {
  private child: ChildProcess | null = null;

  constructor(
    readonly hostPath: string,
    readonly devicePath: string,
  ) {}

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts socat and resolves once both links exist. */
  async open(timeoutMs = 5000): Promise<void> {
    if (this.child) return;
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.hostPath}`, `pty,raw,echo=0,link=${this.devicePath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    const deadline = Date.now() + timeoutMs;
    // socat announces "starting data transfer loop" once both ptys are up; the links exist by then.
    while (!(/starting data transfer loop/.test(stderr) && existsSync(this.hostPath) && existsSync(this.devicePath))) {
      const state = await Promise.race([exited.then(() => 'exit' as const), sleep(5).then(() => 'wait' as const)]);
      if (state === 'exit') throw new Error(`socat exited: ${stderr.trim()}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`socat did not start in ${timeoutMs} ms: ${stderr.trim()}`);
      }
    }
  }

  /** Kills socat and waits until it is gone (the links go with it). */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(2000).then(() => child.kill('SIGKILL'))]);
    await exited;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
