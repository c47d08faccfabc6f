/** Reads the real descriptors and recordings of test/fixtures/hid (see SOURCES.md there). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHexBytes } from '../hex-text';

export const FIXTURES = join(__dirname, '../../../../../test/fixtures/hid');

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function descriptor(name: string): Uint8Array {
  return parseHexBytes(fixtureText(`${name}.rd.hex`));
}

/** A DIGImend usbhid-dump excerpt as its report byte arrays, read with a regex (not with our parser). */
export function dumpReports(name: string): Uint8Array[] {
  const lines = fixtureText(name).split('\n');
  const out: Uint8Array[] = [];
  lines.forEach((line, i) => {
    if (line.includes('STREAM')) out.push(Uint8Array.from(lines[i + 1]!.trim().split(/\s+/).map((b) => parseInt(b, 16))));
  });
  return out;
}
