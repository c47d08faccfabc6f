/**
 * File listing and the glob dialect of electron-builder's `files`,
 * `asarUnpack` and `filter` patterns, as far as this project uses it:
 * `**` (any depth), `*`, `?`, a leading `!` to exclude. Paths are relative,
 * with forward slashes.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything below.
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** electron-builder's reading of a pattern list: included by a positive pattern, then not excluded by a later `!` one. */
export function matchesPatterns(path: string, patterns: readonly string[]): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (included && globToRegExp(pattern.slice(1)).test(path)) included = false;
    } else if (globToRegExp(pattern).test(path)) included = true;
  }
  return included;
}

/** Every file below `dir` (relative paths), not following symbolic links, skipping the folders named in `skip`. */
export function listFiles(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    let entries: string[];
    try {
      entries = readdirSync(join(dir, relative));
    } catch {
      return;
    }
    for (const name of entries) {
      const rel = relative ? `${relative}/${name}` : name;
      const stat = lstatSync(join(dir, rel));
      if (stat.isDirectory()) {
        if (!skip.has(name)) walk(rel);
      } else found.push(rel);
    }
  };
  walk('');
  return found;
}
