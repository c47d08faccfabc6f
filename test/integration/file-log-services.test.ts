/**
 * Issue 12, logs: the shells hand their file log to the services, which give
 * it the centre's limits from config.json `logs` and show a log that cannot
 * be written with the storage notices. Real services on a temporary data
 * directory, devices disabled.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract';
import { startCounterServices } from '../../electron/services/app/counter-services';
import type { CounterServices } from '../../electron/services/app/types';
import { createFileLog } from '../../electron/services/log/file-log';
import { addDays, logDay, logFileName } from '../../electron/services/log/log-files';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';

const NO_DEVICES = Object.fromEntries(['idcard', 'camera', 'signature', 'evaluator', 'printer'].map((kind) => [kind, { mode: 'disabled' }]));

let services: CounterServices | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

async function snapshotOf(running: CounterServices): Promise<Snapshot> {
  const response = await running.handle('getSnapshot', {});
  if (!response.ok) throw new Error(response.error.message);
  return response.result as Snapshot;
}

describe('the file log under the services', () => {
  it('is pruned by the days config.json keeps, once the configuration is read', async () => {
    const dataDir = tempDir('counter-filelog-services-');
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ devices: NO_DEVICES, logs: { keepDays: 3 } }));
    const today = logDay(new Date());
    mkdirSync(join(dataDir, 'logs'));
    for (const back of [1, 2, 3, 10]) writeFileSync(join(dataDir, 'logs', logFileName(addDays(today, -back), 0)), 'old\n');

    const log = createFileLog(dataDir, () => {});
    services = await startCounterServices({ shell: 'web', dataDir, log });
    log('启动之后');
    expect(readdirSync(join(dataDir, 'logs')).sort()).toEqual([logFileName(addDays(today, -2), 0), logFileName(addDays(today, -1), 0), logFileName(today, 0)].sort());
  });

  it('that cannot be written is shown on the clerk screen, and goes once it writes again', async () => {
    const dataDir = tempDir('counter-filelog-services-');
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ devices: NO_DEVICES }));
    // A file where the folder should be: refused even for root.
    writeFileSync(join(dataDir, 'logs'), '');
    const log = createFileLog(dataDir, () => {});
    log('桌面外壳：启动'); // the shells log before they start the services
    services = await startCounterServices({ shell: 'web', dataDir, log });
    const events: string[] = [];
    services.onEvent((event) => events.push(event));

    const { storage } = await snapshotOf(services);
    expect(storage?.log?.message).toBe(log.problem());
    expect(storage?.log?.message).toContain(join(dataDir, 'logs'));

    rmSync(join(dataDir, 'logs'));
    log('文件夹已恢复');
    await until(() => events.includes('storage.changed'), { label: 'storage.changed after the log recovered' });
    expect((await snapshotOf(services)).storage?.log ?? null).toBeNull();
  });
});
