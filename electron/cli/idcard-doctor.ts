/**
 * `doctor idcard` and `doctor ports`: IT's view of the ID card reader,
 * built on the same transports and read flow as the driver, without the
 * app. Card data goes to stdout only (masked unless --unmasked), never to a
 * log; messages go to stderr in Chinese, with a non-zero exit when the port
 * cannot be opened or the read fails.
 */
import type { IdCard } from '../../shared/contract';
import { maskIdNumber } from '../../shared/domain/id-number';
import { strings } from '../../shared/i18n';
import { cardWarnings, localYyyymmdd } from '../devices/idcard/card-checks';
import { BAUD_RATES } from '../devices/idcard/codec/frames';
import { statusMessage, SW3, SamStatusError } from '../devices/idcard/codec/status-codes';
import { transportFactory } from '../devices/idcard/factory';
import { PlacementTracker } from '../devices/idcard/placement';
import { checkSam, DEFAULT_TIMEOUTS, findCard, selectAndRead, type CardRead } from '../devices/idcard/read-flow';
import { SamSession } from '../devices/idcard/session';
import { listDevices, roleOf, usbIdText } from '../devices/idcard/transports/detect';
import type { ByteTransport } from '../devices/idcard/transports/transport';

export interface DoctorIo {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT = { ok: 0, usage: 1, open: 2, sam: 3, read: 4, disconnected: 5 } as const;

const d = strings.idcard.doctor;

export interface IdcardArgs {
  port: string;
  baud: number;
  once: boolean;
  json: boolean;
  unmasked: boolean;
  pollMs: number;
}

/** Parses `idcard` flags; returns a Chinese usage error as a string. */
export function parseIdcardArgs(argv: string[]): IdcardArgs | string {
  const args: IdcardArgs = { port: '', baud: 115200, once: false, json: false, unmasked: false, pollMs: 400 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw d.missingValue(flag);
      return v;
    };
    try {
      if (flag === '--port') args.port = value();
      else if (flag === '--baud') {
        const v = value();
        const n = Number(v);
        if (!(BAUD_RATES as readonly number[]).includes(n)) return d.badBaud(v);
        args.baud = n;
      } else if (flag === '--once') args.once = true;
      else if (flag === '--json') args.json = true;
      else if (flag === '--unmasked') args.unmasked = true;
      else return d.unknownFlag(flag);
    } catch (message) {
      return message as string;
    }
  }
  if (!args.port) return d.portRequired;
  return args;
}

/** The card as doctor prints it: every field the card type has, the ID number masked unless asked. */
export function cardReport(read: CardRead, unmasked: boolean, today = localYyyymmdd()): Record<string, unknown> {
  const card: IdCard = read.card;
  const out: Record<string, unknown> = { ...card };
  if (!unmasked) {
    out.idNumber = maskIdNumber(card.idNumber);
    if (card.permitNumber) out.permitNumber = maskIdNumber(card.permitNumber, 1, 2);
  }
  if (read.appendedAddress) out.appendedAddress = read.appendedAddress;
  out.photoWltBytes = read.photoWlt.length;
  out.warnings = cardWarnings(card, today).map((w) => w.message);
  return out;
}

function humanCard(report: Record<string, unknown>): string {
  const labels = d.fieldLabels;
  const lines = Object.entries(report).map(([key, value]) => {
    if (key === 'cardType') return `${labels.cardType}：${strings.case.cardTypes[value as IdCard['cardType']]}`;
    if (key === 'photoWltBytes') return `${labels.photo}：${d.photoBytes(value as number)}`;
    if (key === 'warnings') return (value as string[]).length ? `${labels.warnings}：${(value as string[]).join('；')}` : '';
    return `${labels[key] ?? key}：${String(value)}`;
  });
  return lines.filter(Boolean).join('\n');
}

/** Runs `doctor idcard`. Resolves with the exit code; `signal` ends a waiting loop (Ctrl+C). */
export async function runIdcard(args: IdcardArgs, io: DoctorIo, signal?: AbortSignal): Promise<number> {
  const say = (text: string) => (args.json ? io.err(text) : io.out(text));
  let transport: ByteTransport;
  try {
    transport = await transportFactory(args.port, args.baud)();
    say(d.opening(transport.description, args.baud));
    await transport.open();
  } catch (error) {
    io.err((error as Error).message);
    return EXIT.open;
  }
  const session = new SamSession(transport);
  let lost = false;
  transport.onClose(() => {
    lost = true;
  });
  try {
    try {
      const sam = await checkSam(session, DEFAULT_TIMEOUTS);
      say(d.samId(sam.samId));
      say(d.samStatus(statusMessage(SW3.success)));
    } catch (error) {
      io.err(d.samFailed((error as Error).message));
      return EXIT.sam;
    }
    say(d.waitingForCard);
    if (!args.json && !args.unmasked) say(d.maskedNote);
    const tracker = new PlacementTracker(1);
    while (!signal?.aborted) {
      if (lost) {
        io.err(d.disconnected);
        return EXIT.disconnected;
      }
      let action;
      try {
        action = tracker.onFind(await findCard(session, DEFAULT_TIMEOUTS));
      } catch (error) {
        if (lost) continue;
        if (error instanceof SamStatusError) {
          io.err(d.readFailed(error.message));
          return EXIT.read;
        }
        // A lost poll: the next one is the retry; a dead reader shows up as `lost` or keeps timing out.
        await sleep(args.pollMs);
        continue;
      }
      if (action === 'removed') say(d.cardRemoved);
      if (action === 'read') {
        try {
          const read = await selectAndRead(session, DEFAULT_TIMEOUTS);
          tracker.onReadOk();
          const report = cardReport(read, args.unmasked);
          io.out(args.json ? JSON.stringify(report) : humanCard(report));
          if (args.once) return EXIT.ok;
        } catch (error) {
          tracker.onReadFailed();
          io.err(d.readFailed((error as Error).message));
          if (args.once) return EXIT.read;
        }
      }
      await sleep(args.pollMs, signal);
    }
    return EXIT.ok;
  } finally {
    session.dispose();
    await transport.close().catch(() => {});
  }
}

/** Runs `doctor ports`: serial and HID devices, readers marked, plus DFU / bulk readers from the USB list. */
export async function runPorts(json: boolean, io: DoctorIo): Promise<number> {
  const listing = await listDevices();
  const mark = (id: { vendorId?: number; productId?: number }, where: 'serial' | 'hid' | 'usb') => {
    const role = roleOf(id, where);
    return role ? d.roles[role]! : null;
  };
  const serial = listing.serial.map((s) => ({ ...s, usbId: s.vendorId !== undefined ? usbIdText(s as never) : undefined, reader: mark(s, 'serial') }));
  const hid = listing.hid.map((h) => ({ ...h, usbId: usbIdText(h), reader: mark(h, 'hid') }));
  // Plain USB devices matter only when they are readers the other lists cannot show.
  const usb = listing.usb.filter((u) => mark(u, 'usb')).map((u) => ({ ...u, usbId: usbIdText(u), reader: mark(u, 'usb') }));
  for (const problem of listing.problems) io.err(problem);
  if (json) {
    io.out(JSON.stringify({ serial, hid, usb }));
    return EXIT.ok;
  }
  const line = (path: string, usbId: string | undefined, label: string | undefined, reader: string | null) =>
    `  ${reader ? '★ ' : '  '}${path}${usbId ? `  [${usbId}]` : ''}${label ? `  ${label}` : ''}${reader ? `  ← ${reader}` : ''}`;
  io.out(d.portsSerial);
  io.out(serial.length ? serial.map((s) => line(s.path, s.usbId, s.manufacturer, s.reader)).join('\n') : d.portsNone);
  io.out(d.portsHid);
  io.out(hid.length ? hid.map((h) => line(h.path ? `hid:${h.path}` : '', h.usbId, h.product, h.reader)).join('\n') : d.portsNone);
  if (usb.length) {
    io.out(d.portsUsb);
    io.out(usb.map((u) => line(u.location, u.usbId, u.product, u.reader)).join('\n'));
  }
  return EXIT.ok;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
