/**
 * `doctor signature`: IT's view of a generic HID signature pad (issue 10),
 * through the same descriptor parser and pen decoder the driver uses
 * (electron/devices/signature/hid).
 *
 *   signature --descriptor FILE [--json]   the pen reports a descriptor declares
 *   signature --replay FILE [--json]       strokes in a hid-recorder recording
 *   signature [--device VID:PID|PATH] [--seconds N] [--json]   list pads, open one, show live pen events
 *
 * JSON for --descriptor: {"pens":[{"reportId","x","y","pressure","tip","inRange"}]}, each field
 * {"bitOffset","bitSize","logicalMax"} with bitOffset counted from the first bit after the report
 * ID byte (bit 0 when the device has no report IDs; reportId is 0 then). A pen without a Tip
 * Pressure, Tip Switch or In Range field has null there (pen-down then comes from pressure > 0,
 * or, with neither, is never seen). Exit 0 with "pens":[] when there is no standard pen; exit 1
 * (Chinese message on stderr) when the file cannot be read or parsed.
 */
import { readFile } from 'node:fs/promises';
import { strings } from '../../shared/i18n';
import type { PenSample } from '../../shared/domain/signature/pen';
import {
  compilePenDecoder,
  findPens,
  isVendorOnlyDescriptor,
  padDescription,
  parseHexBytes,
  parseHidRecordings,
  quirksFor,
  usbIdText,
  type PenField,
  type PenLayout,
} from '../devices/signature/hid';
import type { OpenedPad, PadHidInfo } from '../devices/signature/pad-hid-device';
import { chineseMessage } from '../services/errors/system-error';
import { EXIT, type DoctorIo } from './idcard-doctor';

const t = strings.signatureDoctor;

/** Wacom STU pads speak their own protocol (wacom-stu/): listed, never decoded here. */
const WACOM = 0x056a;
const KNOWN_PAD_VENDORS = new Set([WACOM, 0x256c, 0x5543, 0x28bd, 0x0b57]);
const DIGITIZER_PAGE = 0x0d;

export function isWacomStu(vendorId: number, productId: number): boolean {
  return vendorId === WACOM && productId >= 0xa1 && productId <= 0xa9;
}

// ---------------------------------------------------------------- JSON shapes

interface FieldJson {
  bitOffset: number;
  bitSize: number;
  logicalMax: number;
}

export interface PenJson {
  reportId: number;
  x: FieldJson;
  y: FieldJson;
  pressure: FieldJson | null;
  tip: FieldJson | null;
  inRange: FieldJson | null;
}

function fieldJson(f: PenField | null): FieldJson | null {
  return f ? { bitOffset: f.bitOffset, bitSize: f.bitSize, logicalMax: f.logicalMax } : null;
}

export function penJson(p: PenLayout): PenJson {
  return { reportId: p.reportId, x: fieldJson(p.x)!, y: fieldJson(p.y)!, pressure: fieldJson(p.pressure), tip: fieldJson(p.tip), inRange: fieldJson(p.inRange) };
}

export interface StrokeSummary {
  strokes: number;
  points: number;
  maxPressure: number | null;
  bounds: { xMin: number; xMax: number; yMin: number; yMax: number } | null;
}

/** Counts what a signature would keep: points with the tip down, a stroke per run of them. */
export class StrokeTally {
  private summary: StrokeSummary = { strokes: 0, points: 0, maxPressure: null, bounds: null };
  private down = false;

  add(sample: PenSample): void {
    if (!sample.tip) {
      this.down = false;
      return;
    }
    const s = this.summary;
    if (!this.down) s.strokes++;
    this.down = true;
    s.points++;
    if (sample.pressure !== null) s.maxPressure = Math.max(s.maxPressure ?? sample.pressure, sample.pressure);
    const b = s.bounds;
    s.bounds = b
      ? { xMin: Math.min(b.xMin, sample.x), xMax: Math.max(b.xMax, sample.x), yMin: Math.min(b.yMin, sample.y), yMax: Math.max(b.yMax, sample.y) }
      : { xMin: sample.x, xMax: sample.x, yMin: sample.y, yMax: sample.y };
  }

  result(): StrokeSummary {
    return { ...this.summary, bounds: this.summary.bounds && { ...this.summary.bounds } };
  }
}

// ---------------------------------------------------------------- arguments

export interface SignatureArgs {
  mode: 'descriptor' | 'replay' | 'live';
  file: string;
  device: { path: string } | { vendorId: number; productId: number } | null;
  seconds: number;
  json: boolean;
}

/** Parses the flags; a Chinese usage error comes back as a string. */
export function parseSignatureArgs(argv: string[]): SignatureArgs | string {
  const args: SignatureArgs = { mode: 'live', file: '', device: null, seconds: 5, json: false };
  let modes = 0;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string | null => {
      const v = argv[++i];
      return v === undefined || v.startsWith('--') ? null : v;
    };
    if (flag === '--json') {
      args.json = true;
      continue;
    }
    if (flag !== '--descriptor' && flag !== '--replay' && flag !== '--device' && flag !== '--seconds') return t.unknownFlag(flag);
    const v = value();
    if (v === null) return t.missingValue(flag);
    if (flag === '--descriptor' || flag === '--replay') {
      args.mode = flag === '--descriptor' ? 'descriptor' : 'replay';
      args.file = v;
      modes++;
    } else if (flag === '--device') {
      const id = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(v);
      if (id) args.device = { vendorId: parseInt(id[1]!, 16), productId: parseInt(id[2]!, 16) };
      else if (v.includes('/') || v.includes('\\')) args.device = { path: v };
      else return t.badDevice(v);
      modes++;
    } else {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 600) return t.badSeconds(v);
      args.seconds = n;
    }
  }
  if (modes > 1) return t.onlyOneMode;
  return args;
}

// ---------------------------------------------------------------- --descriptor

function fieldText(f: PenField | null): string {
  return f ? t.fieldText(f.bitOffset, f.bitSize, f.logicalMax) : t.absent;
}

function explainNoPen(descriptor: Uint8Array, usbId: string): string {
  return isVendorOnlyDescriptor(descriptor) ? t.notStandardPen(usbId) : t.noPenInDescriptor(usbId);
}

async function readText(file: string, io: DoctorIo): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    io.err(t.unreadableFile(file, chineseMessage(error)));
    return null;
  }
}

export async function runDescriptor(file: string, json: boolean, io: DoctorIo): Promise<number> {
  const text = await readText(file, io);
  if (text === null) return EXIT.usage;
  let bytes: Uint8Array;
  try {
    bytes = parseHexBytes(text);
  } catch (error) {
    io.err(t.notHex(file, (error as Error).message));
    return EXIT.usage;
  }
  if (bytes.length === 0) {
    io.err(t.emptyDescriptor(file));
    return EXIT.usage;
  }
  let pens: PenLayout[];
  try {
    pens = findPens(bytes);
  } catch (error) {
    io.err(t.malformedDescriptor((error as Error).message));
    return EXIT.usage;
  }
  // With --json the message goes to stderr, so stdout stays one JSON object.
  if (pens.length === 0) (json ? io.err : io.out)(explainNoPen(bytes, t.unknownUsbId));
  if (json) {
    io.out(JSON.stringify({ pens: pens.map(penJson) }));
    return EXIT.ok;
  }
  if (pens.length > 0) io.out(t.pensFound(pens.length));
  for (const p of pens) io.out(t.penLine(p.reportId, fieldText(p.x), fieldText(p.y), fieldText(p.pressure), fieldText(p.tip), fieldText(p.inRange)));
  return EXIT.ok;
}

// ---------------------------------------------------------------- --replay

function summaryText(s: StrokeSummary): string {
  const b = s.bounds;
  return t.replaySummary(s.strokes, s.points, s.maxPressure === null ? t.absent : String(s.maxPressure), b ? t.boundsText(b.xMin, b.xMax, b.yMin, b.yMax) : t.absent);
}

export async function runReplay(file: string, json: boolean, io: DoctorIo): Promise<number> {
  const text = await readText(file, io);
  if (text === null) return EXIT.usage;
  let devices;
  try {
    devices = parseHidRecordings(text).filter((d) => d.descriptor.length > 0);
    if (devices.length === 0) throw new Error('no R: line');
  } catch (error) {
    io.err(t.notRecording(file, (error as Error).message));
    return EXIT.usage;
  }
  const tally = new StrokeTally();
  let decodable = false;
  for (const device of devices) {
    let pens: PenLayout[];
    try {
      pens = findPens(device.descriptor);
    } catch (error) {
      io.err(t.malformedDescriptor((error as Error).message));
      return EXIT.usage;
    }
    const usbId = device.vendorId !== null && device.productId !== null ? usbIdText(device.vendorId, device.productId) : t.unknownUsbId;
    if (pens.length === 0) {
      io.err(explainNoPen(device.descriptor, usbId));
      continue;
    }
    decodable = true;
    // The quirk table by the recorded USB id: the same decode the driver does for that pad.
    const decode = compilePenDecoder(pens, quirksFor(device.vendorId, device.productId));
    for (const event of device.events) {
      const sample = decode(event.bytes, event.seconds * 1000);
      if (sample) tally.add(sample);
    }
  }
  const summary = tally.result();
  if (json) io.out(JSON.stringify(summary));
  else if (decodable) io.out(summaryText(summary));
  return EXIT.ok;
}

// ---------------------------------------------------------------- live

export interface PadCandidate extends PadHidInfo {
  usagePage: number | null;
  kind: 'hid' | 'vendor' | 'wacom-stu';
}

export interface LiveDeps {
  listDevices(): Promise<{ vendorId: number; productId: number; path?: string; product?: string; usagePage?: number }[]>;
  open(target: { path: string }): Promise<OpenedPad>;
  /** Resolves after `ms`, or early when the run is aborted. */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
}

/** HID devices that look like pads: a digitizer usage page, or a known pad vendor. One row per path. */
export function padCandidates(devices: Awaited<ReturnType<LiveDeps['listDevices']>>): PadCandidate[] {
  const seen = new Set<string>();
  const out: PadCandidate[] = [];
  for (const d of devices) {
    const digitizer = d.usagePage === DIGITIZER_PAGE;
    if (!digitizer && !KNOWN_PAD_VENDORS.has(d.vendorId)) continue;
    const path = d.path ?? '';
    if (seen.has(path)) continue;
    seen.add(path);
    const kind = isWacomStu(d.vendorId, d.productId) ? 'wacom-stu' : digitizer ? 'hid' : 'vendor';
    out.push({ vendorId: d.vendorId, productId: d.productId, product: d.product ?? null, path, usagePage: d.usagePage ?? null, kind });
  }
  return out;
}

function chooseCandidate(list: PadCandidate[], wanted: SignatureArgs['device']): PadCandidate | null {
  const matches = wanted
    ? list.filter((c) => ('path' in wanted ? c.path === wanted.path : c.vendorId === wanted.vendorId && c.productId === wanted.productId))
    : list;
  // A pad has several interfaces (Huion: three hidraw nodes): the digitizer one first.
  return matches.find((c) => c.kind === 'hid') ?? matches.find((c) => c.kind === 'wacom-stu') ?? matches[0] ?? null;
}

export async function runLive(args: SignatureArgs, io: DoctorIo, deps: LiveDeps, signal?: AbortSignal): Promise<number> {
  const say = (text: string) => (args.json ? io.err(text) : io.out(text));
  let list: PadCandidate[];
  try {
    list = padCandidates(await deps.listDevices());
  } catch (error) {
    io.err(t.listFailed(chineseMessage(error)));
    return EXIT.open;
  }
  const report: Record<string, unknown> = { devices: list, opened: null };
  const finish = (code: number) => {
    if (args.json) io.out(JSON.stringify(report));
    return code;
  };
  if (list.length === 0) {
    say(t.noPads);
    return finish(EXIT.ok);
  }
  const kindText = { hid: t.kindHid, vendor: t.kindVendor, 'wacom-stu': t.kindStu } as const;
  say(t.padsTitle);
  list.forEach((c, i) => say(t.padLine(i + 1, usbIdText(c.vendorId, c.productId), c.product ?? '', c.path, kindText[c.kind])));
  const chosen = chooseCandidate(list, args.device);
  if (!chosen) {
    const wanted = args.device!;
    io.err(t.deviceNotListed('path' in wanted ? wanted.path : usbIdText(wanted.vendorId, wanted.productId)));
    return finish(EXIT.open);
  }
  const usbId = usbIdText(chosen.vendorId, chosen.productId);
  if (chosen.kind === 'wacom-stu') {
    say(t.stuNotDecoded(usbId));
    return finish(EXIT.ok);
  }
  say(t.opening(chosen.path));
  let pad: OpenedPad;
  try {
    pad = await deps.open({ path: chosen.path });
  } catch (error) {
    io.err(t.openFailed(chineseMessage(error)));
    return finish(EXIT.open);
  }
  try {
    if (!pad.descriptor) {
      io.err(t.noDescriptor);
      return finish(EXIT.open);
    }
    const pens = findPens(pad.descriptor);
    if (pens.length === 0) {
      const message = explainNoPen(pad.descriptor, usbId);
      io.err(message);
      report.opened = { path: chosen.path, pens: [], message };
      return finish(EXIT.ok);
    }
    const description = padDescription(pens[0]!, pad.info);
    say(t.model(description.model, usbId));
    say(t.ranges(description.x.max, description.y.max, description.pressure ? `0–${description.pressure.max}` : t.absent));
    if (description.resolution) say(t.resolution(description.resolution.x, description.resolution.y, description.resolution.unit));
    const decode = compilePenDecoder(pens, quirksFor(pad.info.vendorId, pad.info.productId));
    const tally = new StrokeTally();
    let reports = 0;
    let lost = false;
    pad.device.on('data', (data) => {
      const sample = decode(data, performance.now());
      if (!sample) return;
      reports++;
      tally.add(sample);
      if (!args.json) say(t.penEvent(sample.x, sample.y, sample.pressure === null ? t.absent : String(sample.pressure), sample.tip, sample.inRange));
    });
    pad.device.on('error', () => {
      lost = true;
    });
    say(t.listening(args.seconds));
    await deps.wait(args.seconds * 1000, signal);
    pad.device.removeAllListeners('data');
    pad.device.removeAllListeners('error');
    if (lost) io.err(t.deviceLost);
    if (reports === 0) say(t.noEvents);
    const summary = tally.result();
    if (!args.json) say(summaryText(summary));
    report.opened = { path: chosen.path, pad: description, pens: pens.map(penJson), reports, ...summary };
    return finish(lost ? EXIT.disconnected : EXIT.ok);
  } finally {
    await pad.device.close().catch(() => {});
  }
}

/** node-hid and the sysfs descriptor, loaded only when a live run needs them. */
export const nodeHidDeps: LiveDeps = {
  async listDevices() {
    const HID = await import('node-hid');
    return HID.devicesAsync();
  },
  async open(target) {
    const { openNodeHidPad } = await import('../devices/signature/node-hid-opener');
    return openNodeHidPad(target);
  },
  wait(ms, signal) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  },
};

/** `doctor signature …`: resolves with the exit code. */
export async function runSignatureDoctor(argv: string[], io: DoctorIo, deps: LiveDeps = nodeHidDeps, signal?: AbortSignal): Promise<number> {
  const args = parseSignatureArgs(argv);
  if (typeof args === 'string') {
    io.err(args);
    io.err(t.usage);
    return EXIT.usage;
  }
  if (args.mode === 'descriptor') return runDescriptor(args.file, args.json, io);
  if (args.mode === 'replay') return runReplay(args.file, args.json, io);
  return runLive(args, io, deps, signal);
}
