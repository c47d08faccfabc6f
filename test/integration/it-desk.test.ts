/**
 * 设备与诊断 through the web shell's contract: a clerk connection reads the
 * devices' states only; the IT methods are refused by the dispatcher until
 * IT unlocks, and only on the connection that unlocked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceDesk } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import { IT, itConfig, listingWithCh340 } from './it-fixture';
import { startShell, TestClient, type Running } from './web-shell-harness';

let running: Running | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await running?.stop();
  running = undefined;
});

const connect = async () => {
  const client = await TestClient.connect(running!.shell);
  clients.push(client);
  return client;
};

describe('设备与诊断: the IT gate in the dispatcher', { timeout: 30_000 }, () => {
  it('状态 only for a clerk; IT methods refused until an IT PIN unlocks this connection', async () => {
    running = await startShell({ config: { it: await itConfig() }, services: { deviceListing: listingWithCh340('/dev/ttyUSB7') } });
    const clerk = await connect();

    const status = await clerk.request('getDeviceDesk');
    expect(status.ok).toBe(true);
    const desk = (status as { result: DeviceDesk }).result;
    expect(desk.access).toBe('status');
    expect(desk.candidates).toBeNull();
    expect(desk.devices.map((d) => d.status.kind)).toEqual(['idcard', 'camera', 'signature', 'evaluator', 'printer']);
    expect(desk.devices.every((d) => d.settings === null)).toBe(true);

    // Refused before the params are read: even a malformed request gets the gate's answer, not a validation error.
    for (const [method, params] of [
      ['saveDeviceSettings', { kind: 'evaluator', values: { mode: 'hardware' } }],
      ['saveDeviceSettings', { nonsense: true }],
      ['testDevice', { kind: 'idcard' }],
      ['getDeviceTest', { kind: 'idcard' }],
      ['writeDiagnosticBundle', {}],
    ] as const) {
      expect(await clerk.request(method, params)).toMatchObject({ ok: false, error: { code: 'forbidden', message: strings.itDesk.gate.needsIt } });
    }

    expect(await clerk.request('unlockIt', { staffNo: IT.staffNo, pin: '11112222' })).toMatchObject({ ok: true, result: { ok: false, message: strings.itDesk.gate.wrong(4) } });
    expect(await clerk.request('unlockIt', { staffNo: IT.staffNo, pin: IT.pin })).toMatchObject({ ok: true, result: { ok: true, session: { it: { staffNo: IT.staffNo, name: IT.name } } } });

    const full = ((await clerk.request('getDeviceDesk')) as { result: DeviceDesk }).result;
    expect(full.access).toBe('it');
    expect(full.candidates?.serial).toEqual([{ where: 'serial', path: '/dev/ttyUSB7', usbId: '1A86:7523', label: 'wch.cn', guess: strings.itCommands.overview.guesses.ch340 }]);
    expect(full.devices.find((d) => d.status.kind === 'evaluator')?.settings?.map((s) => s.key)).toEqual(['mode', 'port', 'baudRate']);

    // Another screen is still refused.
    const other = await connect();
    expect(await other.request('writeDiagnosticBundle', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const bundle = await clerk.request('writeDiagnosticBundle', {});
    expect(bundle).toMatchObject({ ok: true, result: { ok: true } });
    const file = (bundle as { result: { file: string } }).result.file;
    expect(file.startsWith(running.dataDir)).toBe(true);
    expect(existsSync(file)).toBe(true);

    // The audit log names IT by staff number: the unlock, the failure before it, the bundle.
    const db = openDatabase(join(running.dataDir, DATABASE_FILE));
    const rows = db.prepare("SELECT kind, detail, actor FROM audit_log WHERE kind LIKE 'it-%' OR kind = 'diagnostic-bundle' ORDER BY id").all();
    db.close();
    expect(rows).toEqual([
      { kind: 'it-unlock-failed', detail: IT.staffNo, actor: 'clerk:0001' },
      { kind: 'it-unlocked', detail: IT.staffNo, actor: 'clerk:0001' },
      { kind: 'diagnostic-bundle', detail: IT.staffNo, actor: `it:${IT.staffNo}` },
    ]);

    // 退出 IT 模式: refused again.
    await clerk.request('lockIt', {});
    expect(await clerk.request('getDeviceTest', { kind: 'idcard' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
