import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveFileWithDialog } from './export-save';
import { fake, FakeBrowserWindow } from './testing/fake-electron';
import { tempDir } from '../../test/support/temp-dir';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

beforeEach(() => fake.reset());

describe('saving an export in Electron', () => {
  const dir = tempDir('export-save-');
  const source = join(dir, 'ratings-2026-11-01-2026-11-30.xlsx');
  writeFileSync(source, 'xlsx-bytes');

  it('asks where with the system dialog over the clerk window, offering the Chinese name in Downloads, and copies there', async () => {
    const target = join(dir, '保存的.xlsx');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const window = new FakeBrowserWindow({ webPreferences: {} });
    const result = await saveFileWithDialog(() => window as never)(source, 'ratings-2026-11-01-2026-11-30.xlsx');
    expect(result).toEqual({ saved: true, path: target });
    expect(readFileSync(target, 'utf8')).toBe('xlsx-bytes');
    const [parent, options] = fake.dialog.showSaveDialog.mock.calls[0]!;
    expect(parent).toBe(window);
    expect(options).toMatchObject({ title: '保存好差评导出文件', defaultPath: join('/fake/downloads', '好差评-2026-11-01至2026-11-30.xlsx') });
  });

  it('copies nothing when the lead cancels', async () => {
    const result = await saveFileWithDialog(() => null)(source, 'ratings-2026-11-01-2026-11-30.xlsx');
    expect(result).toEqual({ saved: false, path: null });
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledTimes(1);
  });
});
