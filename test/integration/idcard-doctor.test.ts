/**
 * `npm run doctor -- idcard …` spawned as IT would run it, against the
 * simulator on a pty: the JSON of every card type, masking, and the Chinese
 * errors with non-zero exits.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../shared/domain/id-number';
import { SAMPLE_CARDS, SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { simCardOf } from '../../electron/devices/idcard/simulator/card-image';
import { PtySimulator } from '../../electron/devices/idcard/simulator/pty-simulator';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function doctor(args: string[], timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [join(root, 'electron', 'cli', 'doctor.ts'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`doctor did not finish: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let sim: PtySimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('doctor idcard', () => {
  it.each(Object.keys(SAMPLE_CARDS) as Array<keyof typeof SAMPLE_CARDS>)(
    '--once --json prints exactly one JSON object for a %s card, ID number masked',
    async (type) => {
      sim = new PtySimulator({ baudRate: 115200 });
      await sim.start();
      const card = SAMPLE_CARDS[type];
      sim.simulator.placeCard(simCardOf(card));
      const { code, stdout, stderr } = await doctor(['idcard', '--port', sim.hostPath, '--once', '--json']);
      expect(code, stderr).toBe(0);
      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const json = JSON.parse(lines[0]!) as Record<string, unknown>;
      const expected: Record<string, unknown> = { ...card, idNumber: maskIdNumber(card.idNumber) };
      if (card.permitNumber) expected.permitNumber = maskIdNumber(card.permitNumber, 1, 2);
      expect(json).toEqual({ ...expected, photoWltBytes: 1024, warnings: [] });
      expect(stdout).not.toContain(card.idNumber);
      // Progress went to stderr, in Chinese.
      expect(stderr).toContain('安全模块编号：05000100443322110D0C0B0A04030201');
    },
  );

  it('--unmasked prints the full number; without --json the card is printed for people', async () => {
    sim = new PtySimulator({ baudRate: 115200, script: { afterRead: 'stay' } });
    await sim.start();
    sim.simulator.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    const json = await doctor(['idcard', '--port', sim.hostPath, '--once', '--json', '--unmasked']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).idNumber).toBe(SAMPLE_RESIDENT_CARD.idNumber);
    const human = await doctor(['idcard', '--port', sim.hostPath, '--once', '--baud', '115200']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('证件类型：居民身份证');
    expect(human.stdout).toContain('姓名：张晓明');
    expect(human.stdout).toContain(`证件号码：${maskIdNumber(SAMPLE_RESIDENT_CARD.idNumber)}`);
    expect(human.stdout).toContain('照片：原始照片数据 1024 字节（WLT）');
  });

  it('exits non-zero with a Chinese message when the port cannot be opened', async () => {
    const { code, stdout, stderr } = await doctor(['idcard', '--port', '/dev/does-not-exist', '--once', '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('找不到端口 /dev/does-not-exist');
  });

  it('exits non-zero with a Chinese message when the read fails', async () => {
    sim = new PtySimulator({ baudRate: 115200, script: { readFailures: 5 } });
    await sim.start();
    sim.simulator.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    const { code, stdout, stderr } = await doctor(['idcard', '--port', sim.hostPath, '--once', '--json']);
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toContain('读卡失败：读卡失败，请重新放置证件');
  });

  it('exits non-zero when the SAM fails its self-test', async () => {
    sim = new PtySimulator({ baudRate: 115200, script: { samStatus: 0x60 } });
    await sim.start();
    const { code, stderr } = await doctor(['idcard', '--port', sim.hostPath, '--once']);
    expect(code).toBe(3);
    expect(stderr).toContain('安全模块检查失败：安全模块自检失败');
  });

  it('rejects bad arguments with usage in Chinese', async () => {
    const noPort = await doctor(['idcard', '--once']);
    expect(noPort.code).toBe(1);
    expect(noPort.stderr).toContain('请用 --port 指定阅读器端口');
    const badBaud = await doctor(['idcard', '--port', '/dev/x', '--baud', '1234']);
    expect(badBaud.code).toBe(1);
    expect(badBaud.stderr).toContain('波特率无效：1234');
  });
});

describe('doctor ports', () => {
  it('lists serial and HID devices as one JSON object', async () => {
    const { code, stdout } = await doctor(['ports', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { serial: unknown[]; hid: unknown[]; usb: unknown[] };
    expect(Array.isArray(json.serial) && Array.isArray(json.hid) && Array.isArray(json.usb)).toBe(true);
  });
});
