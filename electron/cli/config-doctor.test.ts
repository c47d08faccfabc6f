import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strings } from '../../shared/i18n';
import { tempDir } from '../../test/support/temp-dir';
import { hashPin } from '../services/accounts/pin-hash';
import { runConfigDoctor, type ConfigReport } from './config-doctor';

const root = join(__dirname, '..', '..');
const f = strings.fleetConfig;

/** Runs the command as IT would: `npx tsx electron/cli/doctor.ts config …`, the centre file and data directory from the environment. */
function doctor(args: string[], env: { centre: string; dataDir: string }) {
  const ran = spawnSync('npx', ['tsx', 'electron/cli/doctor.ts', 'config', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, COUNTER_CENTRE_CONFIG: env.centre, COUNTER_DATA_DIR: env.dataDir },
  });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

async function fleet() {
  const dir = tempDir('counter-config-doctor-');
  const dataDir = join(dir, 'data');
  const centre = join(dir, 'centre.json');
  mkdirSync(dataDir);
  const pinHash = await hashPin('24681357', { N: 1024, r: 8, p: 1 });
  writeFileSync(
    centre,
    JSON.stringify({
      locked: ['evaluation.upload.url', 'retention'],
      counter: { centreName: '某某市政务服务中心' },
      evaluation: { upload: { url: 'https://pj.example.gov.cn/api', token: 'centre-secret-token' } },
      lead: { accounts: [{ staffNo: '0101', name: '王组长', pinHash }] },
    }),
  );
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ counter: { windowNumber: '12' }, retention: { cardDays: 30 }, evaluation: { upload: { url: 'https://elsewhere.example/api' } } }));
  return { dir, dataDir, centre, pinHash };
}

describe('npm run doctor -- config', { timeout: 60_000 }, () => {
  it('--json: both files, every value with its source and lock, the lock notices, secrets as ***; writes nothing', async () => {
    const { dataDir, centre, pinHash } = await fleet();
    const ran = doctor(['--json'], { centre, dataDir });
    expect(ran.stderr).toBe('');
    // Problems were found (config.json tried to change two locked fields): 2.
    expect(ran.status).toBe(2);
    const report = JSON.parse(ran.stdout) as ConfigReport;
    expect(report.file).toEqual({ centre, counter: join(dataDir, 'config.json') });
    const value = (path: string) => report.values.find((v) => v.path === path);
    expect(value('counter.windowNumber')).toEqual({ path: 'counter.windowNumber', value: '12', source: 'counter', locked: false });
    expect(value('counter.centreName')).toEqual({ path: 'counter.centreName', value: '某某市政务服务中心', source: 'centre', locked: false });
    expect(value('counter.clerkName')).toEqual({ path: 'counter.clerkName', value: '示例工作人员', source: 'default', locked: false });
    expect(value('evaluation.upload.url')).toEqual({ path: 'evaluation.upload.url', value: 'https://pj.example.gov.cn/api', source: 'centre', locked: true });
    expect(value('evaluation.upload.token')).toEqual({ path: 'evaluation.upload.token', value: '***', source: 'centre', locked: false });
    expect(value('retention.cardDays')).toEqual({ path: 'retention.cardDays', value: 1, source: 'default', locked: true });
    expect(value('lead.accounts')).toEqual({ path: 'lead.accounts', value: [{ staffNo: '0101', name: '王组长', pinHash: '***' }], source: 'centre', locked: false });
    expect(report.issues).toEqual([
      { field: 'evaluation.upload.url', message: f.lockedIgnored(centre) },
      { field: 'retention', message: f.lockedIgnored(centre) },
    ]);
    expect(ran.stdout).not.toContain('centre-secret-token');
    expect(ran.stdout).not.toContain(pinHash);
    expect(ran.stdout).not.toContain('elsewhere.example');
    // Read only: no last good copy, config.json as it was.
    expect(readdirSync(dataDir)).toEqual(['config.json']);
  });

  it('the Chinese table names both files and each value’s source, 中心锁定 where locked, and the problems', async () => {
    const { dataDir, centre, pinHash } = await fleet();
    const ran = doctor([], { centre, dataDir });
    expect(ran.status).toBe(2);
    expect(ran.stdout).toContain(f.doctor.centreFile(centre));
    expect(ran.stdout).toContain(f.doctor.counterFile(join(dataDir, 'config.json')));
    const line = (path: string) => ran.stdout.split('\n').find((l) => l.startsWith(`${path} `)) ?? '';
    expect(line('counter.windowNumber')).toContain('本窗口配置');
    expect(line('counter.centreName')).toContain('中心配置');
    expect(line('counter.clerkName')).toContain('默认值');
    expect(line('evaluation.upload.url')).toContain('中心锁定（中心配置）');
    expect(line('retention.raterDays')).toContain('中心锁定（默认值）');
    expect(ran.stdout).toContain(`retention：${f.lockedIgnored(centre)}`);
    expect(ran.stdout).not.toContain('centre-secret-token');
    expect(ran.stdout).not.toContain(pinHash);
  });

  it('no centre file: file.centre is null, everything from the counter file or the defaults, exit 0', () => {
    const dir = tempDir('counter-config-doctor-none-');
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ counter: { windowNumber: '07' }, evaluation: { upload: { url: 'https://pj.example.gov.cn/api', token: 'counter-secret' } } }));
    const ran = doctor(['--json'], { centre: join(dir, 'absent.json'), dataDir });
    expect(ran.status).toBe(0);
    const report = JSON.parse(ran.stdout) as ConfigReport;
    expect(report.file.centre).toBeNull();
    expect(report.issues).toEqual([]);
    expect(report.values.every((v) => (v.source === 'counter' || v.source === 'default') && !v.locked)).toBe(true);
    expect(report.values.find((v) => v.path === 'evaluation.upload.token')?.value).toBe('***');
    expect(ran.stdout).not.toContain('counter-secret');
  });

  it('a broken centre file: reported with the file named, the counter on its last good copy or the defaults', () => {
    const dir = tempDir('counter-config-doctor-broken-');
    const dataDir = join(dir, 'data');
    const centre = join(dir, 'centre.json');
    mkdirSync(dataDir);
    writeFileSync(centre, '{ "locked": [ "retention" ');
    const ran = doctor(['--json'], { centre, dataDir });
    expect(ran.status).toBe(2);
    const report = JSON.parse(ran.stdout) as ConfigReport;
    expect(report.file.centre).toBeNull();
    expect(report.issues.at(-1)).toEqual({ field: '', message: f.centreBrokenDefaults(centre) });
    expect(report.issues[0]!.message).toContain(centre);
  });
});

describe('runConfigDoctor', () => {
  it('--data-dir picks the data directory; an unknown flag is a usage error (1)', () => {
    const dir = tempDir('counter-config-doctor-args-');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ counter: { windowNumber: '33' } }));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(runConfigDoctor(['--json', '--data-dir', dir], io, { centreFile: join(dir, 'none.json'), dataDir: '/nonexistent' })).toBe(0);
    expect((JSON.parse(out.join('\n')) as ConfigReport).values.find((v) => v.path === 'counter.windowNumber')?.value).toBe('33');
    expect(runConfigDoctor(['--yaml'], io, { centreFile: join(dir, 'none.json'), dataDir: dir })).toBe(1);
    expect(err.join('\n')).toContain(f.doctor.usage);
  });
});
