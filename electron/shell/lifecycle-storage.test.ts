import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { strings } from '../../shared/i18n';
import { makeReadOnly, type ReadOnlyDir } from '../../test/support/read-only-dir';
import type { CounterServices, StartOptions } from '../services/app/types';
import { startShell } from './lifecycle';
import { FakeBrowserWindow, fake } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const services: CounterServices = {
  shell: 'electron',
  dataDir: '',
  handle: async () => ({ ok: true, result: null }),
  onEvent: () => () => undefined,
  slipPdf: () => null,
  exportFile: () => ({ ok: false, reason: 'missing' }),
  endConnection: () => undefined,
  close: async () => undefined,
};

let dir = '';
let fault: ReadOnlyDir | null = null;
beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'counter-shell-ro-'));
});
afterEach(() => {
  fault?.undo();
  fault = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('the desktop shell on a read-only data directory', () => {
  it('starts and opens the clerk window although Chromium refuses the single-instance lock there', async () => {
    fault = makeReadOnly(dir);
    fake.app.lock = false; // what Chromium answers when it cannot write its lock file into userData
    const startServices = vi.fn(async (_options: StartOptions) => services);
    const log = vi.fn();
    const result = startShell({ startServices, outDir: resolve('/opt/counter/out'), env: { COUNTER_DATA_DIR: dir }, log });
    expect(result.status).toBe('primary');
    fake.app.ready();
    if (result.status === 'primary') await result.ready;
    expect(log).toHaveBeenCalledWith(strings.storageHealth.log.lockSkipped);
    expect(startServices).toHaveBeenCalledWith(expect.objectContaining({ dataDir: dir }));
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('still quits as the second instance when the directory can be written (another counter holds the lock)', () => {
    fake.app.lock = false;
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const startServices = vi.fn(async (_options: StartOptions) => services);
      const result = startShell({ startServices, outDir: resolve('/opt/counter/out'), env: { COUNTER_DATA_DIR: dir }, log: vi.fn() });
      expect(result).toEqual({ status: 'second-instance' });
      expect(startServices).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
    }
  });
});
