/**
 * 保存 of one device's settings: validated field by field with the config
 * schema (each wrong field its own Chinese message), fields the centre file
 * locks refused and said, and only a valid result written — atomically,
 * into this counter's config.json alone, the rest of the file as it was.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CounterConfigSchema } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { tempDir } from '../../../test/support/temp-dir';
import { deviceSettingsView, prepareDeviceSave, saveDeviceSettings } from './device-settings';
import { mergeLayers } from '../config/config-layers';

const c = strings.config;
const t = strings.itDesk;

function setup(counter: unknown, centre?: unknown) {
  const dir = tempDir('it-desk-settings-');
  const dataDir = join(dir, 'data');
  const centreFile = join(dir, 'centre.json');
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(counter, null, 2));
  if (centre !== undefined) writeFileSync(centreFile, JSON.stringify(centre));
  return { dataDir, centreFile, file: join(dataDir, 'config.json') };
}

describe('prepareDeviceSave: field by field', () => {
  it('names each wrong field with its Chinese message, and nothing else', () => {
    const prepared = prepareDeviceSave({}, null, 'idcard', { mode: 'hardware', port: '/dev/ttyUSB0', baudRate: 'abc', pollIntervalMs: '50', readFingerprint: 'true' });
    expect(prepared).toEqual({
      ok: false,
      message: t.invalid,
      issues: [
        { field: 'baudRate', message: c.wrongType(c.types.number!) },
        { field: 'pollIntervalMs', message: c.tooSmall(100) },
      ],
    });
    expect(prepareDeviceSave({}, null, 'evaluator', { mode: 'sometimes' })).toMatchObject({ ok: false, issues: [{ field: 'mode', message: c.badOption('simulated、hardware、disabled') }] });
    expect(prepareDeviceSave({}, null, 'evaluator', { colour: 'red' })).toMatchObject({ ok: false, issues: [{ field: 'colour', message: c.unknownKey('colour') }] });
    expect(prepareDeviceSave({}, null, 'camera', { jpegQuality: '1.5' })).toMatchObject({ ok: false, issues: [{ field: 'jpegQuality', message: c.tooBig(0.95) }] });
  });

  it('keeps the rest of config.json as written; an empty value clears an optional setting', () => {
    const raw = { counter: { windowNumber: '08' }, devices: { evaluator: { mode: 'hardware', port: '/dev/ttyUSB1', baudRate: 9600 }, idcard: { mode: 'simulated' } } };
    const prepared = prepareDeviceSave(raw, null, 'evaluator', { mode: 'hardware', port: '/dev/ttyUSB3', baudRate: '' });
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.json).toEqual({ counter: { windowNumber: '08' }, devices: { evaluator: { mode: 'hardware', port: '/dev/ttyUSB3' }, idcard: { mode: 'simulated' } } });
    expect(prepared.config.devices.evaluator).toEqual({ mode: 'hardware', port: '/dev/ttyUSB3' });
  });

  it('refuses a locked field given another value, saying so; its value in force is no change', () => {
    const centre = { values: { devices: { printer: { mode: 'hardware', port: 'Front_Laser' } } }, locked: ['devices.printer.port'], file: '/etc/counter-terminal/centre.json' };
    expect(prepareDeviceSave({}, centre, 'printer', { mode: 'hardware', port: 'Other' })).toEqual({
      ok: false,
      message: t.invalid,
      issues: [{ field: 'port', message: t.lockedRefused(t.fields.port, centre.file) }],
    });
    const same = prepareDeviceSave({}, centre, 'printer', { mode: 'simulated', port: 'Front_Laser' });
    expect(same.ok && same.json).toEqual({ devices: { printer: { mode: 'simulated' } } });
  });

  it('a config.json already broken elsewhere is not written over', () => {
    expect(prepareDeviceSave({ counter: { windowNumber: 12 } }, null, 'evaluator', { mode: 'simulated' })).toEqual({ ok: false, message: t.configBroken('config.json'), issues: [] });
  });

  it('the view shows each value with its layer and lock', () => {
    const centre = { values: { devices: { printer: { port: 'Front_Laser' } } }, locked: ['devices.printer.port'] };
    const merged = mergeLayers(centre, { devices: { printer: { mode: 'hardware' } } });
    if (!merged.ok) throw new Error('merge');
    expect(deviceSettingsView('printer', merged.config, merged.provenance, centre.locked)).toEqual([
      { key: 'mode', type: 'choice', choices: ['simulated', 'hardware', 'disabled'], value: 'hardware', source: 'counter', locked: false },
      { key: 'port', type: 'text', value: 'Front_Laser', source: 'centre', locked: true },
    ]);
  });

  it('the camera has no port or baud rate: it is chosen by label or device id, as the capture panel chooses it', () => {
    const merged = mergeLayers(null, { devices: { camera: { mode: 'hardware', document: 'Eloam' } } });
    if (!merged.ok) throw new Error('merge');
    expect(deviceSettingsView('camera', merged.config, merged.provenance, []).map((s) => [s.key, s.value])).toEqual([
      ['mode', 'hardware'],
      ['document', 'Eloam'],
      ['face', null],
      ['jpegQuality', 0.85],
    ]);
    expect(prepareDeviceSave({}, null, 'camera', { port: '/dev/video0' })).toMatchObject({ ok: false, issues: [{ field: 'port', message: c.unknownKey('port') }] });
  });
});

describe('saveDeviceSettings: the file', () => {
  it('writes config.json atomically (no temp file left, 0600) only when every field is valid', () => {
    const { dataDir, centreFile, file } = setup({ counter: { windowNumber: '08' } });
    const before = readFileSync(file);
    const refused = saveDeviceSettings(dataDir, 'evaluator', { mode: 'hardware', port: '/dev/ttyUSB0', baudRate: '-3' }, centreFile);
    expect(refused).toMatchObject({ ok: false, issues: [{ field: 'baudRate', message: c.notPositive }] });
    expect(readFileSync(file)).toEqual(before);

    const saved = saveDeviceSettings(dataDir, 'evaluator', { mode: 'hardware', port: '/dev/ttyUSB0', baudRate: '19200' }, centreFile);
    expect(saved).toMatchObject({ ok: true, file, config: { devices: { evaluator: { mode: 'hardware', port: '/dev/ttyUSB0', baudRate: 19200 } } } });
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toEqual({ counter: { windowNumber: '08' }, devices: { evaluator: { mode: 'hardware', port: '/dev/ttyUSB0', baudRate: 19200 } } });
    expect(CounterConfigSchema.safeParse(written).success).toBe(true);
    expect(readdirSync(dataDir)).toEqual(['config.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never copies the centre file’s values into config.json, and refuses its locked fields', () => {
    const { dataDir, centreFile, file } = setup({}, { locked: ['devices.evaluator.port'], devices: { evaluator: { mode: 'hardware', port: '/dev/ttyS0' } }, counter: { centreName: '某某中心' } });
    const refused = saveDeviceSettings(dataDir, 'evaluator', { mode: 'hardware', port: '/dev/ttyUSB9' }, centreFile);
    expect(refused).toMatchObject({ ok: false, issues: [{ field: 'port', message: t.lockedRefused(t.fields.port, centreFile) }] });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
    const saved = saveDeviceSettings(dataDir, 'evaluator', { mode: 'simulated', port: '/dev/ttyS0', baudRate: '' }, centreFile);
    expect(saved).toMatchObject({ ok: true, config: { devices: { evaluator: { mode: 'simulated', port: '/dev/ttyS0' } }, counter: { centreName: '某某中心' } } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ devices: { evaluator: { mode: 'simulated' } } });
    expect(existsSync(centreFile)).toBe(true);
  });
});
