import { describe, expect, it } from 'vitest';
import defaultCatalogue from '../../../resources/phrases/default.json';
import { phrasesForStage } from '../phrases/fill';
import { PhraseSchema, type Phrase, type PhraseStage } from '../phrases/schema';
import { specialPrompts, type SpecialFacts } from './special';

const catalogue: Phrase[] = defaultCatalogue.phrases.map((p) => PhraseSchema.parse(p));
const facts = (over: Partial<SpecialFacts> = {}): SpecialFacts => ({
  stage: '问候',
  priority: { on: false, reason: null },
  applicantAge: null,
  elderlyAge: 60,
  longWait: null,
  longWaitThreshold: 20,
  ...over,
});
const firstText = (stage: PhraseStage, cues: ReturnType<typeof specialPrompts>['cues']) =>
  phrasesForStage(catalogue, stage, { cues })[0]?.text;

describe('specialPrompts', () => {
  it('is empty for an ordinary case and without a case', () => {
    expect(specialPrompts(facts())).toEqual({ prompts: [], cues: [] });
    expect(specialPrompts(facts({ priority: null, applicantAge: 80 }))).toEqual({ prompts: [], cues: [] });
  });

  it('shows the green channel with its category, at every stage, and cues its phrase', () => {
    for (const stage of ['问候', '受理', '告别'] as const) {
      expect(specialPrompts(facts({ stage, priority: { on: true, reason: '孕期妇女' } }))).toEqual({
        prompts: [{ kind: 'priority', category: 'pregnant', reason: '孕期妇女' }],
        cues: ['priority'],
      });
    }
  });

  it('offers the 老年人 mark from the configured age, never marks it itself', () => {
    expect(specialPrompts(facts({ applicantAge: 59 })).prompts).toEqual([]);
    expect(specialPrompts(facts({ applicantAge: 60 }))).toEqual({ prompts: [{ kind: 'suggestElderly', age: 60, threshold: 60 }], cues: [] });
    expect(specialPrompts(facts({ applicantAge: 66, elderlyAge: 65 })).prompts).toEqual([{ kind: 'suggestElderly', age: 66, threshold: 65 }]);
    expect(specialPrompts(facts({ applicantAge: 64, elderlyAge: 65 })).prompts).toEqual([]);
  });

  it('does not offer the mark once the case is priority (for whatever reason)', () => {
    expect(specialPrompts(facts({ applicantAge: 80, priority: { on: true, reason: '残疾人', category: 'disabled' } })).prompts).toEqual([
      { kind: 'priority', category: 'disabled', reason: '残疾人' },
    ]);
  });

  it('notes a long wait while greeting and accepting, not after', () => {
    const longWait = { source: 'previousCase' as const, minutes: 32 };
    for (const stage of ['问候', '受理'] as const) {
      expect(specialPrompts(facts({ stage, longWait }))).toEqual({
        prompts: [{ kind: 'longWait', source: 'previousCase', minutes: 32, threshold: 20 }],
        cues: ['longWait'],
      });
    }
    for (const stage of ['接收', '退回', '回执', '告别'] as const) expect(specialPrompts(facts({ stage, longWait }))).toEqual({ prompts: [], cues: [] });
  });

  it('lists priority before the long wait', () => {
    const result = specialPrompts(facts({ priority: { on: true, reason: null }, longWait: { source: 'ticket', minutes: 40 } }));
    expect(result.prompts.map((p) => p.kind)).toEqual(['priority', 'longWait']);
    expect(result.cues).toEqual(['priority', 'longWait']);
  });
});

describe('the fitting phrase first (default catalogue)', () => {
  it('an ordinary greeting leads with the welcome, the apology for waiting last', () => {
    const texts = phrasesForStage(catalogue, '问候', { cues: [] }).map((p) => p.text);
    expect(texts[0]).toBe('您好!请坐,请问您要办理什么业务?');
    // Situational without its situation: after every general phrase that is complete.
    expect(texts.indexOf('很抱歉,让您久等了。')).toBeGreaterThan(texts.indexOf('请您在休息区稍候,等待叫号办理。'));
    expect(texts.indexOf('很抱歉,让您久等了。')).toBeGreaterThan(texts.indexOf('您好,您要办什么业务'));
  });

  it('a priority citizen is greeted with 请稍候,我们马上为您办理!', () => {
    const { cues } = specialPrompts(facts({ priority: { on: true, reason: '老年人' } }));
    expect(firstText('问候', cues)).toBe('请稍候,我们马上为您办理!');
  });

  it('after a long wait, greeting and acceptance both lead with the apology', () => {
    for (const stage of ['问候', '受理'] as const) {
      const { cues } = specialPrompts(facts({ stage, longWait: { source: 'previousCase', minutes: 25 } }));
      expect(firstText(stage, cues)).toBe('很抱歉,让您久等了。');
    }
  });

  it('a priority citizen who also waited long hears the apology and the promise first, both leading', () => {
    const { cues } = specialPrompts(facts({ priority: { on: true, reason: null }, longWait: { source: 'previousCase', minutes: 25 } }));
    const texts = phrasesForStage(catalogue, '问候', { cues }).map((p) => p.text);
    expect(texts.slice(0, 2).sort()).toEqual(['很抱歉,让您久等了。', '请稍候,我们马上为您办理!'].sort());
  });
});
