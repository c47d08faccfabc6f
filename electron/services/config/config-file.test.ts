import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strings } from '../../../shared/i18n';
import { CONFIG_FILE, LAST_GOOD_FILE, defaultConfig, loadConfig, parseConfigText } from './config-file';
import { tempDir as makeTempDir } from '../../../test/support/temp-dir';

const tempDir = () => makeTempDir('counter-config-');

describe('loadConfig', () => {
  it('creates config.json with simulated devices on a fresh machine', () => {
    const dir = tempDir();
    const loaded = loadConfig(dir, { centreFile: join(dir, 'no-centre.json') });
    expect(loaded.source).toBe('created');
    expect(loaded.issues).toEqual([]);
    expect(loaded.config.devices.idcard.mode).toBe('simulated');
    // Created empty, so that a centre file rolled out later is not overridden by spelled-out defaults.
    expect(JSON.parse(readFileSync(join(dir, CONFIG_FILE), 'utf8'))).toEqual({});
    expect(JSON.parse(readFileSync(join(dir, LAST_GOOD_FILE), 'utf8'))).toEqual(defaultConfig());
  });

  it('reads a valid file and fills omitted fields with defaults', () => {
    const dir = tempDir();
    writeFileSync(join(dir, CONFIG_FILE), JSON.stringify({ counter: { windowNumber: '12', clerkName: '李四' } }));
    const loaded = loadConfig(dir);
    expect(loaded.source).toBe('file');
    expect(loaded.config.counter.windowNumber).toBe('12');
    expect(loaded.config.counter.clerkName).toBe('李四');
    expect(loaded.config.counter.centreName).toBe(defaultConfig().counter.centreName);
  });

  it('reports an invalid file field by field in Chinese and keeps the last good configuration', () => {
    const dir = tempDir();
    writeFileSync(join(dir, CONFIG_FILE), JSON.stringify({ counter: { windowNumber: '07' } }));
    expect(loadConfig(dir).source).toBe('file');

    writeFileSync(
      join(dir, CONFIG_FILE),
      JSON.stringify({ counter: { windowNumber: 7, clerkName: '' }, devices: { idcard: { mode: 'usb' } }, colour: 'red' }),
    );
    const loaded = loadConfig(dir);
    expect(loaded.source).toBe('last-good');
    expect(loaded.config.counter.windowNumber).toBe('07');
    const byField = Object.fromEntries(loaded.issues.map((i) => [i.field, i.message]));
    expect(byField['counter.windowNumber']).toBe('类型错误，应为文本');
    expect(byField['counter.clerkName']).toBe('不能少于 1 个字符');
    expect(byField['devices.idcard.mode']).toBe('取值无效，可选：simulated、hardware、disabled');
    expect(byField['']).toBe('无法识别的配置项：colour');
  });

  it('falls back to defaults when the file is broken and no good copy exists', () => {
    const dir = tempDir();
    writeFileSync(join(dir, CONFIG_FILE), '{ "counter": ');
    const loaded = loadConfig(dir);
    expect(loaded.source).toBe('defaults');
    expect(loaded.issues).toHaveLength(1);
    expect(loaded.issues[0]?.message).toMatch(/^配置文件不是有效的 JSON：/);
    expect(loaded.config).toEqual(defaultConfig());
  });

  it('ignores a broken last-good copy rather than trusting it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, CONFIG_FILE), 'null');
    writeFileSync(join(dir, LAST_GOOD_FILE), '{"counter":{"windowNumber":""}}');
    const loaded = loadConfig(dir);
    expect(loaded.source).toBe('defaults');
    expect(loaded.issues[0]?.message).toBe('类型错误，应为对象');
  });

  it('refuses a config.json saved as GBK, keeps the last good one untouched and the clerk’s name intact', () => {
    const dir = tempDir();
    writeFileSync(join(dir, CONFIG_FILE), JSON.stringify({ counter: { windowNumber: '07', clerkName: '张三' } }));
    expect(loadConfig(dir).config.counter.clerkName).toBe('张三');
    const lastGood = readFileSync(join(dir, LAST_GOOD_FILE));

    // IT edits the name in Notepad and saves as “ANSI”: 李四 in GBK is C0 EE CB C4.
    const gbk = Buffer.concat([Buffer.from('{"counter":{"windowNumber":"08","clerkName":"'), Buffer.from([0xc0, 0xee, 0xcb, 0xc4]), Buffer.from('"}}')]);
    writeFileSync(join(dir, CONFIG_FILE), gbk);
    const loaded = loadConfig(dir);

    expect(loaded.source).toBe('last-good');
    expect(loaded.issues).toEqual([{ field: '', message: strings.config.unreadable(strings.dataFiles.notUtf8(CONFIG_FILE)) }]);
    expect(loaded.issues[0]!.message).toContain('config.json');
    expect(loaded.issues[0]!.message).toContain('UTF-8');
    expect(loaded.config.counter.clerkName).toBe('张三');
    expect(loaded.config.counter.windowNumber).toBe('07');
    expect(JSON.stringify(loaded.config)).not.toContain('\uFFFD');
    expect(JSON.stringify(loaded.config)).not.toContain('�');
    expect(readFileSync(join(dir, LAST_GOOD_FILE))).toEqual(lastGood);
    // The file itself is left for IT to re-save; the decoder's own words go to the log.
    expect(readFileSync(join(dir, CONFIG_FILE))).toEqual(gbk);
    expect(loaded.logDetails).toHaveLength(1);
    expect(loaded.logDetails[0]).toMatch(/utf-8/i);

    // Saved again as UTF-8, it is read and becomes the last good copy.
    writeFileSync(join(dir, CONFIG_FILE), JSON.stringify({ counter: { windowNumber: '08', clerkName: '李四' } }));
    expect(loadConfig(dir).config.counter.clerkName).toBe('李四');
    expect(JSON.parse(readFileSync(join(dir, LAST_GOOD_FILE), 'utf8')).counter.clerkName).toBe('李四');
  });

  it('reports bad JSON in Chinese with line and column, V8’s wording only in the log', () => {
    const dir = tempDir();
    writeFileSync(join(dir, CONFIG_FILE), '{\n  "counter": { "windowNumber": "07" }\n  "privacy": {}\n}');
    const loaded = loadConfig(dir);
    expect(loaded.issues).toEqual([
      { field: '', message: strings.config.notJson(strings.dataFiles.jsonAt(3, 3, strings.dataFiles.json.expectedCommaOrBrace)) },
    ]);
    expect(loaded.logDetails[0]).toMatch(/Expected|Unexpected/);
  });
});

describe('parseConfigText', () => {
  it('accepts a UTF-8 BOM as Windows Notepad writes it', () => {
    const parsed = parseConfigText('\uFEFF{"counter":{"windowNumber":"03"}}');
    expect(parsed.ok && parsed.config.counter.windowNumber).toBe('03');
  });
  it('reports integers, ranges and positivity', () => {
    const parsed = parseConfigText(
      JSON.stringify({ privacy: { idMaskHead: 2.5, idMaskTail: 9 }, devices: { idcard: { baudRate: -1 } } }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byField = Object.fromEntries(parsed.issues.map((i) => [i.field, i.message]));
    expect(byField['privacy.idMaskHead']).toBe('应为整数');
    expect(byField['privacy.idMaskTail']).toBe('不能大于 6');
    expect(byField['devices.idcard.baudRate']).toBe('应为正数');
  });
  it('reports a value outside the allowed set', () => {
    const parsed = parseConfigText(JSON.stringify({ version: 2 }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toEqual({ field: 'version', message: '取值无效，可选：1' });
  });
  it('reports an unreadable file in Chinese, the system’s text kept for the log', () => {
    const parsed = parseConfigText(Object.assign(new Error("EACCES: permission denied, open 'config.json'"), { code: 'EACCES' }));
    expect(parsed).toEqual({
      ok: false,
      issues: [{ field: '', message: '无法读取配置文件：没有访问权限（EACCES）' }],
      original: "EACCES: permission denied, open 'config.json'",
    });
  });

  it('takes the ID reader tuning IT sets, and names a bad value by field', () => {
    const good = parseConfigText(
      JSON.stringify({
        devices: {
          idcard: {
            mode: 'hardware',
            port: 'hid:0425:8159',
            pollIntervalMs: 400,
            timeouts: { read: 3000 },
            hidFraming: { reportId: 0, reportSize: 64, lengthByteOffset: 0, payloadOffset: 1, inputHasReportId: false },
            photoDecoder: { library: '/opt/vendor/libwltu.so', symbol: 'unpack' },
          },
        },
      }),
    );
    expect(good.ok && good.config.devices.idcard.photoDecoder?.library).toBe('/opt/vendor/libwltu.so');
    const bad = parseConfigText(JSON.stringify({ devices: { idcard: { pollIntervalMs: 20, timeouts: { find: 'fast' } } } }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const byField = Object.fromEntries(bad.issues.map((i) => [i.field, i.message]));
    expect(byField['devices.idcard.pollIntervalMs']).toBe('不能小于 100');
    expect(byField['devices.idcard.timeouts.find']).toBe('类型错误，应为数字');
  });
});
