import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Catalogue } from '../../../shared/domain/catalogue/schema';
import type { CatalogueIssue } from '../../../shared/domain/catalogue/issues';
import type { IndexedItem } from '../../../shared/domain/catalogue/search';
import { strings } from '../../../shared/i18n';
import { writeJsonAtomic } from '../config/config-file';
import { readText } from '../config/json-text';
import defaultCatalogue from '../../../resources/catalogue/default.json';
import { fileIssue } from './catalogue-issues';
import { parseCatalogueText, validateCatalogue, type ParsedCatalogue } from './parse-catalogue';
import { indexItems } from './pinyin-index';
import { parseCatalogueXlsx } from './xlsx-catalogue';

/**
 * The catalogue this counter works with. The shipped default
 * (resources/catalogue/default.json) until the centre imports its own; an
 * import is validated in full and only then written, as `catalogue.json` in
 * the data directory, so a malformed import never replaces a good catalogue.
 * A `catalogue.json` broken by hand later is reported item by item and the
 * last good copy is used.
 */

export const CATALOGUE_FILE = 'catalogue.json';
export const CATALOGUE_LAST_GOOD_FILE = 'catalogue.last-good.json';

const c = strings.catalogue;

export interface LoadedCatalogue {
  catalogue: Catalogue;
  /** The items with their pinyin initials, ready to search. */
  items: IndexedItem[];
  /** Problems with the centre's catalogue.json (or the default), in Chinese. Empty when valid. */
  issues: CatalogueIssue[];
  source: 'default' | 'centre' | 'lastGood';
}

export type ImportResult = { ok: true; loaded: LoadedCatalogue } | { ok: false; issues: CatalogueIssue[] };

function loaded(catalogue: Catalogue, source: LoadedCatalogue['source'], issues: CatalogueIssue[] = []): LoadedCatalogue {
  return { catalogue, items: indexItems(catalogue.items), issues, source };
}

/** The shipped catalogue. A broken default is a bug of the release: reported, and the counter runs with no items. */
export function loadDefaultCatalogue(): LoadedCatalogue {
  const parsed = validateCatalogue(defaultCatalogue);
  if (parsed.ok) return loaded(parsed.catalogue, 'default');
  return loaded({ version: 1, items: [] }, 'default', [fileIssue(c.defaultBroken), ...parsed.issues]);
}

export function loadCatalogue(dataDir: string): LoadedCatalogue {
  const file = join(dataDir, CATALOGUE_FILE);
  if (!existsSync(file)) return loadDefaultCatalogue();
  const parsed = parseCatalogueText(readText(file));
  if (parsed.ok) {
    rememberLastGood(dataDir, parsed.catalogue);
    return loaded(parsed.catalogue, 'centre');
  }
  const lastGood = join(dataDir, CATALOGUE_LAST_GOOD_FILE);
  const fallback = existsSync(lastGood) ? parseCatalogueText(readText(lastGood)) : null;
  if (fallback?.ok) return loaded(fallback.catalogue, 'lastGood', parsed.issues);
  return { ...loadDefaultCatalogue(), issues: parsed.issues };
}

/** Reads a centre's JSON or XLSX file and validates it, writing nothing. */
export async function readCatalogueFile(path: string): Promise<ParsedCatalogue> {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return parseCatalogueText(readText(path));
  if (ext === '.xlsx') {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (error) {
      return { ok: false, issues: [fileIssue(c.unreadable((error as Error).message))] };
    }
    return parseCatalogueXlsx(data);
  }
  return { ok: false, issues: [fileIssue(c.unsupportedType(path))] };
}

/**
 * Imports a centre's catalogue. All or nothing: on any issue nothing is
 * written and the catalogue in use stays as it was.
 */
export async function importCatalogue(dataDir: string, path: string): Promise<ImportResult> {
  const parsed = await readCatalogueFile(path);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return saveCatalogue(dataDir, parsed.catalogue);
}

/** Makes a catalogue that has passed validation the one in use (and the last good one). */
export function saveCatalogue(dataDir: string, catalogue: Catalogue): ImportResult {
  try {
    mkdirSync(dataDir, { recursive: true });
    writeJsonAtomic(join(dataDir, CATALOGUE_FILE), catalogue);
  } catch (error) {
    return { ok: false, issues: [fileIssue(c.writeFailed((error as Error).message))] };
  }
  rememberLastGood(dataDir, catalogue);
  return { ok: true, loaded: loaded(catalogue, 'centre') };
}

function rememberLastGood(dataDir: string, catalogue: Catalogue): void {
  try {
    writeJsonAtomic(join(dataDir, CATALOGUE_LAST_GOOD_FILE), catalogue);
  } catch {
    // Best effort: losing the fallback copy only matters if catalogue.json breaks later.
  }
}
