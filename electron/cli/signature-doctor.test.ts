/**
 * `doctor signature`, spawned the way IT runs it (npx tsx electron/cli/doctor.ts
 * signature …) against the real fixtures of test/fixtures/hid, and the live
 * mode in-process with a pad that plays back a real recording.
 * Expected JSON is written from the sources' decodings (see SOURCES.md) and
 * from the recorded bytes read here with a regex, not from our parser.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { parseSignatureArgs, runSignatureDoctor, type LiveDeps } from './signature-doctor';
import type { OpenedPad, PadHidDevice } from '../devices/signature/pad-hid-device';

const ROOT = join(__dirname, '../..');
const FIX = join(ROOT, 'test/fixtures/hid');

function doctor(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'electron/cli/doctor.ts', 'signature', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Strokes by the recorded bytes alone: byte 1 bit 0 is the tip switch, X/Y/pressure little-endian at 2, 4, 6 (rd/original0.xml layout). */
function expectedSummary(recording: string) {
  const events = [...readFileSync(join(FIX, recording), 'utf8').matchAll(/^E: \S+ \d+ (.+)$/gm)].map((m) => m[1]!.split(' ').map((b) => parseInt(b, 16)));
  let strokes = 0;
  let down = false;
  const downs = events.filter((e) => {
    const tip = (e[1]! & 1) === 1;
    if (tip && !down) strokes++;
    down = tip;
    return tip;
  });
  const le = (e: number[], at: number) => e[at]! | (e[at + 1]! << 8);
  const xs = downs.map((e) => le(e, 2));
  const ys = downs.map((e) => le(e, 4));
  return {
    strokes,
    points: downs.length,
    maxPressure: Math.max(...downs.map((e) => le(e, 6))),
    bounds: { xMin: Math.min(...xs), xMax: Math.max(...xs), yMin: Math.min(...ys), yMax: Math.max(...ys) },
  };
}

describe('doctor signature --descriptor (spawned)', () => {
  it('prints the pen of the Huion H58L as rd/original0.xml decodes it', () => {
    const r = doctor('--descriptor', join(FIX, 'huion-h58l-if0.rd.hex'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      pens: [
        {
          reportId: 7,
          x: { bitOffset: 8, bitSize: 16, logicalMax: 32000 },
          y: { bitOffset: 24, bitSize: 16, logicalMax: 20000 },
          pressure: { bitOffset: 40, bitSize: 16, logicalMax: 2047 },
          tip: { bitOffset: 0, bitSize: 1, logicalMax: 1 },
          inRange: { bitOffset: 6, bitSize: 1, logicalMax: 1 },
        },
      ],
    });
  }, 60_000);

  it('a vendor-only descriptor: "pens":[] with exit 0, and the reason in Chinese on stderr', () => {
    const r = doctor('--descriptor', join(FIX, 'gaomon-m106k-if0.rd.hex'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ pens: [] });
    expect(r.err).toContain('不是标准 HID 手写笔');
  }, 60_000);

  it('unreadable input exits 1 with a Chinese message: a missing file, text that is not hex, a truncated descriptor', () => {
    const dir = tempDir('sig-doctor-');
    writeFileSync(join(dir, 'words.hex'), '05 0d hello\n');
    writeFileSync(join(dir, 'cut.hex'), '# cut in the middle of an item\n05 0d 09 02 a1 01 26 ff\n');
    for (const file of [join(dir, 'none.hex'), join(dir, 'words.hex'), join(dir, 'cut.hex')]) {
      const r = doctor('--descriptor', file, '--json');
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/[\u4e00-\u9fff]/);
    }
  }, 120_000);
});

describe('doctor signature --replay (spawned)', () => {
  it('counts the strokes of the Huion H58L recording (In Range inverted on this firmware)', () => {
    const r = doctor('--replay', join(FIX, 'huion-h58l.pen_coords.hid-recorder.txt'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(expectedSummary('huion-h58l.pen_coords.hid-recorder.txt'));
  }, 60_000);

  it('counts the strokes of the XP-Pen Deco 01 recording; a file that is no recording exits 1', () => {
    const r = doctor('--replay', join(FIX, 'xp-pen-deco01.pen_pressure.hid-recorder.txt'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(expectedSummary('xp-pen-deco01.pen_pressure.hid-recorder.txt'));
    const bad = doctor('--replay', join(FIX, 'huion-h58l-if0.rd.hex'), '--json');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('不是 hid-recorder 录制文件');
  }, 120_000);
});

describe('doctor signature, live (spawned)', () => {
  it('lists the pads node-hid sees as one JSON object and exits 0, also when there is none', () => {
    const r = doctor('--json', '--seconds', '1');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(Array.isArray(report.devices)).toBe(true);
    if (report.devices.length === 0) {
      expect(report.opened).toBeNull();
      expect(r.err).toContain('未发现签名板');
    }
  }, 60_000);
});

// ---------------------------------------------------------------- in-process live mode

function recordedPad(recording: string, info: OpenedPad['info']): { pad: OpenedPad; play: () => void; closed: () => boolean } {
  const text = readFileSync(join(FIX, recording), 'utf8');
  const rd = /^R: \d+ (.+)$/m.exec(text)![1]!.split(' ').map((b) => parseInt(b, 16));
  const events = [...text.matchAll(/^E: \S+ \d+ (.+)$/gm)].map((m) => Buffer.from(m[1]!.split(' ').map((b) => parseInt(b, 16))));
  let onData: ((b: Buffer) => void) | null = null;
  let isClosed = false;
  const device: PadHidDevice = {
    on(event: string, listener: (x: never) => void) {
      if (event === 'data') onData = listener as (b: Buffer) => void;
      return device;
    },
    removeAllListeners() {
      onData = null;
      return device;
    },
    write: async () => 0,
    sendFeatureReport: async () => 0,
    getFeatureReport: async () => Buffer.alloc(0),
    close: async () => {
      isClosed = true;
    },
  } as PadHidDevice;
  return { pad: { device, info, descriptor: Uint8Array.from(rd) }, play: () => events.forEach((e) => onData?.(e)), closed: () => isClosed };
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe('doctor signature, live (in-process, a pad playing back a real recording)', () => {
  const xpInfo = { vendorId: 0x28bd, productId: 0x0042, product: 'DECO 01', path: '/dev/hidraw7' };

  it('opens the digitizer interface of the pad, prints model and ranges, decodes what it sends, closes it', async () => {
    const rec = recordedPad('xp-pen-deco01.pen_pressure.hid-recorder.txt', xpInfo);
    const opened: string[] = [];
    const deps: LiveDeps = {
      listDevices: async () => [
        { vendorId: 0x046d, productId: 0xc077, path: '/dev/hidraw0', product: 'USB Optical Mouse', usagePage: 1 },
        { vendorId: 0x28bd, productId: 0x0042, path: '/dev/hidraw6', product: 'DECO 01', usagePage: 0xff0a },
        { vendorId: 0x28bd, productId: 0x0042, path: '/dev/hidraw7', product: 'DECO 01', usagePage: 0x0d },
      ],
      open: async (target) => {
        opened.push(target.path);
        return rec.pad;
      },
      wait: async () => rec.play(),
    };
    const human = io();
    expect(await runSignatureDoctor(['--device', '28bd:0042'], human.io, deps)).toBe(0);
    expect(opened).toEqual(['/dev/hidraw7']);
    expect(rec.closed()).toBe(true);
    expect(human.out.join('\n')).toContain('型号：DECO 01（28bd:0042）');
    expect(human.out.join('\n')).not.toContain('USB Optical Mouse');
    expect(human.out.filter((l) => /^ {2}X .* 落笔$/.test(l))).toHaveLength(expectedSummary('xp-pen-deco01.pen_pressure.hid-recorder.txt').points);

    const again = recordedPad('xp-pen-deco01.pen_pressure.hid-recorder.txt', xpInfo);
    const json = io();
    expect(await runSignatureDoctor(['--json'], json.io, { ...deps, open: async () => again.pad, wait: async () => again.play() })).toBe(0);
    expect(json.out).toHaveLength(1);
    const report = JSON.parse(json.out[0]!);
    expect(report.devices).toHaveLength(2);
    expect(report.opened).toMatchObject({ path: '/dev/hidraw7', pad: { model: 'DECO 01', pressure: { max: 8191 } }, ...expectedSummary('xp-pen-deco01.pen_pressure.hid-recorder.txt') });
  });

  it('lists a Wacom STU pad as such and never opens it here', async () => {
    const deps: LiveDeps = {
      listDevices: async () => [{ vendorId: 0x056a, productId: 0xa8, path: '/dev/hidraw3', product: 'STU-540', usagePage: 0xff00 }],
      open: async () => {
        throw new Error('must not open an STU pad');
      },
      wait: async () => {},
    };
    const r = io();
    expect(await runSignatureDoctor([], r.io, deps)).toBe(0);
    expect(r.out.join('\n')).toContain('Wacom STU');
    expect(r.out.join('\n')).toContain('056a:00a8 是 Wacom STU 签名板');
  });

  it('says plainly when the opened pad has no standard pen, with its USB id; when the device is not there; when no descriptor is given', async () => {
    const vendorOnly = readFileSync(join(FIX, 'gaomon-m106k-if0.rd.hex'), 'utf8').split('\n').filter((l) => !l.startsWith('#')).join(' ').trim().split(/\s+/).map((b) => parseInt(b, 16));
    const device = recordedPad('xp-pen-deco01.pen_pressure.hid-recorder.txt', xpInfo).pad.device;
    const list = async () => [{ vendorId: 0x256c, productId: 0x006e, path: '/dev/hidraw4', product: 'Gaomon M106K', usagePage: 0xff00 }];
    const info = { vendorId: 0x256c, productId: 0x006e, product: 'Gaomon M106K', path: '/dev/hidraw4' };
    const r = io();
    const code = await runSignatureDoctor(['--json'], r.io, { listDevices: list, open: async () => ({ device, info, descriptor: Uint8Array.from(vendorOnly) }), wait: async () => {} });
    expect(code).toBe(0);
    expect(r.err.join('\n')).toContain('设备 256c:006e 不是标准 HID 手写笔');
    expect(JSON.parse(r.out[0]!).opened.pens).toEqual([]);

    const missing = io();
    expect(await runSignatureDoctor(['--device', '/dev/hidraw9'], missing.io, { listDevices: list, open: async () => ({ device, info, descriptor: null }), wait: async () => {} })).toBe(2);
    expect(missing.err).toContain('没有找到设备 /dev/hidraw9。');

    const noDescriptor = io();
    expect(await runSignatureDoctor([], noDescriptor.io, { listDevices: list, open: async () => ({ device, info, descriptor: null }), wait: async () => {} })).toBe(2);
    expect(noDescriptor.err.join('\n')).toContain('descriptorFile');
  });

  it('refuses bad arguments with the usage', () => {
    expect(parseSignatureArgs(['--seconds', '0'])).toMatch(/--seconds/);
    expect(parseSignatureArgs(['--device', 'pad'])).toMatch(/--device/);
    expect(parseSignatureArgs(['--descriptor'])).toMatch(/缺少取值/);
    expect(parseSignatureArgs(['--descriptor', 'a', '--replay', 'b'])).toMatch(/只能选一个/);
    expect(parseSignatureArgs(['--device', '256C:6E'])).toMatchObject({ mode: 'live', device: { vendorId: 0x256c, productId: 0x6e } });
  });
});
