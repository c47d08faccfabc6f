/**
 * The worked examples of docs/evaluator-serial-protocol.md §7, byte for
 * byte: the codec must produce the host frames and read the device frames,
 * and every hex line checked here must appear verbatim in the document (so
 * the document cannot drift from the code).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc16Modbus } from './crc16';
import { encodeFrame, fromHex, toHex } from './frames';
import { decodeDeviceFrame, encodeCommand, type HostCommand } from './messages';
import { EvaluatorFrameParser } from './parser';

const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'evaluator-serial-protocol.md'), 'utf8');
const CASE = '08-20261123-0007';

const host: Array<{ name: string; address?: number; seq: number; command: HostCommand; hex: string }> = [
  { name: 'HEARTBEAT', seq: 0x00, command: { type: 'heartbeat' }, hex: 'A5 01 00 01 00 00 48 00 5A' },
  { name: 'SHOW_WELCOME 欢迎', seq: 0x01, command: { type: 'welcome', text: '欢迎' }, hex: 'A5 01 01 10 00 07 06 E6 AC A2 E8 BF 8E 6E 88 5A' },
  {
    name: 'SHOW_CLERK',
    seq: 0x02,
    command: { type: 'clerk', card: { window: '08', name: '李娜', staffNumber: '0123' } },
    hex: 'A5 01 02 11 00 0F 02 30 38 06 E6 9D 8E E5 A8 9C 04 30 31 32 33 67 0F 5A',
  },
  {
    name: 'REQUEST_RATING',
    seq: 0x03,
    command: { type: 'requestRating', caseId: CASE, itemName: '食品经营许可' },
    hex: 'A5 01 03 12 00 24 10 30 38 2D 32 30 32 36 31 31 32 33 2D 30 30 30 37 12 E9 A3 9F E5 93 81 E7 BB 8F E8 90 A5 E8 AE B8 E5 8F AF 44 A4 5A',
  },
  { name: 'ACK of a key event', seq: 0x10, command: { type: 'ack', cmd: 0x82 }, hex: 'A5 01 10 06 00 01 82 41 70 5A' },
  {
    name: 'SHOW_THANKS',
    seq: 0x04,
    command: { type: 'thanks', caseId: CASE },
    hex: 'A5 01 04 13 00 11 10 30 38 2D 32 30 32 36 31 31 32 33 2D 30 30 30 37 78 08 5A',
  },
  {
    name: 'SHOW_PAUSED 午间休息 13:30',
    seq: 0x05,
    command: { type: 'paused', reason: '午间休息', returnAt: { hour: 13, minute: 30 } },
    hex: 'A5 01 05 14 00 0F 0C E5 8D 88 E9 97 B4 E4 BC 91 E6 81 AF 0D 1E 00 56 5A',
  },
  { name: 'SHOW_PAUSED without return time', seq: 0x06, command: { type: 'paused', reason: '', returnAt: null }, hex: 'A5 01 06 14 00 03 00 FF FF E5 27 5A' },
  { name: 'broadcast SHOW_WELCOME', address: 0x00, seq: 0x08, command: { type: 'welcome', text: '' }, hex: 'A5 00 08 10 00 01 00 E4 8A 5A' },
];

const device = [
  {
    name: 'STATUS',
    hex: 'A5 01 00 81 00 08 05 00 01 04 45 56 2D 35 D3 E1 5A',
    address: 0x01,
    seq: 0x00,
    message: { type: 'status', keyCount: 5, screen: 'welcome', version: 1, model: 'EV-5' },
  },
  { name: 'ACK of SHOW_WELCOME', hex: 'A5 01 01 06 00 01 10 3C DE 5A', address: 0x01, seq: 0x01, message: { type: 'ack', cmd: 0x10 } },
  {
    name: 'KEY_EVENT 非常满意',
    hex: 'A5 01 10 82 00 15 10 30 38 2D 32 30 32 36 31 31 32 33 2D 30 30 30 37 01 01 00 2A FB 2C 5A',
    address: 0x01,
    seq: 0x10,
    message: { type: 'key', caseId: CASE, level: 1, keyCode: 1, pressCounter: 42 },
  },
  {
    name: 'KEY_EVENT of a four-key keypad at address 02',
    hex: 'A5 02 11 82 00 15 10 30 38 2D 32 30 32 36 31 31 32 33 2D 30 30 30 37 00 04 01 00 35 27 5A',
    address: 0x02,
    seq: 0x11,
    message: { type: 'key', caseId: CASE, level: 0, keyCode: 4, pressCounter: 256 },
  },
  { name: 'ERROR', hex: 'A5 01 07 15 00 02 12 04 AB 17 5A', address: 0x01, seq: 0x07, message: { type: 'error', cmd: 0x12, code: 0x04 } },
] as const;

describe('docs/evaluator-serial-protocol.md worked examples', () => {
  it('CRC-16/MODBUS has the documented check value', () => {
    expect(crc16Modbus(Buffer.from('123456789', 'ascii'))).toBe(0x4b37);
    expect(doc).toContain('`0x4B37`');
  });

  it.each(host)('host frame $name is encoded byte for byte and printed in the document', ({ address = 0x01, seq, command, hex }) => {
    const { cmd, payload } = encodeCommand(command);
    expect(toHex(encodeFrame({ address, seq, cmd, payload }))).toBe(hex);
    expect(doc).toContain(hex);
  });

  it.each(device)('device frame $name is read to the documented message and printed in the document', ({ hex, address, seq, message }) => {
    const frames = new EvaluatorFrameParser().push(fromHex(hex));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ address, seq });
    expect(decodeDeviceFrame(frames[0]!)).toEqual(message);
    expect(doc).toContain(hex);
  });

  it('the REQUEST_RATING example has an A5 inside its payload and still parses as one frame', () => {
    const bytes = fromHex(host[3]!.hex);
    expect(bytes.indexOf(0xa5, 1)).toBeGreaterThan(5);
    const frames = new EvaluatorFrameParser().push(bytes);
    expect(frames.map((f) => f.cmd)).toEqual([0x12]);
  });
});
