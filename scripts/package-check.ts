/**
 * `npm run package:check` (part of `npm test`): checks what the installers
 * would contain without an Electron binary — see scripts/package-check/run.ts
 * and docs/packaging.md. Prints one row per check and exits 1, with the
 * reasons, on any problem.
 *
 *   npm run package:check [-- --config FILE]
 */
import { join } from 'node:path';
import { formatTable, summary } from './package-check/report';
import { runPackageCheck } from './package-check/run';

const root = join(__dirname, '..');
const at = process.argv.indexOf('--config');
const configFile = at >= 0 ? process.argv[at + 1] : undefined;

void runPackageCheck({ root, configFile }).then(
  (rows) => {
    process.stdout.write(`${formatTable(rows)}\n`);
    const failed = rows.filter((r) => r.verdict === 'fail');
    if (failed.length) process.stdout.write(`\n失败原因 reasons:\n${failed.map((r) => `  - ${r.area} ${r.item}: ${r.detail}`).join('\n')}\n`);
    process.stdout.write(`${summary(rows)}\n`);
    process.exit(failed.length ? 1 : 0);
  },
  (error: unknown) => {
    process.stderr.write(`打包检查无法运行 package check could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
