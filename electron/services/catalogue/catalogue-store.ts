import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Catalogue } from '../../../shared/domain/catalogue/schema';
import type { CatalogueIssue } from '../../../shared/domain/catalogue/issues';
import type { IndexedItem } from '../../../shared/domain/catalogue/search';
import { strings } from '../../../shared/i18n';
import { writeJsonAtomic } from '../config/config-file';
import { explainError } from '../errors/system-error';
import { readText } from '../config/json-text';
import defaultCatalogue from '../../../resources/catalogue/default.json';
import { fileIssue } from './catalogue-issues';
import { parseCatalogueText, validateCatalogue, type ParsedCatalogue } from './parse-catalogue';
import { indexItems } from './pinyin-index';
import { parseCatalogueXlsx } from './xlsx-catalogue';

/**
 * The catalogue this counter works with. The shipped sample
 * (resources/catalogue/default.json) only on a counter that has never had the
 * centre's own; an import is validated in full and only then written, as
 * `catalogue.json` in the data directory, so a malformed import never
 * replaces a good catalogue. A `catalogue.json` broken by hand later is
 * reported item by item and the last good copy is used — and when there is
 * none, the counter runs with no items and says so: ten sample items a
 * clerk could take for the centre's would be worse than an empty search.
 */

export const CATALOGUE_FILE = 'catalogue.json';
export const CATALOGUE_LAST_GOOD_FILE = 'catalogue.last-good.json';
/** Written the first time the centre's own catalogue is in use; from then on the sample is never used again. */
export const CATALOGUE_MARKER_FILE = 'catalogue.centre-since.txt';

const c = strings.catalogue;
const d = strings.dataFiles.catalogue;

/** sample: the shipped one (a centre that never had its own); none: the centre's is broken and has no good copy. */
export type CatalogueSource = 'sample' | 'centre' | 'lastGood' | 'none';

export interface LoadedCatalogue {
  catalogue: Catalogue;
  /** The items with their pinyin initials, ready to search. */
  items: IndexedItem[];
  /** Problems with the centre's catalogue.json (or the sample), in Chinese, by item, material and field. Empty when valid. */
  issues: CatalogueIssue[];
  source: CatalogueSource;
  /** The platform's own wording behind an issue (Node's errno text, V8's JSON message), for the log only. */
  logDetails: string[];
}

export type ImportResult = { ok: true; loaded: LoadedCatalogue } | { ok: false; issues: CatalogueIssue[]; original?: string };

const EMPTY: Catalogue = { version: 1, items: [] };

function loaded(catalogue: Catalogue, source: CatalogueSource, issues: CatalogueIssue[] = [], logDetails: string[] = []): LoadedCatalogue {
  return { catalogue, items: indexItems(catalogue.items), issues, source, logDetails };
}

/** The shipped sample catalogue. A broken one is a bug of the release: reported, and the counter runs with no items. */
export function loadDefaultCatalogue(): LoadedCatalogue {
  const parsed = validateCatalogue(defaultCatalogue);
  if (parsed.ok) return loaded(parsed.catalogue, 'sample');
  return loaded(EMPTY, 'none', [fileIssue(c.defaultBroken), ...parsed.issues]);
}

/**
 * Whether this counter has ever had the centre's own catalogue: the marker,
 * or any catalogue file the store or the import tool writes (catalogue.json,
 * its last good copy, a catalogue.backup-….json).
 */
export function hasHadCentreCatalogue(dataDir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return false;
  }
  return names.some((name) => name === CATALOGUE_MARKER_FILE || /^catalogue(\.[^/\\]+)?\.json$/.test(name));
}

export function loadCatalogue(dataDir: string): LoadedCatalogue {
  const file = join(dataDir, CATALOGUE_FILE);
  if (!existsSync(file)) {
    if (!hasHadCentreCatalogue(dataDir)) return loadDefaultCatalogue();
    return fallBack(dataDir, [fileIssue(d.fileMissing)], []);
  }
  const parsed = parseCatalogueText(readText(file));
  if (parsed.ok) {
    rememberCentre(dataDir);
    rememberLastGood(dataDir, parsed.catalogue);
    return loaded(parsed.catalogue, 'centre');
  }
  return fallBack(dataDir, parsed.issues, parsed.original ? [parsed.original] : []);
}

/** catalogue.json is missing or broken: the last good copy, else no items — never the sample. */
function fallBack(dataDir: string, issues: CatalogueIssue[], logDetails: string[]): LoadedCatalogue {
  const lastGood = join(dataDir, CATALOGUE_LAST_GOOD_FILE);
  const fallback = existsSync(lastGood) ? parseCatalogueText(readText(lastGood)) : null;
  if (fallback?.ok) return loaded(fallback.catalogue, 'lastGood', issues, logDetails);
  return loaded(EMPTY, 'none', [...issues, fileIssue(d.noGoodCopy)], logDetails);
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
      const { message, original } = explainError(error);
      return { ok: false, issues: [fileIssue(c.unreadable(message))], original };
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
    const { message, original } = explainError(error);
    return { ok: false, issues: [fileIssue(c.writeFailed(message))], original };
  }
  rememberCentre(dataDir);
  rememberLastGood(dataDir, catalogue);
  return { ok: true, loaded: loaded(catalogue, 'centre') };
}

/** Records, once, that this counter has the centre's own catalogue (see hasHadCentreCatalogue). */
function rememberCentre(dataDir: string): void {
  const marker = join(dataDir, CATALOGUE_MARKER_FILE);
  if (existsSync(marker)) return;
  try {
    writeFileSync(marker, d.markerText(new Date().toISOString()), 'utf8');
  } catch {
    // Best effort: catalogue.json and its last good copy record the same fact.
  }
}

function rememberLastGood(dataDir: string, catalogue: Catalogue): void {
  try {
    writeJsonAtomic(join(dataDir, CATALOGUE_LAST_GOOD_FILE), catalogue);
  } catch {
    // Best effort: losing the fallback copy only matters if catalogue.json breaks later.
  }
}
