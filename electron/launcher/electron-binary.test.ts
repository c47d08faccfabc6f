import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronAvailability } from './electron-binary';
import { tempDir } from '../../test/support/temp-dir';

function project(withBinary: boolean) {
  const dir = tempDir('counter-launch-');
  const pkg = join(dir, 'node_modules', 'electron');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  if (withBinary) {
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    writeFileSync(join(pkg, 'dist', 'electron'), '');
  }
  return dir;
}

describe('electronAvailability', () => {
  it('reports a missing binary (the package installs without it on a closed network)', () => {
    expect(electronAvailability(project(false), { DISPLAY: ':0' }, 'linux')).toEqual({ ok: false, reason: 'no-binary' });
  });
  it('reports a missing display on Linux', () => {
    expect(electronAvailability(project(true), {}, 'linux')).toEqual({ ok: false, reason: 'no-display' });
  });
  it('needs no DISPLAY on Windows', () => {
    expect(electronAvailability(project(true), {}, 'win32')).toMatchObject({ ok: true });
  });
  it('finds the binary named in path.txt', () => {
    const dir = project(true);
    expect(electronAvailability(dir, { DISPLAY: ':0' }, 'linux')).toEqual({
      ok: true,
      binary: join(dir, 'node_modules', 'electron', 'dist', 'electron'),
    });
  });
});
