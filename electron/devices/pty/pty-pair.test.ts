import { existsSync, lstatSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir';
import { until } from '../../../test/support/until';
import { PtyHostTransport } from './pty-host-transport';
import { PtyPair } from './pty-pair';
import { holdsOpen, listProcesses } from './proc';

let pair: PtyPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

function newPair(): PtyPair {
  const dir = tempDir('pty-pair-');
  pair = new PtyPair(join(dir, 'host'), join(dir, 'device'));
  return pair;
}

const linkExists = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

describe('PtyPair', () => {
  it('replaces whatever a crash left at its link paths, and its links lead to ptys its socat holds', async () => {
    const p = newPair();
    symlinkSync('/dev/null', p.hostPath); // a stale link
    writeFileSync(p.devicePath, 'left over');
    await p.open();
    expect(p.ownedLink('host')).toBe(p.hostPath);
    expect(p.ownedLink('device')).toBe(p.devicePath);
    const pty = readlinkSync(p.hostPath);
    expect(pty).toMatch(/^\/dev\/pts\/\d+$/);
    expect(holdsOpen(p.pid!, pty)).toBe(true);
  });

  it('hands out no link that leads to a pty other than the one its socat announced', async () => {
    const p = newPair();
    await p.open();
    const devicePty = readlinkSync(p.devicePath);
    rmSync(p.hostPath);
    symlinkSync(devicePty, p.hostPath); // a pty socat holds, but not the host end's
    expect(p.ownedLink('host')).toBeNull();
    await expect(new PtyHostTransport(p, 115200).open()).rejects.toMatchObject({ code: 'missing' });
    expect(p.ownedLink('device')).toBe(p.devicePath);
  });

  it('a socat killed with SIGKILL: its links go, nothing is handed out, and it can be plugged in again', async () => {
    const p = newPair();
    await p.open();
    const pid = p.pid!;
    process.kill(pid, 'SIGKILL');
    await until(() => !p.running, { label: 'socat seen gone' });
    // socat itself removes its links only on SIGTERM: the pair did it.
    expect(linkExists(p.hostPath)).toBe(false);
    expect(linkExists(p.devicePath)).toBe(false);
    expect(p.ownedLink('host')).toBeNull();
    await expect(new PtyHostTransport(p, 115200).open()).rejects.toMatchObject({ code: 'missing' });

    await p.open();
    expect(p.pid).not.toBe(pid);
    expect(p.ownedLink('host')).toBe(p.hostPath);
    const transport = new PtyHostTransport(p, 115200);
    await transport.open();
    await transport.close();
  });

  it('close stops socat and its links go with it', async () => {
    const p = newPair();
    await p.open();
    await p.close();
    expect(p.running).toBe(false);
    expect(existsSync(p.hostPath)).toBe(false);
    expect(existsSync(p.devicePath)).toBe(false);
  });

  it('tied by the watchdog (no setpriv): closing on purpose ends the watchdog too', async () => {
    const dir = tempDir('pty-pair-');
    const p = (pair = new PtyPair(join(dir, 'host'), join(dir, 'device'), { tie: 'watchdog' }));
    await p.open();
    expect(p.tie).toBe('watchdog');
    const socat = p.pid!;
    const watchdogs = () =>
      listProcesses().filter((e) => e.ppid === process.pid && e.argv.includes('pty-watchdog') && e.argv.includes(String(socat)));
    expect(watchdogs()).toHaveLength(1);
    await p.close();
    await until(() => watchdogs().length === 0, { label: 'watchdog ended' });
  });
});
