/**
 * Issue 13, item 2: the data directory was 0755 and its files 0644, so any
 * local account read the database, the confidential ratings, config.json
 * (PIN hashes, the upload token) and every slip. Real services on a data
 * directory left world-readable by an older counter, started under the
 * system's usual umask 022: what was there is made private, what the running
 * counter writes (the database, a slip's PDF, config.json through the lead
 * command) is created private, and what cannot be fixed reaches the clerk
 * screen's snapshot.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { startCounterServices } from '../../electron/services/app/counter-services';
import type { CounterServices } from '../../electron/services/app/types';
import type { PdfRenderer } from '../../electron/services/slips/pdf-renderer';
import { DATABASE_FILE } from '../../electron/services/storage/database';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';
import { CLERK, withClerk } from './clerk-fixture';
import { slipsNeedNoSignature } from './signed-slip';
import { writeDecidedCase } from './decided-case';

const root = join(__dirname, '..', '..');
const modeOf = (path: string) => statSync(path).mode & 0o777;
const drawn: PdfRenderer = { render: async () => Buffer.from('%PDF-1.7 slip'), close: async () => {} };
const NO_DEVICES = Object.fromEntries(['idcard', 'camera', 'signature', 'evaluator', 'printer'].map((kind) => [kind, { mode: 'disabled' }]));

let services: CounterServices | undefined;
let savedUmask = 0;
const immutable: string[] = [];
beforeEach(() => {
  // The system's usual default: what the counter ran under before.
  savedUmask = process.umask(0o022);
});
afterEach(async () => {
  await services?.close();
  services = undefined;
  for (const path of immutable.splice(0)) spawnSync('chattr', ['-i', path]);
  process.umask(savedUmask);
});

/** A data directory as an older counter left it: a decided case in the database, everything 0755/0644. */
async function oldDataDir(): Promise<string> {
  const dataDir = tempDir('counter-perm-services-');
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(await withClerk(slipsNeedNoSignature({ devices: NO_DEVICES, slips: { issuerShortName: '示例政务' } }))));
  writeDecidedCase(dataDir);
  chmodSync(dataDir, 0o755);
  for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
  return dataDir;
}

/** Every file and folder under `dir` with its mode (symbolic links not followed). */
function modesUnder(dir: string, prefix = ''): Record<string, number> {
  const modes: Record<string, number> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const name = prefix + entry.name;
    if (entry.isSymbolicLink()) continue;
    modes[name] = modeOf(path);
    if (entry.isDirectory()) Object.assign(modes, modesUnder(path, `${name}/`));
  }
  return modes;
}

async function snapshot(running: CounterServices): Promise<Snapshot> {
  const response = await running.handle('getSnapshot', {}, { connection: 'test', role: 'clerk' });
  if (!response.ok) throw new Error(response.error.message);
  return response.result as Snapshot;
}

describe.runIf(process.platform !== 'win32')('the data directory is private to the counter’s account', () => {
  it('a start fixes 0755/0644 to 0700/0600, and every file the running counter writes is created 0600', async () => {
    const dataDir = await oldDataDir();
    expect(modeOf(join(dataDir, DATABASE_FILE))).toBe(0o644);
    const logs: string[] = [];
    services = await startCounterServices({ shell: 'web', dataDir, pdfRenderer: drawn, printer: null, log: (line) => logs.push(line) });
    await until(() => modeOf(join(dataDir, DATABASE_FILE)) === 0o600, { label: 'the start-up check fixed the database' });
    await until(() => logs.some((l) => l.startsWith('数据目录权限：已将 config.json 的权限由 0644 改为 0600')), { label: 'the change is logged' });
    expect(modeOf(dataDir)).toBe(0o700);

    // A slip names the clerk signed in (issue 13): sign in, then issue it.
    const signedIn = await services.handle('signIn', { staffNumber: CLERK.staffNo, pin: CLERK.pin }, { connection: 'test', role: 'clerk' });
    expect(signedIn, JSON.stringify(signedIn)).toMatchObject({ ok: true, result: { ok: true } });
    const issued = await services.handle('issueSlip', {}, { connection: 'test', role: 'clerk' });
    expect(issued, JSON.stringify(issued)).toMatchObject({ ok: true, result: { ok: true } });
    const modes = modesUnder(dataDir);
    expect(Object.keys(modes).some((name) => name.startsWith('archive/') && name.endsWith('.pdf'))).toBe(true);
    expect(Object.keys(modes)).toContain(`${DATABASE_FILE}-wal`);
    for (const [name, mode] of Object.entries(modes)) {
      expect({ name, mode: mode & 0o077 }).toEqual({ name, mode: 0 });
    }
    expect((await snapshot(services)).storage?.permissions ?? null).toBeNull();
  });

  it('the lead command writes config.json 0600 into a folder it creates 0700', { timeout: 60_000 }, () => {
    const dataDir = join(tempDir('counter-perm-cli-'), 'new-data');
    const ran = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/lead.ts'), 'add', '0101', '王组长', '--data-dir', dataDir], {
      cwd: root,
      input: '24681357\n24681357\n',
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, TMPDIR: tempDir('counter-perm-cli-tmp-') },
    });
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'config.json'))).toBe(0o600);
  });

  const canMakeImmutable = process.platform === 'linux' && spawnSync('chattr', ['--help']).error === undefined && process.getuid?.() === 0;
  it.runIf(canMakeImmutable)('a mode the counter cannot fix reaches the clerk screen as a warning', async () => {
    const dataDir = await oldDataDir();
    const stuck = join(dataDir, 'config.json');
    // Immutable: chmod is refused even to root, as it is to the counter for a file another account owns.
    if (spawnSync('chattr', ['+i', stuck]).status !== 0) throw new Error('chattr +i failed');
    immutable.push(stuck);
    services = await startCounterServices({ shell: 'web', dataDir, pdfRenderer: drawn, printer: null, log: () => undefined });
    let warned: Snapshot['storage'] | undefined;
    services.onEvent((event, payload) => {
      if (event === 'storage.changed') warned = payload as Snapshot['storage'];
    });
    warned = (await snapshot(services)).storage;
    await until(() => warned?.permissions != null, { label: 'storage.changed with the warning' });
    const message = strings.dataProtection.permissions.unfixable(dataDir, ['config.json']);
    expect((await snapshot(services)).storage?.permissions).toEqual({ message });
    expect(modeOf(stuck)).toBe(0o644);
    expect(modeOf(join(dataDir, DATABASE_FILE))).toBe(0o600);
  });
});
