import { describe, expect, it } from 'vitest';
import { parseHidRecording, parseHidRecordings } from '../hid-recorder';
import { parseHexBytes } from '../hex-text';
import { descriptor, fixtureText } from './fixtures';

describe('parseHidRecording', () => {
  it('reads the converted H58L recording: descriptor, name, USB id and all 100 reports', () => {
    const rec = parseHidRecording(fixtureText('huion-h58l.pen_coords.hid-recorder.txt'));
    expect(rec).toMatchObject({ name: 'Huion H58L', bus: 3, vendorId: 0x256c, productId: 0x006e });
    expect(rec.descriptor).toEqual(descriptor('huion-h58l-if0'));
    expect(rec.events).toHaveLength(100);
    expect(Array.from(rec.events[0]!.bytes)).toEqual([0x07, 0x80, 0x5b, 0x3c, 0x97, 0x27, 0x00, 0x00]);
    expect(rec.events[1]!.seconds).toBeCloseTo(0.003963, 6);
  });

  it('keeps several devices apart by their D: lines', () => {
    const text = ['# two nodes', 'D: 0', 'R: 2 05 01', 'N: first', 'I: 3 056a 0357', 'D: 1', 'R: 3 05 0d c0', 'I: 3 256c 6d', 'D: 0', 'E: 000000.000100 2 01 02', 'D: 1', 'E: 000000.000200 1 07'].join('\n');
    const [a, b] = parseHidRecordings(text);
    expect(a).toMatchObject({ name: 'first', vendorId: 0x056a, productId: 0x0357 });
    expect(a!.events.map((e) => Array.from(e.bytes))).toEqual([[1, 2]]);
    expect(b).toMatchObject({ vendorId: 0x256c, productId: 0x6d });
    expect(b!.events).toHaveLength(1);
  });

  it('refuses what is not a recording, with the line number', () => {
    expect(() => parseHidRecording('hello')).toThrow(/line 1/);
    expect(() => parseHidRecording('R: 3 05 01')).toThrow(/3 bytes, has 2/);
    expect(() => parseHidRecording('R: 1 05\nE: 0.1 2 01')).toThrow(/line 2/);
    expect(() => parseHidRecording('N: only a name')).toThrow(/no R:/);
  });
});

describe('parseHexBytes', () => {
  it('takes whitespace-separated bytes, # comment lines, and C-array dumps', () => {
    expect(Array.from(parseHexBytes('# c\n05 0d\n 0x09, 0x02,\n'))).toEqual([5, 0x0d, 9, 2]);
    expect(() => parseHexBytes('05 zz')).toThrow(/line 1/);
  });
});
