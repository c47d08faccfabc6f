/**
 * Issue 14, finding 6: a broken catalogue.json must reach the clerk screen
 * (the snapshot) with item and field, and the shipped sample must never
 * silently stand in for a centre's catalogue. Real services on a temporary
 * data directory, devices disabled (nothing here needs them).
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { startCounterServices } from '../../electron/services/app/counter-services';
import type { CounterServices } from '../../electron/services/app/types';
import { CATALOGUE_FILE, importCatalogue } from '../../electron/services/catalogue/catalogue-store';
import { tempDir } from '../support/temp-dir';

const fixtures = resolve(__dirname, '../fixtures/catalogue');
const d = strings.dataFiles.catalogue;
const NO_DEVICES = {
  devices: Object.fromEntries(['idcard', 'camera', 'signature', 'evaluator', 'printer'].map((kind) => [kind, { mode: 'disabled' }])),
};

let services: CounterServices | null = null;
let logs: string[] = [];
afterEach(async () => {
  await services?.close();
  services = null;
  logs = [];
});

/** A data directory with devices disabled, prepared by `prepare`, and the services started on it. */
async function start(prepare: (dataDir: string) => void | Promise<void> = () => {}): Promise<CounterServices> {
  const dataDir = tempDir('counter-catalogue-status-');
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(NO_DEVICES));
  await prepare(dataDir);
  services = await startCounterServices({ shell: 'web', dataDir, log: (line) => logs.push(line) });
  return services;
}

async function snapshotOf(running: CounterServices): Promise<Snapshot> {
  const response = await running.handle('getSnapshot', {});
  if (!response.ok) throw new Error(response.error.message);
  return response.result as Snapshot;
}

async function itemCount(running: CounterServices): Promise<number> {
  const response = await running.handle('searchItems', { query: '' });
  if (!response.ok) throw new Error(response.error.message);
  return (response.result as unknown[]).length;
}

describe('the catalogue on the clerk screen', () => {
  it('uses the sample on a fresh data directory, and the snapshot says so', async () => {
    const running = await start();
    const { catalogue } = await snapshotOf(running);
    expect(catalogue?.source).toBe('sample');
    expect(catalogue?.issues).toEqual([]);
    expect(catalogue?.itemCount).toBe(await itemCount(running));
    expect(catalogue?.itemCount).toBeGreaterThan(8);
    expect(logs).toContain(`事项目录：${d.sampleTitle}`);
  });

  it('shows a broken catalogue.json by item, material and field, and works on with the last good copy', async () => {
    const running = await start(async (dataDir) => {
      const imported = await importCatalogue(dataDir, join(fixtures, 'valid.json'));
      expect(imported.ok).toBe(true);
      copyFileSync(join(fixtures, 'invalid-fields.json'), join(dataDir, CATALOGUE_FILE));
    });
    const { catalogue } = await snapshotOf(running);
    expect(catalogue?.source).toBe('lastGood');
    expect(catalogue?.itemCount).toBe(2);
    expect(await itemCount(running)).toBe(2);
    expect(catalogue?.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: '个体工商户设立登记', material: '', field: '承诺办结时限 · 天数' }),
        expect.objectContaining({ item: '个体工商户设立登记', material: '经营者身份证件', field: '来源渠道' }),
        expect.objectContaining({ item: '第 3 项事项', material: '', field: '事项名称', message: '缺少此项' }),
      ]),
    );
    expect(catalogue?.issues).toHaveLength(8);
    // The log names item and field too, not the message alone.
    expect(logs).toContain('事项目录：第 3 项事项 · 事项名称：缺少此项');
  });

  it('gives no items and says why, not the sample, when the centre’s catalogue is broken and has no good copy', async () => {
    const running = await start((dataDir) => {
      writeFileSync(join(dataDir, CATALOGUE_FILE), '{\n  "version": 1,\n  "items": [\n    { "name": "食品经营许可" }\n  ]\n');
    });
    const { catalogue } = await snapshotOf(running);
    expect(catalogue?.source).toBe('none');
    expect(catalogue?.itemCount).toBe(0);
    expect(await itemCount(running)).toBe(0);
    const messages = catalogue?.issues.map((issue) => issue.message) ?? [];
    expect(messages).toEqual([
      strings.catalogue.notJson(strings.dataFiles.jsonAt(6, 1, strings.dataFiles.json.unexpectedEnd)),
      d.noGoodCopy,
    ]);
    // V8's own wording only in the log.
    expect(logs.some((line) => line.startsWith('事项目录（原始错误）：') && /JSON/.test(line))).toBe(true);
  });
});
