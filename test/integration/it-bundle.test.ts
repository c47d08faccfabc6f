/**
 * The diagnostic bundle (`doctor bundle`): after a real case with the sample
 * card ran and was logged — and with a log an older version wrote with the
 * full number in it — the zip holds versions, devices, the configuration
 * with its secrets replaced, the database check and queue counts, the last
 * 7 days of logs, and nowhere the card's full ID number, the upload token,
 * a PIN hash, a photo or a signature.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract';
import { runDoctor } from '../../electron/cli/doctor-commands';
import type { OverviewDeps } from '../../electron/cli/device-overview';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { startCounterServices } from '../../electron/services/app/counter-services';
import type { CounterServices } from '../../electron/services/app/types';
import { createFileLog } from '../../electron/services/log/file-log';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';
import { withClerk } from './clerk-fixture';
import { openServiceDay } from './web-shell-harness';

const FULL_ID = SAMPLE_RESIDENT_CARD.idNumber;
const TOKEN = 'upload-token-7f3a9c1e5b';

// The system's listings are not what this test is about: a fixed machine with one reader cable.
const deps: OverviewDeps = {
  listDevices: async () => ({ serial: [{ path: '/dev/ttyUSB0', vendorId: 0x1a86, productId: 0x7523 }], hid: [], usb: [], problems: [] }),
  listHid: async () => [],
  listPrinters: async () => ({ ok: true, printers: [] }),
};

let services: CounterServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

async function runCaseWithSampleCard(dataDir: string): Promise<void> {
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(await withClerk({ evaluation: { upload: { url: 'https://pj.example.gov.cn/api', token: TOKEN } } })));
  const log = createFileLog(dataDir, () => {});
  services = await startCounterServices({ shell: 'web', dataDir, log });
  await openServiceDay(services);
  let caseChanged = false;
  const stop = services.onEvent((event) => {
    if (event === 'case.changed') caseChanged = true;
  });
  const read = await services.handle('simulateCardRead', {});
  expect(read.ok).toBe(true);
  await until(() => caseChanged, { timeoutMs: 5000, label: 'a case opened by the card' });
  stop();
  const snapshot = await services.handle('getSnapshot', {});
  expect(snapshot.ok && (snapshot.result as Snapshot).currentCase).toBeTruthy();
  // What a careless line would log: the log masks it (file-log.ts) …
  log(`读卡完成：${SAMPLE_RESIDENT_CARD.name} ${FULL_ID}`);
  await services.close();
  services = undefined;
  // … and what an older version, before the masking, left in its log: the bundle masks it too.
  appendFileSync(join(dataDir, 'logs', 'counter-20261120.log'), `2026-11-20T09:00:00.000Z 旧版本 读卡 ${FULL_ID}\n`);
}

describe('doctor bundle', { timeout: 60_000 }, () => {
  it('writes a zip with versions, devices, redacted configuration, database check, queues and recent logs — never the full ID number', async () => {
    const dataDir = tempDir('it-bundle-');
    await runCaseWithSampleCard(dataDir);
    // A log older than 7 days stays out.
    const old = join(dataDir, 'logs', 'counter-20250101.log');
    writeFileSync(old, 'ein alter Eintrag\n');
    utimesSync(old, new Date('2025-01-01'), new Date('2025-01-01'));
    // The database and the logs hold the number (sealed, masked): the test is that the bundle does not.
    expect(readdirSync(join(dataDir, 'logs')).some((name) => readFileSync(join(dataDir, 'logs', name), 'utf8').includes(FULL_ID))).toBe(true);

    const out: string[] = [];
    const err: string[] = [];
    const zipFile = join(tempDir('it-bundle-out-'), 'diag.zip');
    const code = await runDoctor(['bundle', '--out', zipFile, '--data-dir', dataDir], { out: (t) => out.push(t), err: (t) => err.push(t) }, { overviewDeps: deps });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toContain(`诊断包已写入：${zipFile}`);

    const zip = await JSZip.loadAsync(readFileSync(zipFile));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    expect(names).toEqual(expect.arrayContaining(['README.txt', 'versions.json', 'display.json', 'devices.json', 'config.json', 'database.json']));
    const logs = names.filter((n) => n.startsWith('logs/'));
    expect(logs).toContain('logs/counter-20261120.log');
    expect(logs.length).toBeGreaterThanOrEqual(2);
    expect(logs).not.toContain('logs/counter-20250101.log');
    // Text only: no photo, no signature image, no database file.
    expect(names.filter((n) => !/\.(json|txt|log)$/.test(n))).toEqual([]);

    const texts = await Promise.all(names.map(async (n) => [n, await zip.files[n]!.async('string')] as const));
    for (const [name, text] of texts) {
      expect(text, name).not.toContain(FULL_ID);
      expect(text, name).not.toContain(TOKEN);
      expect(text, name).not.toMatch(/scrypt\$/);
    }
    // The bundle's JSON, read as a reader of the zip would: shapes checked by the assertions below.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const entry = (n: string) => JSON.parse(texts.find(([name]) => name === n)![1]) as Record<string, any>;
    expect(texts.find(([n]) => n === 'logs/counter-20261120.log')![1]).toContain('110101********3511');

    expect(entry('versions.json')).toMatchObject({ app: { name: '窗口受理终端', version: expect.any(String) }, node: process.versions.node, os: { platform: process.platform } });
    expect(entry('devices.json')).toMatchObject({ ports: { serial: [{ path: '/dev/ttyUSB0', usbId: '1A86:7523', guess: 'CH340/CH341 USB 转串口' }] } });
    const config = entry('config.json').config.content;
    expect(config.evaluation.upload).toEqual({ url: 'https://pj.example.gov.cn/api', token: '***' });
    expect(config.clerk.accounts[0]).toMatchObject({ staffNo: '0001', pinHash: '***' });
    const database = entry('database.json');
    expect(database.integrityCheck).toEqual(['ok']);
    expect(database.schemaVersion).toBeGreaterThan(0);
    expect(database.printQueue).toEqual({});
    expect(database.uploadOutbox).toEqual({});
    // No crashes/ folder (the web shell ran): no crash list.
    expect(names).not.toContain('crashes.json');
  });

  it('lists the crash dumps the desktop shell kept in <dataDir>/crashes by name and size, never their content', async () => {
    const dataDir = tempDir('it-bundle-crashes-');
    mkdirSync(join(dataDir, 'crashes', 'completed'), { recursive: true });
    const dump = 'MDMP-secret-memory-of-the-renderer';
    writeFileSync(join(dataDir, 'crashes', 'completed', '5f3c2a.dmp'), dump);
    writeFileSync(join(dataDir, 'crashes', 'settings.dat'), 'x'.repeat(40));
    const zipFile = join(tempDir('it-bundle-out-'), 'diag.zip');
    expect(await runDoctor(['bundle', '--out', zipFile, '--data-dir', dataDir], { out: () => {}, err: () => {} }, { overviewDeps: deps })).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(zipFile));
    const crashes = JSON.parse(await zip.file('crashes.json')!.async('string')) as { folder: string; files: { file: string; bytes: number; modified: string }[] };
    expect(crashes.folder).toBe(join(dataDir, 'crashes'));
    expect(crashes.files.map(({ file, bytes }) => ({ file, bytes })).sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      { file: 'completed/5f3c2a.dmp', bytes: dump.length },
      { file: 'settings.dat', bytes: 40 },
    ]);
    for (const name of Object.keys(zip.files)) expect(await zip.files[name]!.async('string'), name).not.toContain('secret-memory');
  });

  it('refuses to replace an existing file and says why; without a database it says so inside the bundle', async () => {
    const dataDir = tempDir('it-bundle-empty-');
    mkdirSync(join(dataDir, 'logs'));
    const io = { out: (_: string) => {}, err: (t: string) => errors.push(t) };
    const errors: string[] = [];
    const zipFile = join(dataDir, 'd.zip');
    expect(await runDoctor(['bundle', '--out', zipFile, '--data-dir', dataDir], io, { overviewDeps: deps })).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(zipFile));
    expect(JSON.parse(await zip.file('database.json')!.async('string'))).toMatchObject({ exists: false, problem: '数据库文件不存在' });
    expect(JSON.parse(await zip.file('config.json')!.async('string'))).toMatchObject({ config: { exists: false } });
    expect(await runDoctor(['bundle', '--out', zipFile, '--data-dir', dataDir], io, { overviewDeps: deps })).toBe(2);
    expect(errors[0]).toContain('已存在');
    expect(await runDoctor(['bundle', '--out'], io)).toBe(1);
  });
});
