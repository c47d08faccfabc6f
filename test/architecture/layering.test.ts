import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts)$/.test(name)) out.push(path);
  }
  return out;
}

/** Every module specifier a file imports (static, dynamic, require, vi.mock). */
function importsOf(file: string): string[] {
  // Comments may mention require('electron') without importing it.
  const text = readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers;
}

/** Resolves a relative import to a project-relative path, or returns the bare specifier. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative(root, resolve(root, file, '..', specifier)).split(sep).join('/');
}

describe('the rules of the house', () => {
  it('no file outside electron/shell imports electron', () => {
    const offenders = ['electron', 'shared', 'renderer']
      .flatMap(sourceFiles)
      .filter((f) => !f.startsWith(`electron${sep}shell${sep}`))
      .filter((f) => importsOf(f).some((s) => s === 'electron' || s.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('electron/services and electron/devices exist and were scanned', () => {
    const files = ['electron/services', 'electron/devices', 'electron/web'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(10);
  });

  it('shared/ imports nothing from electron/ or renderer/ and does no I/O', () => {
    const offenders = sourceFiles('shared').flatMap((f) =>
      importsOf(f)
        .map((s) => target(f, s))
        .filter((t) => t.startsWith('electron') || t.startsWith('renderer') || t.startsWith('node:'))
        .map((t) => `${f} → ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('shared/ (tests aside) uses no Node globals: it also runs in the page and its workers (the camera detector)', () => {
    const offenders = sourceFiles('shared')
      .filter((f) => !/\.test\.tsx?$/.test(f))
      .filter((f) => {
        const code = readFileSync(join(root, f), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/(^|[^:])\/\/.*$/gm, '$1');
        return /\b(process\.|Buffer\.|__dirname|__filename|require\()/.test(code);
      });
    expect(offenders).toEqual([]);
  });

  it('renderer/ imports only shared/, itself and browser-side packages', () => {
    const offenders = sourceFiles('renderer').flatMap((f) =>
      importsOf(f)
        .map((s) => target(f, s))
        .filter((t) => t.startsWith('electron') || t.startsWith('node:') || t === 'ws' || t === 'better-sqlite3')
        .map((t) => `${f} → ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the benchmark and the IT commands run outside vitest: nothing they load imports it', () => {
    // vitest refuses to be loaded by plain Node; one stray import makes `npm run bench` or an IT command die at start.
    const entries = [...sourceFiles('test/bench').filter((f) => !f.endsWith('.test.ts')), ...sourceFiles('electron/cli').filter((f) => !f.endsWith('.test.ts'))];
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string, via: string[]): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of importsOf(file)) {
        if (specifier === 'vitest' || specifier.startsWith('vitest/')) offenders.push([...via, file].join(' → '));
        if (!specifier.startsWith('.')) continue;
        const resolved = ['', '.ts', '.tsx', '/index.ts'].map((ext) => target(file, specifier) + ext).find((p) => {
          try {
            return statSync(join(root, p)).isFile();
          } catch {
            return false;
          }
        });
        if (resolved) visit(resolved, [...via, file]);
      }
    };
    for (const entry of entries) visit(entry.split(sep).join('/'), []);
    expect(seen.size).toBeGreaterThan(entries.length);
    expect(offenders).toEqual([]);
  });
});
