/**
 * `doctor all` (and `doctor idcard|evaluator|signature|camera|printer`
 * without a device to open): for each device kind, what the configuration
 * says and what the system sees — serial ports with their USB id and what
 * they probably are, HID devices and signature pads, printers. Built from
 * listings only: no device is opened, so it is safe while the counter runs,
 * and a listing that fails is reported in `problems`, never thrown.
 *
 * The configuration is read, never written (a missing config.json is not
 * created): the doctor looks, it does not change.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigIssue, CounterConfig, DeviceKind, DeviceMode } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { parseLpstat } from '../devices/printer/cups-printer';
import { chooseReader, KNOWN_READERS, listDevices, parsePortSpec, roleOf, usbIdText, type DeviceListing, type UsbId } from '../devices/idcard/transports/detect';
import { CONFIG_FILE, resolveConfig } from '../services/config/config-file';
import { chineseMessage } from '../services/errors/system-error';
import { nodeHidDeps, padCandidates, type LiveDeps, type PadCandidate } from './signature-doctor';
import type { ProbedCamera } from '../devices/camera/camera-probe';

const o = strings.itCommands.overview;
const g = o.guesses;

/** USB-serial bridges seen on counter devices (evaluators, some readers): vendor → products → label. */
const SERIAL_CHIPS: ReadonlyArray<{ vendorId: number; productIds: readonly number[] | 'any'; label: string }> = [
  { vendorId: 0x1a86, productIds: [0x7523, 0x5523, 0x7522], label: g.ch340 },
  { vendorId: 0x1a86, productIds: [0x55d4, 0x55d3], label: g.ch9102 },
  { vendorId: 0x10c4, productIds: [0xea60, 0xea70, 0xea71], label: g.cp210x },
  { vendorId: 0x067b, productIds: [0x2303, 0x23a3, 0x23c3, 0x23d3], label: g.pl2303 },
  { vendorId: 0x0403, productIds: 'any', label: g.ftdi },
];

/** What a USB id probably is: a known ID reader (or one in DFU/bulk mode), a USB-serial chip, a signature pad; null when unknown. */
export function guessDevice(id: Partial<UsbId>, where: 'serial' | 'hid' | 'usb'): string | null {
  if (id.vendorId === undefined || id.productId === undefined) return null;
  const full = id as UsbId;
  const role = roleOf(full, where);
  const maker = KNOWN_READERS.find((k) => k.vendorId === full.vendorId && k.productId === full.productId)?.maker ?? '';
  if (role === 'dfu') return g.dfu;
  if (role === 'reader') return g.reader(maker);
  if (role === 'bulk') return g.bulk(maker);
  const chip = SERIAL_CHIPS.find((c) => c.vendorId === full.vendorId && (c.productIds === 'any' || c.productIds.includes(full.productId)));
  return chip?.label ?? null;
}

// ---------------------------------------------------------------- shapes

export interface SeenDevice {
  where: 'serial' | 'hid' | 'usb';
  path: string;
  usbId: string | null;
  label: string | null;
  guess: string | null;
}

export interface PrinterSeen {
  name: string;
  isDefault: boolean;
  ready: boolean;
  detail: string;
}

interface Section {
  mode: DeviceMode;
  /** The configured port (serial/HID path, printer name); null when none is set. */
  port: string | null;
  /** Whether the system shows the configured port: null when there is nothing to look for (not hardware, no port, or nothing can tell). */
  portSeen: boolean | null;
}

/** A camera as Chromium reports it (`doctor camera`, electron/devices/camera/camera-probe.ts), with the role the configuration gives it. */
export interface CameraSeen extends ProbedCamera {
  role: 'document' | 'face' | null;
}

export interface DeviceOverview {
  dataDir: string;
  config: { file: string; centreFile: string | null; state: 'file' | 'missing' | 'invalid'; issues: ConfigIssue[] };
  idcard: Section & { baudRate: number | null; autoChoice: string | null; candidates: SeenDevice[] };
  /**
   * cameras: what `doctor camera` saw through Chromium (each opened once at its largest mode); null in `doctor all`,
   * which opens no device (note says how to list them), or when they could not be listed (note says why).
   */
  camera: Section & { document: string | null; face: string | null; cameras: CameraSeen[] | null; note: string | null };
  signature: Section & { descriptorFile: string | null; screenPad: string; candidates: (PadCandidate & { usbId: string })[] };
  evaluator: Section & { baudRate: number | null; profile: string; address: number; candidates: SeenDevice[] };
  printer: Section & { printers: PrinterSeen[] | null; note: string | null };
  ports: { serial: SeenDevice[]; hid: SeenDevice[]; usb: SeenDevice[] };
  /** Listings that failed, in Chinese: the rest of the report still stands. */
  problems: string[];
}

export type PrinterListing = { ok: true; printers: PrinterSeen[] } | { ok: false; note: string };

export interface OverviewDeps {
  listDevices(): Promise<DeviceListing>;
  listHid: LiveDeps['listDevices'];
  listPrinters(): Promise<PrinterListing>;
}

// ---------------------------------------------------------------- system listings

const LPSTAT_TIMEOUT_MS = 5000;

/** `lpstat -p -d` where CUPS is installed; Windows printers are listed by the desktop shell only. */
export function listPrintersWithLpstat(platform: NodeJS.Platform = process.platform, lpstat = 'lpstat'): Promise<PrinterListing> {
  if (platform === 'win32') return Promise.resolve({ ok: false, note: o.printersWindows });
  return new Promise((resolve) => {
    execFile(lpstat, ['-p', '-d'], { timeout: LPSTAT_TIMEOUT_MS, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ ok: false, note: o.lpstatMissing });
      // lpstat exits 1 with "No destinations added." when CUPS runs but has no printer: an empty list, not a failure.
      if (error && !stdout && !/no destinations/i.test(stderr)) {
        return resolve({ ok: false, note: o.printersFailed(chineseMessage(error)) });
      }
      resolve({ ok: true, printers: parseLpstat(stdout) });
    });
  });
}

export const systemOverviewDeps: OverviewDeps = {
  listDevices,
  listHid: nodeHidDeps.listDevices,
  listPrinters: () => listPrintersWithLpstat(),
};

// ---------------------------------------------------------------- the report

/**
 * The configuration as the counter would use it — config.json over the
 * centre file (fleet configuration, config-file.ts resolveConfig) — without
 * creating or repairing anything.
 */
export function readCounterConfig(dataDir: string): { config: CounterConfig; file: string; centreFile: string | null; state: 'file' | 'missing' | 'invalid'; issues: ConfigIssue[] } {
  const file = join(dataDir, CONFIG_FILE);
  const loaded = resolveConfig(dataDir);
  const state = loaded.issues.length > 0 ? 'invalid' : existsSync(file) ? 'file' : 'missing';
  return { config: loaded.config, file, centreFile: loaded.centreFile, state, issues: loaded.issues };
}

function seen(listing: DeviceListing): DeviceOverview['ports'] {
  const id = (d: Partial<UsbId>) => (d.vendorId !== undefined && d.productId !== undefined ? usbIdText(d as UsbId) : null);
  return {
    serial: listing.serial.map((s) => ({ where: 'serial', path: s.path, usbId: id(s), label: s.manufacturer ?? null, guess: guessDevice(s, 'serial') })),
    hid: listing.hid.map((h) => ({ where: 'hid', path: h.path ?? '', usbId: id(h), label: h.product ?? null, guess: guessDevice(h, 'hid') })),
    // Plain USB devices only when they say something the other lists cannot (a reader in DFU or bulk mode).
    usb: listing.usb.filter((u) => roleOf(u, 'usb')).map((u) => ({ where: 'usb', path: u.location, usbId: id(u), label: u.product ?? null, guess: guessDevice(u, 'usb') })),
  };
}

function serialPortSeen(mode: DeviceMode, port: string | undefined, ports: DeviceOverview['ports']): boolean | null {
  if (mode !== 'hardware' || !port) return null;
  return ports.serial.some((s) => s.path === port);
}

function idcardPortSeen(mode: DeviceMode, port: string | undefined, listing: DeviceListing): boolean | null {
  if (mode !== 'hardware' || !port) return null;
  const spec = parsePortSpec(port);
  if (!spec || spec.kind === 'auto') return null;
  if (spec.kind === 'serial') return listing.serial.some((s) => s.path === spec.path);
  if ('path' in spec) return listing.hid.some((h) => h.path === spec.path);
  return listing.hid.some((h) => h.vendorId === spec.vendorId && h.productId === spec.productId);
}

/** Builds the overview. Every listing runs once; none opens a device. */
export async function deviceOverview(dataDir: string, deps: OverviewDeps = systemOverviewDeps): Promise<DeviceOverview> {
  const { config, file, centreFile, state, issues } = readCounterConfig(dataDir);
  const problems: string[] = [];
  const empty: DeviceListing = { serial: [], hid: [], usb: [], problems: [] };
  const [listing, hidRaw, printers] = await Promise.all([
    deps.listDevices().catch((error: unknown) => ({ ...empty, problems: [o.listFailed('设备', chineseMessage(error))] })),
    deps.listHid().catch((error: unknown) => {
      problems.push(o.listFailed('HID 设备', chineseMessage(error)));
      return [];
    }),
    deps.listPrinters().catch((error: unknown): PrinterListing => ({ ok: false, note: o.printersFailed(chineseMessage(error)) })),
  ]);
  problems.unshift(...listing.problems);
  const ports = seen(listing);
  const d = config.devices;

  const idcardChoice = d.idcard.mode === 'hardware' && d.idcard.port && parsePortSpec(d.idcard.port)?.kind === 'auto' ? chooseReader(listing) : null;
  const idcard: DeviceOverview['idcard'] = {
    mode: d.idcard.mode,
    port: d.idcard.port ?? null,
    portSeen: idcardPortSeen(d.idcard.mode, d.idcard.port, listing),
    baudRate: d.idcard.baudRate ?? null,
    autoChoice: idcardChoice ? (idcardChoice.kind === 'none' ? idcardChoice.reason : `${idcardChoice.kind === 'hid' ? 'hid:' : ''}${idcardChoice.path}`) : null,
    // Readers, and the serial ports a reader could sit behind.
    candidates: [...ports.serial, ...ports.hid.filter((h) => h.guess), ...ports.usb],
  };

  const signatureCandidates = padCandidates(hidRaw).map((c) => ({ ...c, usbId: usbIdText(c) }));
  const signature: DeviceOverview['signature'] = {
    mode: d.signature.mode,
    port: d.signature.port ?? null,
    portSeen: d.signature.mode === 'hardware' && d.signature.port ? signatureCandidates.some((c) => c.path === d.signature.port) || ports.hid.some((h) => h.path === d.signature.port) : null,
    descriptorFile: d.signature.descriptorFile ?? null,
    screenPad: d.signature.screenPad,
    candidates: signatureCandidates,
  };

  const device = config.evaluation.device;
  const padPaths = new Set(signatureCandidates.map((c) => c.path));
  const evaluator: DeviceOverview['evaluator'] = {
    mode: d.evaluator.mode,
    port: d.evaluator.port ?? null,
    portSeen:
      device.profile === 'hid'
        ? d.evaluator.mode === 'hardware' && d.evaluator.port
          ? ports.hid.some((h) => h.path === d.evaluator.port || `hid:${h.path}` === d.evaluator.port)
          : null
        : serialPortSeen(d.evaluator.mode, d.evaluator.port, ports),
    baudRate: d.evaluator.baudRate ?? null,
    profile: device.profile,
    address: device.address,
    // A serial keypad sits behind a USB-serial chip; a HID keypad is a HID device that is neither a reader nor a pad.
    candidates: device.profile === 'hid' ? ports.hid.filter((h) => !h.guess && !padPaths.has(h.path)) : ports.serial.filter((_, i) => roleOf(listing.serial[i]!, 'serial') === null),
  };

  // Cameras are seen only through a browser, by opening them: `doctor camera` does that (camera-doctor.ts), never `all`.
  const camera: DeviceOverview['camera'] = {
    mode: d.camera.mode,
    port: d.camera.port ?? null,
    portSeen: null,
    document: d.camera.document ?? null,
    face: d.camera.face ?? null,
    cameras: null,
    note: strings.cameraDevice.doctor.overviewNote,
  };

  const printer: DeviceOverview['printer'] = {
    mode: d.printer.mode,
    port: d.printer.port ?? null,
    portSeen: d.printer.mode === 'hardware' && d.printer.port && printers.ok ? printers.printers.some((p) => p.name === d.printer.port) : null,
    printers: printers.ok ? printers.printers : null,
    note: printers.ok ? null : printers.note,
  };

  return { dataDir, config: { file, centreFile, state, issues }, idcard, camera, signature, evaluator, printer, ports, problems };
}

// ---------------------------------------------------------------- for people

function deviceLine(d: SeenDevice): string {
  return `    ${d.guess ? '★ ' : '  '}${d.where === 'hid' && d.path ? `hid:${d.path}` : d.path}${d.usbId ? `  [${d.usbId}]` : ''}${d.label ? `  ${d.label}` : ''}${d.guess ? `  ← ${d.guess}` : ''}`;
}

function cameraLines(camera: DeviceOverview['camera']): string[] {
  const c = strings.cameraDevice.doctor;
  const lines: string[] = [];
  if (camera.document || camera.face) lines.push(c.heads(camera.document, camera.face));
  if (camera.cameras === null) return [...lines, `    ${camera.note ?? ''}`];
  if (camera.cameras.length === 0) lines.push(c.none);
  camera.cameras.forEach((cam, i) => {
    lines.push(c.camera(i + 1, cam.label, cam.deviceId));
    if (cam.error) lines.push(c.openFailed(cam.error));
    if (cam.max) lines.push(c.max(cam.max.width, cam.max.height, cam.max.frameRate));
    if (cam.granted?.width && cam.granted.height) lines.push(c.granted(cam.granted.width, cam.granted.height, cam.granted.frameRate));
    if (cam.role) lines.push(c.chosen(c.roles[cam.role]));
  });
  if (camera.note) lines.push(`    ${camera.note}`);
  return lines;
}

function sectionLines(kind: DeviceKind, overview: DeviceOverview): string[] {
  const section = overview[kind];
  const lines = [`${o.kinds[kind]}（${kind}）`, o.configured(section.mode, section.port)];
  if (section.portSeen === true) lines.push(o.portSeen(section.port!));
  if (section.portSeen === false) lines.push(o.portMissing(section.port!));
  if (kind === 'idcard' && overview.idcard.autoChoice) lines.push(o.autoChoice(overview.idcard.autoChoice));
  lines.push(o.seen);
  if (kind === 'camera') lines.push(...cameraLines(overview.camera));
  else if (kind === 'printer') {
    const { printers, note } = overview.printer;
    if (!printers) lines.push(`    ${note}`);
    else if (printers.length === 0) lines.push(o.none);
    else for (const p of printers) lines.push(`    ${p.name}${p.isDefault ? `  （${o.printerDefault}）` : ''}${p.ready ? '' : `  （${o.printerDisabled}）`}${p.detail ? `  ${p.detail}` : ''}`);
  } else if (kind === 'signature') {
    const pads = overview.signature.candidates;
    if (pads.length === 0) lines.push(o.none);
    for (const p of pads) lines.push(`    ★ hid:${p.path}  [${p.usbId}]${p.product ? `  ${p.product}` : ''}  ← ${p.kind === 'wacom-stu' ? o.guesses.stu : o.guesses.pad}`);
  } else {
    const list = overview[kind].candidates;
    if (list.length === 0) lines.push(o.none);
    for (const d of list) lines.push(deviceLine(d));
  }
  return lines;
}

/** The human form of one section (or all of them with `ports`): what `doctor <kind>` without --json prints. */
export function overviewText(overview: DeviceOverview, kinds: readonly DeviceKind[], withPorts: boolean): string {
  const c = overview.config;
  const lines = [o.title, o.dataDir(overview.dataDir), c.state === 'file' ? o.configFile(c.file) : c.state === 'missing' ? o.configMissing(c.file) : o.configInvalid(c.file)];
  if (c.centreFile) lines.push(o.centreFile(c.centreFile));
  for (const issue of c.issues) lines.push(`  ${issue.field || strings.config.wholeFile}：${issue.message}`);
  for (const kind of kinds) lines.push('', ...sectionLines(kind, overview));
  if (withPorts) {
    lines.push('', o.portsTitle, strings.idcard.doctor.portsSerial);
    lines.push(...(overview.ports.serial.length ? overview.ports.serial.map(deviceLine) : [o.none]));
    lines.push(strings.idcard.doctor.portsHid);
    lines.push(...(overview.ports.hid.length ? overview.ports.hid.map(deviceLine) : [o.none]));
    if (overview.ports.usb.length) lines.push(strings.idcard.doctor.portsUsb, ...overview.ports.usb.map(deviceLine));
  }
  if (overview.problems.length) lines.push('', ...overview.problems);
  return lines.join('\n');
}
