import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { keepCrashDumpsLocally } from './crash-dumps';
import { fake } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

beforeEach(() => fake.reset());

describe('crash dumps kept locally', () => {
  it('makes <dataDir>/crashes (private), points crashDumps at it, then starts the reporter without upload', () => {
    const dataDir = tempDir('crash-dumps-');
    const log = vi.fn();
    keepCrashDumpsLocally(dataDir, log);
    const dir = join(dataDir, 'crashes');
    expect(statSync(dir).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(statSync(dir).mode & 0o077).toBe(0);
    expect(fake.app.setPath).toHaveBeenCalledWith('crashDumps', dir);
    expect(fake.app.getPath('crashDumps')).toBe(dir);
    expect(fake.crashReporter.start).toHaveBeenCalledWith({ uploadToServer: false, compress: true });
    // Electron takes the dumps' place only before the reporter starts.
    expect(fake.app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(fake.crashReporter.start.mock.invocationCallOrder[0]!);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(dir));
  });

  it('a folder that cannot be made: Electron’s default place, still no upload, and the log says why', () => {
    const dataDir = join(tempDir('crash-dumps-file-'), 'not-a-folder');
    writeFileSync(dataDir, '');
    const log = vi.fn();
    keepCrashDumpsLocally(dataDir, log);
    expect(fake.app.setPath).not.toHaveBeenCalledWith('crashDumps', expect.anything());
    expect(fake.crashReporter.start).toHaveBeenCalledWith({ uploadToServer: false, compress: true });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('无法使用崩溃转储文件夹'));
  });

  it('a reporter that fails to start stops nothing: the log says so', () => {
    fake.crashReporter.start.mockImplementation(() => {
      throw new Error('crashpad handler missing');
    });
    const log = vi.fn();
    expect(() => keepCrashDumpsLocally(tempDir('crash-dumps-'), log)).not.toThrow();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('crashpad handler missing'));
  });
});
