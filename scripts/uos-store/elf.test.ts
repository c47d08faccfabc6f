import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { elfMachine } from './elf';

/** The first 20 bytes of an ELF64 header for `machine`, in the given byte order. */
function header(machine: number, littleEndian = true): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, littleEndian ? 1 : 2, 1]);
  bytes[16] = 2; // ET_EXEC
  if (littleEndian) [bytes[18], bytes[19]] = [machine & 0xff, machine >> 8];
  else [bytes[18], bytes[19]] = [machine >> 8, machine & 0xff];
  return bytes;
}

describe('elfMachine', () => {
  it('reads the machine of the Node binary running this test', () => {
    const expected = process.arch === 'x64' ? 'x64' : process.arch === 'arm64' ? 'arm64' : null;
    expect(expected, 'this test knows x64 and arm64 build machines').not.toBeNull();
    expect(elfMachine(readFileSync(process.execPath).subarray(0, 64))).toBe(expected);
  });

  it('tells x64, arm64, loong64 and an unknown machine apart, in both byte orders', () => {
    expect(elfMachine(header(62))).toBe('x64');
    expect(elfMachine(header(183))).toBe('arm64');
    expect(elfMachine(header(258))).toBe('loong64');
    expect(elfMachine(header(258, false))).toBe('loong64');
    expect(elfMachine(header(0x1234))).toBe('unknown(4660)');
  });

  it('says null for a script, a short file and an empty one', () => {
    expect(elfMachine(new TextEncoder().encode('#!/bin/sh\necho counter terminal\n'))).toBeNull();
    expect(elfMachine(header(62).subarray(0, 19))).toBeNull();
    expect(elfMachine(new Uint8Array())).toBeNull();
  });
});
