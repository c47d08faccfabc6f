/**
 * Temporary folders for tests, under the system temp folder, removed for
 * them: every test removes what it creates (README, tests).
 *
 * A folder made while a test runs (its body or a beforeEach) is removed when
 * that test ends, after its afterEach hooks (which close the databases and
 * services living in it); one made outside a test (module scope, a describe
 * body, a beforeAll) when its test file ends, after the file's afterAll hooks.
 * The removal is done by test/support/remove-temp-dirs.ts, a setup file of
 * every vitest project.
 *
 * This module imports nothing from vitest, so fixtures that the benchmark
 * (plain Node) shares can use it; outside vitest nothing removes the folder
 * and the caller must.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const madeInTest: string[] = [];
const madeForFile: string[] = [];
let inTest = false;

/** A new empty folder `<tmp>/<prefix>XXXXXX`, removed when the test (or the file) that made it ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  (inTest ? madeInTest : madeForFile).push(dir);
  return dir;
}

function removeAll(dirs: string[]): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Called by the setup file only. */
export const tempDirLifecycle = {
  testStarted(): void {
    inTest = true;
  },
  testEnded(): void {
    inTest = false;
    removeAll(madeInTest);
  },
  fileEnded(): void {
    removeAll(madeInTest);
    removeAll(madeForFile);
  },
};
