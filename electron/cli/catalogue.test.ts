import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir as makeTempDir } from '../../test/support/temp-dir';

const root = join(__dirname, '..', '..');
const fixture = (name: string) => join(root, 'test', 'fixtures', 'catalogue', name);
const tempDir = () => makeTempDir('counter-catalogue-cli-');

/** Runs the command exactly as documented: `npm run --silent catalogue -- …`, on a data directory of its own. */
function catalogue(args: string[], dataDir: string) {
  const run = spawnSync('npm', ['run', '--silent', 'catalogue', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, COUNTER_DATA_DIR: dataDir },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run catalogue -- check', { timeout: 60_000 }, () => {
  it('says a clean file is valid, with a one-line summary, exit 0', () => {
    for (const file of ['valid.json', 'valid.xlsx']) {
      const run = catalogue(['check', fixture(file)], tempDir());
      expect(run.status).toBe(0);
      expect(run.stdout.trim()).toBe(`事项目录有效：${fixture(file)}，共 2 个事项（本窗口办理 1 个、转办 1 个），2 项申请材料`);
    }
  });

  it('lists every problem of a JSON file naming item, material and field, exit 1', () => {
    const run = catalogue(['check', fixture('invalid-fields.json')], tempDir());
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`事项目录有误：${fixture('invalid-fields.json')}，发现 8 处问题，未导入：`);
    expect(lines).toHaveLength(9);
    expect(lines).toContain('  个体工商户设立登记 · 经营者身份证件 · 核验方式：核验方式为“验原件收复印件”时，复印件份数至少为 1，原件份数应为 0（原件核验后退还）');
  });

  it('lists every problem of a workbook with its row, exit 1', () => {
    const run = catalogue(['check', fixture('invalid-fields.xlsx')], tempDir());
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n').slice(1).sort()).toEqual(
      [
        '  “事项”表第 2 行 · 个体工商户设立登记 · 承诺办结时限 · 单位：取值无效，可选：工作日、自然日',
        '  “材料”表第 2 行 · 个体工商户设立登记 · 个体工商户登记（备案）申请书 · 是否必要：应填“是”或“否”',
        '  “材料”表第 3 行 · 个体工商户设立登记 · 经营者身份证件 · 核验方式：取值无效，可选：收原件、验原件收复印件、收原件及复印件、验原件',
        '  “事项”表第 2 行 · 个体工商户设立登记 · 受理证件类型 · 第 2 条：“驾驶证”不是可选的取值，可选：居民身份证、临时居民身份证、港澳台居民居住证、外国人永久居留身份证、港澳居民来往内地通行证、台湾居民来往大陆通行证、护照、其他证件',
      ].sort(),
    );
  });

  it('reports a workbook that is not one, exit 1', () => {
    const run = catalogue(['check', fixture('malformed.xlsx')], tempDir());
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/（整个目录）：无法读取 Excel 文件：/);
  });

  it('asks for a file and names an unknown command, exit 2', () => {
    expect(catalogue(['check'], tempDir())).toMatchObject({ status: 2, stderr: expect.stringContaining('请指定文件') });
    expect(catalogue(['frobnicate', 'x'], tempDir())).toMatchObject({ status: 2, stderr: expect.stringContaining('未知的命令：frobnicate') });
  });
});

describe('npm run catalogue -- import', { timeout: 90_000 }, () => {
  it('imports into the data directory, keeps the previous catalogue as a backup and prints what changed', () => {
    const dir = tempDir();
    const first = catalogue(['import', fixture('valid.json')], dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`已导入到数据目录 ${dir}：共 2 个事项`);
    expect(first.stdout).toContain('此前使用的是默认事项目录，无需备份');
    // Implementation codes differ from the shipped catalogue's: its items go, the fixture's two come.
    expect(first.stdout).toMatch(/新增事项：个体工商户设立登记、普通护照签发/);
    expect(first.stdout).toMatch(/删除事项：.*食品经营许可（新办）/);
    const imported = readFileSync(join(dir, 'catalogue.json'), 'utf8');

    // The workbook is the same catalogue with accepted ID types on the first item.
    const second = catalogue(['import', fixture('valid.xlsx')], dir);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('修改事项：个体工商户设立登记（受理证件类型）');
    expect(second.stdout).not.toContain('新增事项');
    expect(second.stdout).not.toContain('删除事项');
    const backups = readdirSync(dir).filter((f) => /^catalogue\.backup-\d{8}-\d{6}\.json$/.test(f));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(imported);
    expect(second.stdout).toContain(`原事项目录已备份为 ${join(dir, backups[0]!)}`);
    expect(JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8')).items[0].acceptedIdTypes).toEqual(['residentId', 'passport']);
  });

  it('changes nothing and leaves no backup when the file has any problem', () => {
    const dir = tempDir();
    expect(catalogue(['import', fixture('valid.json')], dir).status).toBe(0);
    const before = readFileSync(join(dir, 'catalogue.json'), 'utf8');
    for (const bad of ['invalid-fields.json', 'invalid-fields.xlsx', 'malformed.xlsx']) {
      const run = catalogue(['import', fixture(bad)], dir);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('未导入');
    }
    expect(readFileSync(join(dir, 'catalogue.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('catalogue.backup-'))).toEqual([]);
  });
});

describe('npm run catalogue -- template / export', { timeout: 90_000 }, () => {
  it('writes a template that passes the check, and will not overwrite a file without --force', () => {
    const dir = tempDir();
    const out = join(dir, '事项目录模板.xlsx');
    const run = catalogue(['template', out], dir);
    expect(run.status).toBe(0);
    const check = catalogue(['check', out], dir);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('共 1 个事项');
    expect(catalogue(['template', out], dir)).toMatchObject({ status: 1, stderr: expect.stringContaining('文件已存在') });
    expect(catalogue(['template', out, '--force'], dir).status).toBe(0);
    expect(catalogue(['template', join(dir, 'x.json')], dir).status).toBe(2);
  });

  it('exports the catalogue in use as JSON and XLSX, which import back unchanged', () => {
    const dir = tempDir();
    expect(catalogue(['import', fixture('valid.xlsx')], dir).status).toBe(0);
    const json = join(dir, 'out.json');
    const xlsx = join(dir, 'out.xlsx');
    expect(catalogue(['export', json], dir).stdout).toContain(`已导出本中心事项目录到 ${json}：共 2 个事项`);
    expect(catalogue(['export', xlsx], dir).status).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8')));
    const again = catalogue(['import', xlsx], dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('事项与此前的目录相同，未发生变化');
    writeFileSync(join(dir, 'out.csv'), '');
    expect(catalogue(['export', join(dir, 'out.csv'), '--force'], dir).status).toBe(2);
    expect(existsSync(join(dir, 'out.csv'))).toBe(true);
  });
});
