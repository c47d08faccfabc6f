/**
 * Makes a folder read-only as a failing disk or a locked-down share would:
 * as root a read-only bind mount of the folder onto itself (root ignores the
 * permission bits), otherwise its write bits removed. `writable()` clears
 * the fault; `undo()` (call it in afterEach, before removing the folder)
 * unmounts or restores the bits, and is safe to call twice.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

export interface ReadOnlyDir {
  writable(): void;
  undo(): void;
}

export function makeReadOnly(dir: string): ReadOnlyDir {
  if (process.getuid?.() === 0) {
    execFileSync('mount', ['--bind', dir, dir]);
    let mounted = true;
    try {
      execFileSync('mount', ['-o', 'remount,ro,bind', dir]);
    } catch (error) {
      execFileSync('umount', [dir]);
      throw error;
    }
    return {
      writable: () => execFileSync('mount', ['-o', 'remount,rw,bind', dir]),
      undo() {
        if (!mounted) return;
        mounted = false;
        execFileSync('umount', [dir]);
      },
    };
  }
  chmodSync(dir, 0o555);
  return {
    writable: () => chmodSync(dir, 0o755),
    undo: () => chmodSync(dir, 0o755),
  };
}
