/**
 * A pair of connected pseudo-terminals made by socat: the host end is what
 * the driver opens as its serial port, the device end is where the
 * simulator sits. Killing socat is the closest thing to pulling the USB
 * plug: the host's port closes under it and its path disappears; starting
 * socat again with the same link names is plugging it back in.
 *
 * A link is only as good as the socat behind it. socat killed with SIGKILL
 * leaves its links behind, pointing at pty numbers the kernel hands to the
 * next process that asks; following one reaches a stranger's terminal. So:
 * stale links are removed before socat starts, the links of a socat that
 * died are removed when it dies, and `ownedLink` hands a link out only while
 * it points at the pty this pair's socat announced and still holds open.
 * socat cannot outlive this process (tied-spawn.ts).
 */
import { spawnSync } from 'node:child_process';
import { readlinkSync, rmSync } from 'node:fs';
import { holdsOpen } from './proc';
import { spawnTiedToParent, type ParentTie, type TiedProcess } from './tied-spawn';

export function socatAvailable(): boolean {
  const result = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

export type PtyEnd = 'host' | 'device';

interface RunningSocat {
  process: TiedProcess;
  pid: number;
  /** The ptys socat announced ("PTY is /dev/pts/N"), in the order of its addresses: host, then device. */
  ptys: Partial<Record<PtyEnd, string>>;
  exited: Promise<void>;
  gone: boolean;
}

export interface PtyPairOptions {
  /** How socat is tied to this process; the best this machine offers by default (tests force the fallback). */
  tie?: ParentTie;
}

export class PtyPair {
  private socat: RunningSocat | null = null;

  constructor(
    readonly hostPath: string,
    readonly devicePath: string,
    private readonly options: PtyPairOptions = {},
  ) {}

  get running(): boolean {
    return this.socat !== null && !this.socat.gone;
  }

  /** socat's pid while it runs (tests, diagnostics). */
  get pid(): number | undefined {
    return this.running ? this.socat!.pid : undefined;
  }

  /** How socat is tied to this process, while it runs. */
  get tie(): ParentTie | undefined {
    return this.running ? this.socat!.process.tie : undefined;
  }

  /**
   * The path of one end's link if it leads to the pty this pair's socat
   * made and still holds open; null otherwise (socat gone or dying, link
   * missing or pointing elsewhere). Checked anew at every call: open the
   * port only with a path this returned, and check again once it is open.
   */
  ownedLink(end: PtyEnd): string | null {
    const socat = this.socat;
    if (!socat || socat.gone) return null;
    const pty = socat.ptys[end];
    const path = this.pathOf(end);
    let target: string;
    try {
      target = readlinkSync(path);
    } catch {
      return null;
    }
    return pty !== undefined && target === pty && holdsOpen(socat.pid, pty) ? path : null;
  }

  /** Starts socat on fresh links and resolves once both lead to its ptys. */
  async open(timeoutMs = 5000): Promise<void> {
    if (this.running) return;
    // Whatever is at the link paths now is stale (a socat killed with SIGKILL does not remove its links).
    this.removeLinks();
    const tied = spawnTiedToParent(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.hostPath}`, `pty,raw,echo=0,link=${this.devicePath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
      this.options.tie,
    );
    const child = tied.child;
    let stderr = '';
    let spawnError: Error | null = null;
    const socat: RunningSocat = {
      process: tied,
      pid: child.pid ?? -1,
      ptys: {},
      gone: child.pid === undefined,
      exited: new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.once('error', (error) => {
          spawnError = error;
          resolve();
        });
      }),
    };
    this.socat = socat;
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
      const announced = [...stderr.matchAll(/PTY is (\S+)/g)].map((m) => m[1]!);
      socat.ptys = { host: announced[0], device: announced[1] };
    });
    void socat.exited.then(() => this.onExit(socat));

    const deadline = Date.now() + timeoutMs;
    // socat announces "starting data transfer loop" once both ptys are up; the links exist by then.
    while (!(/starting data transfer loop/.test(stderr) && this.ownedLink('host') && this.ownedLink('device'))) {
      if (socat.gone) throw new Error(`socat exited: ${spawnError ? (spawnError as Error).message : stderr.trim()}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`socat did not start in ${timeoutMs} ms: ${stderr.trim()}`);
      }
      await sleep(5);
    }
  }

  /** Kills socat and waits until it is gone (the links go with it). */
  async close(): Promise<void> {
    const socat = this.socat;
    if (!socat) return;
    if (!socat.gone) {
      const child = socat.process.child;
      // SIGTERM lets socat remove its links itself; SIGKILL if it does not go.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await socat.exited;
      clearTimeout(timer);
    }
    await socat.exited;
    if (this.socat === socat) this.socat = null;
  }

  private onExit(socat: RunningSocat): void {
    socat.gone = true;
    socat.process.release();
    // Its links now lead to ptys the kernel may give to anyone: remove those that still point at them.
    for (const end of ['host', 'device'] as const) {
      const path = this.pathOf(end);
      try {
        if (socat.ptys[end] !== undefined && readlinkSync(path) === socat.ptys[end]) rmSync(path, { force: true });
      } catch {
        // already gone
      }
    }
  }

  private removeLinks(): void {
    rmSync(this.hostPath, { force: true });
    rmSync(this.devicePath, { force: true });
  }

  private pathOf(end: PtyEnd): string {
    return end === 'host' ? this.hostPath : this.devicePath;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
