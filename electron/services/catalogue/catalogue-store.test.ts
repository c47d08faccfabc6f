import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isReferred } from '../../../shared/domain/catalogue/schema';
import { searchItems } from '../../../shared/domain/catalogue/search';
import { strings } from '../../../shared/i18n';
import { formatIssue } from './catalogue-issues';
import {
  CATALOGUE_FILE,
  CATALOGUE_LAST_GOOD_FILE,
  CATALOGUE_MARKER_FILE,
  hasHadCentreCatalogue,
  importCatalogue,
  loadCatalogue,
  loadDefaultCatalogue,
} from './catalogue-store';
import { tempDir as makeTempDir } from '../../../test/support/temp-dir';

const fixtures = resolve(__dirname, '../../../test/fixtures/catalogue');
const fixture = (name: string) => join(fixtures, name);
const tempDir = () => makeTempDir('counter-catalogue-');
const c = strings.catalogue;
const d = strings.dataFiles.catalogue;

describe('the default catalogue', () => {
  const loaded = loadDefaultCatalogue();

  it('is valid', () => {
    expect(loaded.issues.map(formatIssue)).toEqual([]);
    expect(loaded.source).toBe('sample');
  });

  it('has the items of the issue, across several departments, and a referral', () => {
    const names = loaded.catalogue.items.map((i) => i.name);
    for (const wanted of ['个体工商户设立登记', '食品经营许可', '居住证签注', '社会保障卡补换', '不动产登记资料查询', '公共场所卫生许可', '道路运输从业资格证换证', '生育登记']) {
      expect(names.some((n) => n.startsWith(wanted))).toBe(true);
    }
    const handled = loaded.catalogue.items.filter((i) => !isReferred(i));
    expect(handled.length).toBeGreaterThanOrEqual(8);
    expect(new Set(handled.map((i) => i.implementingBody.name)).size).toBeGreaterThanOrEqual(5);
    expect(loaded.catalogue.items.some(isReferred)).toBe(true);
    // Both kinds of handling and at least one item that allows 容缺受理.
    expect(new Set(handled.map((i) => i.handling))).toEqual(new Set(['immediate', 'promised']));
    expect(handled.some((i) => i.materials.some((m) => m.tolerable))).toBe(true);
  });

  it('is searchable by pinyin initials, computed on load', () => {
    expect(searchItems(loaded.items, 'sbk').map((i) => i.name)).toEqual(['社会保障卡补换']);
    expect(searchItems(loaded.items, 'spjy').map((i) => i.name)).toEqual(['食品经营许可（新办）']);
    expect(searchItems(loaded.items, 'gjj').map((i) => i.name)).toEqual(['住房公积金提取']);
  });
});

describe('loading and importing a centre catalogue', () => {
  it('uses the sample only when the centre has never had a catalogue', () => {
    const dir = tempDir();
    const loaded = loadCatalogue(dir);
    expect(loaded.source).toBe('sample');
    expect(loaded.issues).toEqual([]);
    expect(loaded.items.length).toBeGreaterThan(8);
    expect(hasHadCentreCatalogue(dir)).toBe(false);
  });

  it('imports a valid JSON file, which is then what loads', async () => {
    const dir = tempDir();
    const result = await importCatalogue(dir, fixture('valid.json'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.loaded.catalogue.items.map((i) => i.name)).toEqual(['个体工商户设立登记', '普通护照签发']);
    const loaded = loadCatalogue(dir);
    expect(loaded.source).toBe('centre');
    expect(loaded.catalogue).toEqual(result.loaded.catalogue);
    expect(loaded.items[0]!.initials).toEqual(['gtgshsldj', 'gthyyzz']);
  });

  it('refuses a file that is not JSON and keeps the catalogue in use', async () => {
    const dir = tempDir();
    await importCatalogue(dir, fixture('valid.json'));
    const before = readFileSync(join(dir, CATALOGUE_FILE), 'utf8');
    const result = await importCatalogue(dir, fixture('invalid-json.json'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.message).toMatch(/^事项目录文件不是有效的 JSON：/);
    expect(readFileSync(join(dir, CATALOGUE_FILE), 'utf8')).toBe(before);
    expect(loadCatalogue(dir).catalogue.items).toHaveLength(2);
  });

  it('reports every bad field at once, naming item, material and field, and writes nothing', async () => {
    const dir = tempDir();
    const result = await importCatalogue(dir, fixture('invalid-fields.json'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.issues.map(formatIssue);
    expect(lines).toEqual(
      expect.arrayContaining([
        '个体工商户设立登记 · 实施主体 · 统一社会信用代码：统一社会信用代码校验位不正确（按 GB 32100 计算应为 2），请核对',
        '个体工商户设立登记 · 承诺办结时限 · 天数：承诺办结时限（5 个工作日）不能超过法定办结时限（3 个工作日）',
        '个体工商户设立登记 · 经营者身份证件 · 来源渠道：取值无效，可选：applicant（申请人自备）、government（政府部门核发）、intermediary（中介机构出具）、other（其他）',
        `个体工商户设立登记 · 经营者身份证件 · 核验方式：${c.countRule.verifyOriginalKeepCopy}`,
        '第 3 项事项 · 事项名称：缺少此项',
        `第 3 项事项 · 电话 · 监督投诉电话：${c.badPhone}`,
        '第 3 项事项：无法识别的字段：colour',
        '普通护照签发 · 实施编码：实施编码 0100120001-419900-101 与前面的事项重复',
      ]),
    );
    expect(lines).toHaveLength(8);
    expect(existsSync(join(dir, CATALOGUE_FILE))).toBe(false);
    // A refused import leaves a fresh counter as it was: on the sample.
    expect(loadCatalogue(dir).source).toBe('sample');
  });

  it('falls back to the last good catalogue when catalogue.json is broken by hand', async () => {
    const dir = tempDir();
    await importCatalogue(dir, fixture('valid.json'));
    copyFileSync(fixture('invalid-fields.json'), join(dir, CATALOGUE_FILE));
    const loaded = loadCatalogue(dir);
    expect(loaded.source).toBe('lastGood');
    expect(loaded.catalogue.title).toBe('某区政务服务中心事项目录');
    expect(loaded.issues.length).toBeGreaterThan(0);
  });

  it('gives no items, not the sample, when catalogue.json is broken and no good copy exists', () => {
    const dir = tempDir();
    writeFileSync(join(dir, CATALOGUE_FILE), '\uFEFF{"version": 2, "items": []}');
    const loaded = loadCatalogue(dir);
    expect(loaded.source).toBe('none');
    expect(loaded.items).toEqual([]);
    expect(loaded.issues.map(formatIssue)).toEqual(['版本：取值无效，可选：1', '事项：至少要有 1 项', `${c.wholeFile}：${d.noGoodCopy}`]);
    expect(existsSync(join(dir, CATALOGUE_LAST_GOOD_FILE))).toBe(false);
  });

  it('never goes back to the sample once the centre has had its own catalogue', async () => {
    const dir = tempDir();
    await importCatalogue(dir, fixture('valid.json'));
    expect(existsSync(join(dir, CATALOGUE_MARKER_FILE))).toBe(true);
    // catalogue.json deleted: the last good copy, and the clerk is told.
    rmSync(join(dir, CATALOGUE_FILE));
    const lastGood = loadCatalogue(dir);
    expect(lastGood.source).toBe('lastGood');
    expect(lastGood.items.map((i) => i.name)).toEqual(['个体工商户设立登记', '普通护照签发']);
    expect(lastGood.issues.map((i) => i.message)).toEqual([d.fileMissing]);
    // Every copy gone: the marker still says the centre had one, so no sample.
    rmSync(join(dir, CATALOGUE_LAST_GOOD_FILE));
    const none = loadCatalogue(dir);
    expect(none.source).toBe('none');
    expect(none.items).toEqual([]);
    expect(none.issues.map((i) => i.message)).toEqual([d.fileMissing, d.noGoodCopy]);
  });

  it('counts a catalogue backup left by the import tool as having had one', () => {
    const dir = tempDir();
    copyFileSync(fixture('valid.json'), join(dir, 'catalogue.backup-20261123-154500.json'));
    expect(hasHadCentreCatalogue(dir)).toBe(true);
    expect(loadCatalogue(dir).source).toBe('none');
  });

  it('refuses a catalogue.json saved as GBK, naming the file, and keeps the last good one', async () => {
    const dir = tempDir();
    await importCatalogue(dir, fixture('valid.json'));
    const lastGood = readFileSync(join(dir, CATALOGUE_LAST_GOOD_FILE));
    // 李四 in GBK: C0 EE CB C4.
    writeFileSync(join(dir, CATALOGUE_FILE), Buffer.concat([Buffer.from('{"version":1,"title":"'), Buffer.from([0xc0, 0xee, 0xcb, 0xc4]), Buffer.from('","items":[]}')]));
    const loaded = loadCatalogue(dir);
    expect(loaded.source).toBe('lastGood');
    expect(loaded.issues.map((i) => i.message)).toEqual([c.unreadable(strings.dataFiles.notUtf8(CATALOGUE_FILE))]);
    expect(readFileSync(join(dir, CATALOGUE_LAST_GOOD_FILE))).toEqual(lastGood);
    expect(loaded.logDetails[0]).toMatch(/utf-8/i);
  });

  it('refuses a file type it does not know, and a missing file', async () => {
    const dir = tempDir();
    const csv = join(dir, '目录.csv');
    writeFileSync(csv, '事项名称\n');
    expect(await importCatalogue(dir, csv)).toEqual({ ok: false, issues: [expect.objectContaining({ message: c.unsupportedType(csv) })] });
    const missing = await importCatalogue(dir, join(dir, 'none.json'));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.issues[0]!.message).toBe(c.unreadable('文件或文件夹不存在（ENOENT）'));
  });
});
