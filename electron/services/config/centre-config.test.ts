import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CounterConfigSchema } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { tempDir } from '../../../test/support/temp-dir';
import { CENTRE_CONFIG_ENV, centreConfigPath, readCentreConfig } from './centre-config';
import { CONFIG_FILE, LAST_GOOD_FILE, defaultConfig, loadConfig, resolveConfig } from './config-file';

const f = strings.fleetConfig;

/** A data directory and a centre file beside it (not yet written). */
function setup() {
  const root = tempDir('counter-centre-');
  const dataDir = join(root, 'data');
  const centreFile = join(root, 'etc', 'centre.json');
  return { root, dataDir, centreFile, options: { centreFile } };
}

function write(file: string, value: unknown): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
}

const sourceOf = (loaded: ReturnType<typeof loadConfig>, path: string) => loaded.provenance.find((p) => p.path === path);

describe('centreConfigPath', () => {
  it('is /etc on Linux, ProgramData on Windows, and COUNTER_CENTRE_CONFIG when set', () => {
    expect(centreConfigPath({}, 'linux')).toBe('/etc/counter-terminal/centre.json');
    expect(centreConfigPath({ ProgramData: 'D:\\ProgramData' }, 'win32')).toBe('D:\\ProgramData\\counter-terminal\\centre.json');
    expect(centreConfigPath({}, 'win32')).toBe('C:\\ProgramData\\counter-terminal\\centre.json');
    expect(centreConfigPath({ [CENTRE_CONFIG_ENV]: '/tmp/x/centre.json' }, 'linux')).toBe('/tmp/x/centre.json');
    expect(centreConfigPath({ [CENTRE_CONFIG_ENV]: 'C:\\it\\centre.json', ProgramData: 'D:\\ProgramData' }, 'win32')).toBe('C:\\it\\centre.json');
  });
});

describe('readCentreConfig', () => {
  it('a missing file is absent, not a problem', () => {
    const { centreFile } = setup();
    expect(readCentreConfig(centreFile)).toEqual({ state: 'absent', file: centreFile });
  });

  it('a file saved as GBK or with a JSON syntax error is broken, with the file named', () => {
    const { centreFile } = setup();
    // 中 in GBK: not UTF-8.
    write(centreFile, '');
    writeFileSync(centreFile, Buffer.concat([Buffer.from('{"counter":{"centreName":"'), Buffer.from([0xd6, 0xd0]), Buffer.from('"}}')]));
    const gbk = readCentreConfig(centreFile);
    expect(gbk.state).toBe('broken');
    if (gbk.state === 'broken') expect(gbk.issues[0]!.message).toContain(centreFile);
    writeFileSync(centreFile, '{ "retention": ');
    const syntax = readCentreConfig(centreFile);
    expect(syntax.state).toBe('broken');
    if (syntax.state === 'broken') {
      expect(syntax.issues).toHaveLength(1);
      expect(syntax.issues[0]!.message.startsWith(`中心配置文件 ${centreFile}：配置文件不是有效的 JSON`)).toBe(true);
      expect(syntax.logDetails).toHaveLength(1);
    }
  });
});

describe('loadConfig with a centre file', () => {
  it('no centre file and no config.json: defaults, config.json created empty, nothing from the centre', () => {
    const { dataDir, options } = setup();
    const loaded = loadConfig(dataDir, options);
    expect(loaded).toMatchObject({ source: 'created', issues: [], centreFile: null, counterFile: join(dataDir, CONFIG_FILE) });
    expect(loaded.config).toEqual(defaultConfig());
    expect(loaded.provenance.every((p) => p.source === 'default' && !p.locked)).toBe(true);
  });

  it('centre file only: its values reach a fresh counter, and still reach it when the centre file changes later', () => {
    const { dataDir, centreFile, options } = setup();
    write(centreFile, { counter: { centreName: '某某市政务服务中心' }, evaluation: { upload: { url: 'https://pj.example.gov.cn/api' } } });
    const first = loadConfig(dataDir, options);
    expect(first).toMatchObject({ source: 'created', issues: [], centreFile });
    expect(first.config.counter.centreName).toBe('某某市政务服务中心');
    expect(first.config.evaluation.upload.url).toBe('https://pj.example.gov.cn/api');
    expect(sourceOf(first, 'counter.centreName')).toMatchObject({ source: 'centre', locked: false });
    // config.json holds only the counter's own values: nothing of the centre's or the defaults copied in.
    expect(JSON.parse(readFileSync(join(dataDir, CONFIG_FILE), 'utf8'))).toEqual({});

    write(centreFile, { counter: { centreName: '另一中心' } });
    const later = loadConfig(dataDir, options);
    expect(later.source).toBe('file');
    expect(later.config.counter.centreName).toBe('另一中心');
    expect(later.config.evaluation.upload.url).toBe('');
  });

  it('both files: config.json wins where it says something, the centre file elsewhere, the defaults last', () => {
    const { dataDir, centreFile, options } = setup();
    write(centreFile, { counter: { centreName: '某某市政务服务中心', windowNumber: '99' }, slips: { paper: 'receipt80' } });
    write(join(dataDir, CONFIG_FILE), { counter: { windowNumber: '12' } });
    const loaded = loadConfig(dataDir, options);
    expect(loaded).toMatchObject({ source: 'file', issues: [], centreFile });
    expect(loaded.config.counter).toMatchObject({ centreName: '某某市政务服务中心', windowNumber: '12', clerkName: '示例工作人员' });
    expect(loaded.config.slips.paper).toBe('receipt80');
    expect(sourceOf(loaded, 'counter.windowNumber')?.source).toBe('counter');
    expect(sourceOf(loaded, 'counter.centreName')?.source).toBe('centre');
    expect(sourceOf(loaded, 'counter.clerkName')?.source).toBe('default');
    // The merged result is the last good copy; config.json itself is untouched.
    expect(JSON.parse(readFileSync(join(dataDir, LAST_GOOD_FILE), 'utf8'))).toEqual(loaded.config);
    expect(JSON.parse(readFileSync(join(dataDir, CONFIG_FILE), 'utf8'))).toEqual({ counter: { windowNumber: '12' } });
  });

  it('a locked field config.json changes is refused with an issue naming the field and the centre file, never the value', () => {
    const { dataDir, centreFile, options } = setup();
    write(centreFile, { locked: ['evaluation.upload.url', 'retention'], evaluation: { upload: { url: 'https://pj.example.gov.cn/api' } } });
    write(join(dataDir, CONFIG_FILE), { evaluation: { upload: { url: 'https://elsewhere.example/api', token: 'tok-123' } }, retention: { cardDays: 30 }, counter: { windowNumber: '12' } });
    const loaded = loadConfig(dataDir, options);
    expect(loaded.source).toBe('file');
    expect(loaded.config.evaluation.upload).toMatchObject({ url: 'https://pj.example.gov.cn/api', token: 'tok-123' });
    expect(loaded.config.retention).toEqual(defaultConfig().retention);
    expect(loaded.config.counter.windowNumber).toBe('12');
    expect(loaded.issues).toEqual([
      { field: 'evaluation.upload.url', message: f.lockedIgnored(centreFile) },
      { field: 'retention', message: f.lockedIgnored(centreFile) },
    ]);
    expect(JSON.stringify(loaded.issues)).not.toContain('elsewhere.example');
    expect(sourceOf(loaded, 'evaluation.upload.url')).toMatchObject({ source: 'centre', locked: true });
    expect(sourceOf(loaded, 'retention.cardDays')).toMatchObject({ source: 'default', locked: true });
  });

  it('a broken centre file: the last good merged configuration is kept, and the counter says so', () => {
    const { dataDir, centreFile, options } = setup();
    write(centreFile, { locked: ['evaluation.upload.url'], evaluation: { upload: { url: 'https://pj.example.gov.cn/api' } } });
    write(join(dataDir, CONFIG_FILE), { counter: { windowNumber: '12' } });
    const good = loadConfig(dataDir, options);
    expect(good.issues).toEqual([]);

    // IT breaks the centre file, and config.json now tries to send ratings elsewhere.
    writeFileSync(centreFile, '{ "locked": ["evaluation.upload.url"], ');
    write(join(dataDir, CONFIG_FILE), { counter: { windowNumber: '13' }, evaluation: { upload: { url: 'https://elsewhere.example/api' } } });
    const broken = loadConfig(dataDir, options);
    expect(broken.source).toBe('last-good');
    expect(broken.config).toEqual(good.config);
    expect(broken.config.evaluation.upload.url).toBe('https://pj.example.gov.cn/api');
    expect(broken.centreFile).toBeNull();
    expect(broken.issues[0]!.message).toContain(centreFile);
    expect(broken.issues.at(-1)).toEqual({ field: '', message: f.centreBrokenLastGood(centreFile) });
    expect(broken.provenance.every((p) => p.source === 'last-good')).toBe(true);
    // The last good copy is not replaced while the centre file is broken.
    expect(JSON.parse(readFileSync(join(dataDir, LAST_GOOD_FILE), 'utf8'))).toEqual(good.config);

    // Fixed: the counter takes it up again at the next load.
    write(centreFile, { locked: ['evaluation.upload.url'], evaluation: { upload: { url: 'https://pj.example.gov.cn/api' } } });
    const fixed = loadConfig(dataDir, options);
    expect(fixed.config.counter.windowNumber).toBe('13');
    expect(fixed.issues).toEqual([{ field: 'evaluation.upload.url', message: f.lockedIgnored(centreFile) }]);
  });

  it('a broken centre file on a counter with no last good copy: the defaults, said so; never a crash', () => {
    const { dataDir, centreFile, options } = setup();
    write(centreFile, { locked: ['nonsense.path'] });
    write(join(dataDir, CONFIG_FILE), { counter: { windowNumber: '12' } });
    const loaded = loadConfig(dataDir, options);
    expect(loaded.source).toBe('defaults');
    expect(loaded.config).toEqual(defaultConfig());
    expect(loaded.issues).toEqual([
      { field: 'locked', message: f.centreIssue(centreFile, f.unknownLockPath('nonsense.path')) },
      { field: '', message: f.centreBrokenDefaults(centreFile) },
    ]);
  });

  it('a centre file that is a folder or unreadable is a problem, not a crash', () => {
    const { dataDir, centreFile, options } = setup();
    mkdirSync(centreFile, { recursive: true });
    const loaded = loadConfig(dataDir, options);
    expect(loaded.source).toBe('defaults');
    expect(loaded.issues.at(-1)).toEqual({ field: '', message: f.centreBrokenDefaults(centreFile) });
    expect(loaded.logDetails.length).toBeGreaterThan(0);
  });

  it('a broken config.json under a good centre file: the last good copy, with the centre locks applied over it', () => {
    const { dataDir, centreFile, options } = setup();
    write(centreFile, { counter: { centreName: '某某市政务服务中心' } });
    write(join(dataDir, CONFIG_FILE), { counter: { windowNumber: '12' } });
    expect(loadConfig(dataDir, options).issues).toEqual([]);

    // The centre now locks the upload URL; config.json is broken meanwhile.
    write(centreFile, { locked: ['evaluation.upload.url'], evaluation: { upload: { url: 'https://pj.example.gov.cn/api' } } });
    write(join(dataDir, CONFIG_FILE), { counter: { windowNumber: '' } });
    const loaded = loadConfig(dataDir, options);
    expect(loaded.source).toBe('last-good');
    expect(loaded.issues).toEqual([{ field: 'counter.windowNumber', message: strings.config.tooShort(1) }]);
    expect(loaded.config.counter).toMatchObject({ windowNumber: '12', centreName: '某某市政务服务中心' });
    expect(loaded.config.evaluation.upload.url).toBe('https://pj.example.gov.cn/api');
    expect(loaded.provenance.find((p) => p.path === 'evaluation.upload.url')).toMatchObject({ source: 'centre', locked: true });
    expect(loaded.provenance.find((p) => p.path === 'counter.windowNumber')).toMatchObject({ source: 'last-good' });
  });

  it('a broken config.json with no last good copy: the centre file over the defaults', () => {
    const { dataDir, centreFile, options } = setup();
    write(centreFile, { counter: { centreName: '某某市政务服务中心' } });
    write(join(dataDir, CONFIG_FILE), 'null');
    const loaded = loadConfig(dataDir, options);
    expect(loaded.source).toBe('defaults');
    expect(loaded.issues).toHaveLength(1);
    expect(loaded.config.counter.centreName).toBe('某某市政务服务中心');
  });

  it('resolveConfig reads only: no config.json, no last good copy written', () => {
    const { root, dataDir, centreFile, options } = setup();
    write(centreFile, { counter: { centreName: '某某市政务服务中心' } });
    const resolved = resolveConfig(dataDir, options);
    expect(resolved.config.counter.centreName).toBe('某某市政务服务中心');
    expect(readdirSync(root)).toEqual(['etc']);
  });

  it('without options the centre file comes from COUNTER_CENTRE_CONFIG', () => {
    const { dataDir, centreFile } = setup();
    write(centreFile, { counter: { centreName: '环境变量中心' } });
    const saved = process.env[CENTRE_CONFIG_ENV];
    process.env[CENTRE_CONFIG_ENV] = centreFile;
    try {
      expect(loadConfig(dataDir).config.counter.centreName).toBe('环境变量中心');
    } finally {
      if (saved === undefined) delete process.env[CENTRE_CONFIG_ENV];
      else process.env[CENTRE_CONFIG_ENV] = saved;
    }
  });

  it('the merged result validates with the counter schema', () => {
    const { dataDir, centreFile, options } = setup();
    write(centreFile, { serviceDay: { closingTime: '21:00' } });
    write(join(dataDir, CONFIG_FILE), { serviceDay: { openingTime: '18:00' } });
    const loaded = loadConfig(dataDir, options);
    expect(loaded.issues).toEqual([]);
    expect(CounterConfigSchema.parse(loaded.config)).toEqual(loaded.config);
  });
});
