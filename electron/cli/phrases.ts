/**
 * `npm run --silent phrases -- <command>`: the phrase tools for a centre's
 * administrators. A thin wrapper over shared/domain/phrases and the
 * catalogue loader.
 *
 *   check      sentences on stdin, one per line → one JSON object per line:
 *              {"text","flagged","matches","suggestion","triggers","norms"}
 *   validate   checks default.json and the data directory's phrases.json;
 *              exit status 1 when there is a problem
 *   list [环节] the phrases in effect, gaps marked
 *
 * `--data-dir DIR` (or COUNTER_DATA_DIR) chooses the data directory.
 */
import { createInterface } from 'node:readline';
import { checkForbidden, type GuardResult } from '../../shared/domain/phrases/forbidden-guard';
import { phrasesForStage } from '../../shared/domain/phrases/fill';
import { PHRASE_STAGES, type PhraseStage } from '../../shared/domain/phrases/schema';
import { strings } from '../../shared/i18n';
import { describePhraseIssue, loadPhraseCatalogue } from '../services/phrases/phrase-catalogue';
import { dataDirArg, positionalArgs, runCli } from './run-cli';

const t = strings.phraseGuard;

/** The line printed for one sentence. */
function checkLine(text: string): Record<string, unknown> {
  const result: GuardResult = checkForbidden(text);
  return {
    text,
    flagged: result.flagged,
    matches: result.matches.map((m) => m.phrase.text),
    suggestion: result.suggestion,
    triggers: result.spans.map((span) => span.text),
    norms: result.matches.map((m) => t.normRef(t.norms[m.phrase.norm], m.phrase.article)),
  };
}

async function check(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let first = true;
  for await (const raw of lines) {
    const line = first ? raw.replace(/^\uFEFF/, '') : raw;
    first = false;
    if (line.trim() === '') continue;
    process.stdout.write(`${JSON.stringify(checkLine(line))}\n`);
  }
  return 0;
}

function validate(args: string[]): number {
  const dir = dataDirArg(args);
  const loaded = loadPhraseCatalogue(dir);
  if (loaded.issues.length === 0) {
    process.stdout.write(`${t.cli.valid(loaded.phrases.filter((p) => !p.disabled).length, dir)}\n`);
    return 0;
  }
  process.stdout.write(`${t.cli.invalid(loaded.issues.length)}\n`);
  for (const issue of loaded.issues) process.stdout.write(`  ${describePhraseIssue(issue)}\n`);
  return 1;
}

function list(args: string[]): number {
  const [wanted] = positionalArgs(args);
  if (wanted !== undefined && !(PHRASE_STAGES as readonly string[]).includes(wanted)) {
    process.stderr.write(`${t.cli.badStage(wanted, PHRASE_STAGES.join('、'))}\n`);
    return 2;
  }
  const loaded = loadPhraseCatalogue(dataDirArg(args));
  const stages = wanted === undefined ? PHRASE_STAGES : [wanted as PhraseStage];
  for (const stage of stages) {
    for (const phrase of phrasesForStage(loaded.phrases, stage)) process.stdout.write(`${stage}\t${phrase.id}\t${phrase.filled}\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check();
    case 'validate':
      return validate(rest);
    case 'list':
      return list(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${t.cli.usage}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`${t.cli.unknownCommand(command)}\n${t.cli.usage}\n`);
      return 2;
  }
}

runCli(main);
