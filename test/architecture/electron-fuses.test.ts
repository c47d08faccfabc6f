/**
 * Issue 13: packaged Electron builds had no fuses, so anyone at the counter
 * PC could run the shipped binary as Node (ELECTRON_RUN_AS_NODE), inject
 * code through NODE_OPTIONS, attach a debugger with --inspect to the process
 * that holds the database, or drop a loose app/ folder beside the archive.
 * The packaging config must flip every one of those fuses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const builder = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown>; asar?: unknown };
const fuses = builder.electronFuses ?? {};

describe('electron-builder.yml sets the Electron fuses', () => {
  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
  ])('%s: %s', (fuse, value) => {
    expect(fuses[fuse]).toBe(value);
  });

  it('names only fuses electron-builder knows (a misspelt key would be dropped silently)', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    for (const key of Object.keys(fuses)) expect(Object.keys(schema.definitions.FuseOptionsV1.properties)).toContain(key);
  });

  it('packs the app into an asar archive (onlyLoadAppFromAsar would find no app otherwise)', () => {
    expect(builder.asar ?? true).toBe(true);
  });
});
