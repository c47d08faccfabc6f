/**
 * Payloads of our evaluator serial profile (docs/evaluator-serial-protocol.md,
 * "Commands"): host commands to bytes, device frames to typed messages.
 * Pure. Strings are STR8: one length byte, then that many bytes of UTF-8.
 */
import { CMD, type Frame } from './frames';

export interface ClerkCard {
  window: string;
  name: string;
  staffNumber: string;
}

export interface ReturnTime {
  hour: number;
  minute: number;
}

export type HostCommand =
  | { type: 'heartbeat' }
  | { type: 'welcome'; text: string }
  | { type: 'clerk'; card: ClerkCard }
  | { type: 'requestRating'; caseId: string; itemName: string }
  | { type: 'thanks'; caseId: string }
  | { type: 'paused'; reason: string; returnAt: ReturnTime | null }
  | { type: 'ack'; cmd: number }
  | { type: 'error'; cmd: number; code: number };

export const SCREENS = ['welcome', 'rating', 'thanks', 'paused'] as const;
export type Screen = (typeof SCREENS)[number];

export type DeviceMessage =
  | { type: 'status'; keyCount: number; screen: Screen; version: number; model: string }
  /** level: the national code 1–5 (1 = 非常满意) when the device knows it, 0 when the host maps keyCode. */
  | { type: 'key'; caseId: string; level: number; keyCode: number; pressCounter: number }
  | { type: 'ack'; cmd: number }
  | { type: 'error'; cmd: number; code: number };

export type Decoded = DeviceMessage | { type: 'invalid'; reason: string };

/** Case ids on the wire: printable ASCII, 1–32 characters (ours look like 01-20261123-0007). */
const CASE_ID = /^[\x21-\x7e]{1,32}$/;

export function isWireCaseId(id: string): boolean {
  return CASE_ID.test(id);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 of `text`, cut at a character boundary to at most 255 bytes. */
export function str8(text: string): Uint8Array {
  let bytes = encoder.encode(text);
  if (bytes.length > 255) {
    let end = 255;
    while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // not inside a character
    bytes = bytes.slice(0, end);
  }
  const out = new Uint8Array(bytes.length + 1);
  out[0] = bytes.length;
  out.set(bytes, 1);
  return out;
}

function concat(parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function caseIdBytes(caseId: string): Uint8Array {
  if (!isWireCaseId(caseId)) throw new RangeError(`case id not sendable: ${caseId}`);
  return str8(caseId);
}

/** CMD and payload of a host command. */
export function encodeCommand(command: HostCommand): { cmd: number; payload: Uint8Array } {
  switch (command.type) {
    case 'heartbeat':
      return { cmd: CMD.heartbeat, payload: new Uint8Array(0) };
    case 'welcome':
      return { cmd: CMD.showWelcome, payload: str8(command.text) };
    case 'clerk':
      return { cmd: CMD.showClerk, payload: concat([str8(command.card.window), str8(command.card.name), str8(command.card.staffNumber)]) };
    case 'requestRating':
      return { cmd: CMD.requestRating, payload: concat([caseIdBytes(command.caseId), str8(command.itemName)]) };
    case 'thanks':
      return { cmd: CMD.showThanks, payload: caseIdBytes(command.caseId) };
    case 'paused': {
      const t = command.returnAt;
      if (t && !(Number.isInteger(t.hour) && t.hour >= 0 && t.hour < 24 && Number.isInteger(t.minute) && t.minute >= 0 && t.minute < 60)) {
        throw new RangeError(`return time out of range: ${t.hour}:${t.minute}`);
      }
      return { cmd: CMD.showPaused, payload: concat([str8(command.reason), t ? [t.hour, t.minute] : [0xff, 0xff]]) };
    }
    case 'ack':
      return { cmd: CMD.ack, payload: Uint8Array.of(command.cmd) };
    case 'error':
      return { cmd: CMD.error, payload: Uint8Array.of(command.cmd, command.code) };
  }
}

/** Reads STR8 fields and fixed bytes off a payload; any overrun or bad UTF-8 makes the payload invalid. */
class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  u8(): number {
    if (this.at >= this.bytes.length) throw new PayloadError('payload too short');
    return this.bytes[this.at++]!;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  str(): string {
    const n = this.u8();
    if (this.at + n > this.bytes.length) throw new PayloadError('string runs past the payload');
    const slice = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    try {
      return decoder.decode(slice);
    } catch {
      throw new PayloadError('string is not UTF-8');
    }
  }

  end(): void {
    if (this.at !== this.bytes.length) throw new PayloadError(`${this.bytes.length - this.at} bytes left over`);
  }
}

class PayloadError extends Error {}

/** A device frame as a message; `invalid` (with a reason for the log) for a payload that does not fit its command. */
export function decodeDeviceFrame(frame: Pick<Frame, 'cmd' | 'payload'>): Decoded {
  const r = new Reader(frame.payload);
  try {
    let message: DeviceMessage;
    switch (frame.cmd) {
      case CMD.status: {
        const keyCount = r.u8();
        const screen = r.u8();
        const version = r.u8();
        const model = r.str();
        if (keyCount < 1 || keyCount > 16) return { type: 'invalid', reason: `key count ${keyCount}` };
        if (screen >= SCREENS.length) return { type: 'invalid', reason: `screen ${screen}` };
        message = { type: 'status', keyCount, screen: SCREENS[screen]!, version, model };
        break;
      }
      case CMD.keyEvent: {
        const caseId = r.str();
        const level = r.u8();
        const keyCode = r.u8();
        const pressCounter = r.u16();
        if (caseId !== '' && !isWireCaseId(caseId)) return { type: 'invalid', reason: 'case id' };
        if (level > 5) return { type: 'invalid', reason: `level ${level}` };
        if (keyCode === 0) return { type: 'invalid', reason: 'key code 0' };
        message = { type: 'key', caseId, level, keyCode, pressCounter };
        break;
      }
      case CMD.ack:
        message = { type: 'ack', cmd: r.u8() };
        break;
      case CMD.error:
        message = { type: 'error', cmd: r.u8(), code: r.u8() };
        break;
      default:
        return { type: 'invalid', reason: `unknown command 0x${frame.cmd.toString(16).padStart(2, '0')}` };
    }
    r.end();
    return message;
  } catch (error) {
    if (error instanceof PayloadError) return { type: 'invalid', reason: error.message };
    throw error;
  }
}
