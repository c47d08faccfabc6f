/**
 * The catalogue commands (事项目录) of `npm run --silent catalogue -- …`
 * (catalogue.ts) and of the installed app's `窗口受理终端 --catalogue …`
 * (it-commands.ts): one code for both. A thin layer over
 * electron/services/catalogue: the same validation, the same all-or-nothing
 * import into the same data directory the counter reads.
 *
 *   check <file.json|file.xlsx>   every problem in Chinese (row, item, material, field); exit 1 on any
 *   import <file>                 validated in full, then written; the previous catalogue.json kept as a backup;
 *                                 prints the items added, removed and changed
 *   template <out.xlsx>           a workbook with the right sheets and headers, one example item and a guide sheet
 *   export <out.xlsx|out.json>    the catalogue in use
 *
 * `--data-dir DIR` (or COUNTER_DATA_DIR) chooses the data directory;
 * `--force` lets template/export replace an existing file.
 * Exit status: 0 done, 1 the file has problems or could not be written, 2 usage.
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { diffCatalogues } from '../../shared/domain/catalogue/diff';
import type { CatalogueIssue } from '../../shared/domain/catalogue/issues';
import { isReferred, type Catalogue } from '../../shared/domain/catalogue/schema';
import { strings } from '../../shared/i18n';
import { formatIssue } from '../services/catalogue/catalogue-issues';
import { CATALOGUE_FILE, saveCatalogue, loadCatalogue, loadDefaultCatalogue, readCatalogueFile } from '../services/catalogue/catalogue-store';
import { writeCatalogueXlsx } from '../services/catalogue/xlsx-catalogue-writer';
import { dataDirArg, positionalArgs, type CliIo } from './run-cli';

const t = strings.catalogueCli;
const c = strings.catalogue;

interface Args {
  io: CliIo;
  file: string | undefined;
  dataDir: string;
  force: boolean;
}

function parseArgs(rest: string[], io: CliIo): Args {
  const [file] = positionalArgs(rest);
  return { io, file: file && resolve(file), dataDir: resolve(dataDirArg(rest)), force: rest.includes('--force') };
}

function summary(catalogue: Catalogue): string {
  const handled = catalogue.items.filter((item) => !isReferred(item)).length;
  const materials = catalogue.items.reduce((n, item) => n + item.materials.length, 0);
  return t.summary(catalogue.items.length, handled, materials);
}

/** Prints every problem of the file, one per line; exit status 1. */
function invalid(io: CliIo, file: string, issues: readonly CatalogueIssue[]): number {
  io.out(t.invalid(file, issues.length));
  for (const issue of issues) io.out(`  ${formatIssue(issue)}`);
  return 1;
}

async function check(args: Args): Promise<number> {
  const parsed = await readCatalogueFile(args.file!);
  if (parsed.ok) {
    args.io.out(t.valid(args.file!, summary(parsed.catalogue)));
    return 0;
  }
  return invalid(args.io, args.file!, parsed.issues);
}

/** Local time as 20261123-154500, for a backup's name. */
function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

async function importFile(args: Args): Promise<number> {
  // Validate before anything is touched: a rejected file leaves no backup and no change behind.
  const parsed = await readCatalogueFile(args.file!);
  if (!parsed.ok) return invalid(args.io, args.file!, parsed.issues);
  const before = loadCatalogue(args.dataDir);
  const current = join(args.dataDir, CATALOGUE_FILE);
  let backup: string | null = null;
  if (existsSync(current)) {
    backup = join(args.dataDir, `catalogue.backup-${stamp()}.json`);
    try {
      copyFileSync(current, backup);
    } catch (error) {
      args.io.err(t.writeFailed(backup, (error as Error).message));
      return 1;
    }
  }
  const result = saveCatalogue(args.dataDir, parsed.catalogue);
  if (!result.ok) return invalid(args.io, args.file!, result.issues);
  args.io.out(t.imported(args.dataDir, summary(result.loaded.catalogue)));
  args.io.out(backup ? t.backup(backup) : t.noBackup);
  const diff = diffCatalogues(before.catalogue, result.loaded.catalogue);
  const names = (items: { name: string }[]) => items.map((item) => item.name).join('、');
  if (diff.added.length > 0) args.io.out(t.added(names(diff.added)));
  if (diff.removed.length > 0) args.io.out(t.removed(names(diff.removed)));
  for (const { item, fields } of diff.changed) args.io.out(t.changed(item.name, fields.map((f) => c.fields[f] ?? f).join('、')));
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) args.io.out(t.unchanged);
  args.io.out(t.restart);
  return 0;
}

function refuseOverwrite(args: Args): boolean {
  if (!args.force && existsSync(args.file!)) {
    args.io.err(t.outputExists(args.file!));
    return true;
  }
  return false;
}

function write(io: CliIo, path: string, data: Buffer | string): boolean {
  try {
    writeFileSync(path, data);
    return true;
  } catch (error) {
    io.err(t.writeFailed(path, (error as Error).message));
    return false;
  }
}

async function template(args: Args): Promise<number> {
  if (extname(args.file!).toLowerCase() !== '.xlsx') {
    args.io.err(t.templateOnlyXlsx(args.file!));
    return 2;
  }
  if (refuseOverwrite(args)) return 1;
  // One example: a handled item of the shipped catalogue that shows every kind of column, accepted ID types included.
  const items = loadDefaultCatalogue().catalogue.items.filter((item) => !isReferred(item));
  const example = items.find((item) => item.acceptedIdTypes) ?? items[0]!;
  if (!write(args.io, args.file!, await writeCatalogueXlsx({ version: 1, items: [example] }))) return 1;
  args.io.out(t.templateWritten(args.file!));
  return 0;
}

async function exportFile(args: Args): Promise<number> {
  const ext = extname(args.file!).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.json') {
    args.io.err(t.badOutputType(args.file!));
    return 2;
  }
  if (refuseOverwrite(args)) return 1;
  const loaded = loadCatalogue(args.dataDir);
  const data = ext === '.json' ? `${JSON.stringify(loaded.catalogue, null, 2)}\n` : await writeCatalogueXlsx(loaded.catalogue);
  if (!write(args.io, args.file!, data)) return 1;
  args.io.out(t.exported(args.file!, c.sourceLabels[loaded.source], summary(loaded.catalogue)));
  return 0;
}

/** `npm run --silent catalogue -- …` and the installed app's `--catalogue …`: resolves with the exit status. */
export async function runCatalogueCommand(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const commands: Record<string, (args: Args) => Promise<number>> = { check, import: importFile, template, export: exportFile };
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(t.usage);
    return command === undefined ? 2 : 0;
  }
  const run = commands[command];
  if (!run) {
    io.err(`${t.unknownCommand(command)}\n${t.usage}`);
    return 2;
  }
  const args = parseArgs(rest, io);
  if (!args.file) {
    io.err(t.fileNeeded(command));
    return 2;
  }
  return run(args);
}

