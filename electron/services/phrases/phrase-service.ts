import type { CounterConfig, PhrasePrompts } from '../../../shared/contract';
import { phrasesForStage, type PhraseContext } from '../../../shared/domain/phrases/fill';
import type { PhraseCue, PhraseStage } from '../../../shared/domain/phrases/schema';
import { describePhraseIssue, loadPhraseCatalogue, type LoadedPhrases } from './phrase-catalogue';

/**
 * What the counter knows for filling phrases. The case workflow adds the
 * item, materials, due date… here when it records them; until then those
 * gaps stay visibly open rather than guessed.
 */
export function phraseContext(counter: CounterConfig['counter'], cues: readonly PhraseCue[] = []): PhraseContext {
  return {
    centreName: counter.centreName,
    windowNumber: counter.windowNumber,
    clerkName: counter.clerkName,
    cues,
  };
}

/** Loads the catalogue once (logging its problems) and answers getPhrases. */
export class PhraseService {
  private readonly loaded: LoadedPhrases;

  constructor(dataDir: string, private readonly counter: CounterConfig['counter'], log: (line: string) => void) {
    this.loaded = loadPhraseCatalogue(dataDir);
    for (const issue of this.loaded.issues) log(describePhraseIssue(issue));
  }

  /** `known` adds what the case and the service day know (item, materials, dates, the signed-in clerk); the special prompts are the caller's to add. */
  prompts(stage: PhraseStage, cues: readonly PhraseCue[] = [], known: PhraseContext = {}): Omit<PhrasePrompts, 'special'> {
    return {
      stage,
      phrases: phrasesForStage(this.loaded.phrases, stage, { ...phraseContext(this.counter, cues), ...known }),
      issues: this.loaded.issues,
    };
  }
}
