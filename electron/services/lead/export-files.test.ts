import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentDisposition, downloadName, exportContentType, exportFilePath, isExportFileName } from './export-files';
import { tempDir } from '../../../test/support/temp-dir';

describe('export file names', () => {
  it('takes only the names the export writes', () => {
    expect(isExportFileName('ratings-2026-11-01-2026-11-30.xlsx')).toBe(true);
    expect(isExportFileName('ratings-2026-11-01-2026-11-30.csv')).toBe(true);
    expect(isExportFileName('ratings-exchange-provincial-2026-11-01-2026-11-30.json')).toBe(true);
    for (const bad of ['../config.json', 'ratings-2026-11-01-2026-11-30.xlsx/../../x', 'counter.sqlite', 'ratings-..-x.csv', 'ratings-2026-11-01-2026-11-30.exe', '']) {
      expect(isExportFileName(bad), bad).toBe(false);
    }
  });

  it('finds a file only inside the exports folder, not through a link planted there', () => {
    const root = tempDir('exports-');
    const dir = join(root, 'exports');
    mkdirSync(dir);
    writeFileSync(join(dir, 'ratings-2026-11-01-2026-11-30.csv'), 'x');
    writeFileSync(join(root, 'secret.csv'), 'secret');
    symlinkSync(join(root, 'secret.csv'), join(dir, 'ratings-2026-10-01-2026-10-31.csv'));
    expect(exportFilePath(dir, 'ratings-2026-11-01-2026-11-30.csv')).toBe(join(dir, 'ratings-2026-11-01-2026-11-30.csv'));
    expect(exportFilePath(dir, 'ratings-2026-10-01-2026-10-31.csv')).toBeNull();
    expect(exportFilePath(dir, 'ratings-2026-09-01-2026-09-30.csv')).toBeNull();
    expect(exportFilePath(dir, '../secret.csv')).toBeNull();
  });

  it('names the download in Chinese, with an ASCII fallback, and the right type', () => {
    expect(downloadName('ratings-2026-11-01-2026-11-30.xlsx')).toBe('好差评-2026-11-01至2026-11-30.xlsx');
    expect(downloadName('ratings-exchange-national-2026-11-01-2026-11-30.json')).toBe('好差评交换-国标-2026-11-01至2026-11-30.json');
    expect(contentDisposition('ratings-2026-11-01-2026-11-30.csv')).toBe(
      `attachment; filename="ratings-2026-11-01-2026-11-30.csv"; filename*=UTF-8''${encodeURIComponent('好差评-2026-11-01至2026-11-30.csv')}`,
    );
    expect(exportContentType('a.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(exportContentType('a.csv')).toBe('text/csv; charset=utf-8');
    expect(exportContentType('a.json')).toBe('application/json; charset=utf-8');
  });
});
