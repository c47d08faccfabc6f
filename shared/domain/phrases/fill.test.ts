import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import defaultCatalogue from '../../../resources/phrases/default.json';
import {
  fillPhrase,
  fillTemplate,
  formatSlotValue,
  phrasesForStage,
  segmentsToText,
  slotsOf,
  toChinesePunctuation,
  type PhraseContext,
} from './fill';
import { PHRASE_STAGES, PhraseSchema, SLOT_NAMES, type Phrase } from './schema';
import { stageForCase } from './stage';
import { strings } from '../../i18n';

const zh = strings.phraseCatalogue;

const catalogue: Phrase[] = defaultCatalogue.phrases.map((p) => PhraseSchema.parse(p));
const byId = (id: string): Phrase => {
  const found = catalogue.find((p) => p.id === id);
  if (!found) throw new Error(`no phrase ${id}`);
  return found;
};

const phrase = (overrides: Partial<Phrase> & Pick<Phrase, 'id' | 'text'>): Phrase => ({ stage: '问候', ...overrides });

describe('slotsOf', () => {
  it('lists the known slots of a template in order, each once', () => {
    expect(slotsOf('根据{lawBasis}要求,请您提供{requiredMaterials}等资料,{lawBasis}')).toEqual(['lawBasis', 'requiredMaterials']);
    expect(slotsOf('请稍等')).toEqual([]);
    expect(slotsOf('{nope}{itemName}')).toEqual(['itemName']);
  });
});

describe('formatSlotValue', () => {
  it('writes text as given, trimmed, and refuses empty or punctuation-only values', () => {
    expect(formatSlotValue('itemName', '  企业设立登记 ')).toBe('企业设立登记');
    expect(formatSlotValue('itemName', '个体\n工商户  登记')).toBe('个体 工商户 登记');
    expect(formatSlotValue('itemName', '')).toBeNull();
    expect(formatSlotValue('itemName', '   ')).toBeNull();
    expect(formatSlotValue('itemName', '……')).toBeNull();
    expect(formatSlotValue('itemName', null)).toBeNull();
    expect(formatSlotValue('itemName', undefined)).toBeNull();
    expect(formatSlotValue('itemName', ['a'])).toBeNull();
  });

  it('joins a list with 、, dropping empty and repeated items', () => {
    expect(formatSlotValue('missingMaterials', ['营业执照副本', ' 公司章程 ', '', '营业执照副本'])).toBe('营业执照副本、公司章程');
    expect(formatSlotValue('missingMaterials', [])).toBeNull();
    expect(formatSlotValue('missingMaterials', ['', '  '])).toBeNull();
    expect(formatSlotValue('missingMaterials', '户口簿')).toBe('户口簿');
  });

  it('gives a window number 号 and leaves a named window as it is', () => {
    expect(formatSlotValue('targetWindow', '3')).toBe('3号');
    expect(formatSlotValue('targetWindow', 12)).toBe('12号');
    expect(formatSlotValue('targetWindow', 'A05')).toBe('A05号');
    expect(formatSlotValue('targetWindow', '社保')).toBe('社保');
    expect(formatSlotValue('targetWindow', '3号')).toBe('3号');
    expect(formatSlotValue('targetWindow', '3号窗口')).toBe('3号');
    expect(formatSlotValue('targetWindow', '窗口')).toBeNull();
  });

  it('writes a real calendar date as M月D日 and refuses anything else', () => {
    expect(formatSlotValue('dueDate', '2025-03-15')).toBe('3月15日');
    expect(formatSlotValue('dueDate', '20251201')).toBe('12月1日');
    expect(formatSlotValue('dueDate', '2025-03-15T08:00:00.000Z')).toBe('3月15日');
    expect(formatSlotValue('dueDate', '2024-02-29')).toBe('2月29日');
    expect(formatSlotValue('dueDate', '2025-02-29')).toBeNull();
    expect(formatSlotValue('dueDate', '2025-02-30')).toBeNull();
    expect(formatSlotValue('dueDate', '2025-13-01')).toBeNull();
    expect(formatSlotValue('dueDate', '明天')).toBeNull();
    expect(formatSlotValue('dueDate', 20250315)).toBeNull();
  });

  it('takes a whole positive number of days only', () => {
    expect(formatSlotValue('days', 15)).toBe('15');
    expect(formatSlotValue('workingDays', '5')).toBe('5');
    expect(formatSlotValue('days', 0)).toBeNull();
    expect(formatSlotValue('days', -3)).toBeNull();
    expect(formatSlotValue('days', 2.5)).toBeNull();
    expect(formatSlotValue('days', Number.NaN)).toBeNull();
    expect(formatSlotValue('days', '5天')).toBeNull();
    expect(formatSlotValue('days', 4000)).toBeNull();
  });
});

describe('toChinesePunctuation', () => {
  it('turns the spec’s ASCII punctuation into Chinese punctuation', () => {
    expect(toChinesePunctuation('您好!请坐,请问您要办理什么业务?')).toBe('您好！请坐，请问您要办理什么业务？');
    expect(toChinesePunctuation('对不起,电脑出现故障(或网络不好),正在检修,请稍等。')).toBe('对不起，电脑出现故障（或网络不好），正在检修，请稍等。');
    expect(toChinesePunctuation('您好,这里是某某窗口,请讲.')).toBe('您好，这里是某某窗口，请讲。');
    expect(toChinesePunctuation('请您到......窗口')).toBe('请您到……窗口');
    expect(toChinesePunctuation('(或:在…个工作日内回复您)')).toBe('（或：在…个工作日内回复您）');
  });
  it('leaves a decimal point alone', () => {
    expect(toChinesePunctuation('第3.2条')).toBe('第3.2条');
  });
});

describe('fillTemplate', () => {
  it('fills known slots and keeps unknown ones as gaps with their label', () => {
    const { segments, missing } = fillTemplate('根据{lawBasis}要求,请您提供{requiredMaterials}等资料,谢谢!', {
      requiredMaterials: ['身份证', '户口簿'],
    });
    expect(missing).toEqual(['lawBasis']);
    expect(segments).toEqual([
      { kind: 'text', text: '根据' },
      { kind: 'slot', slot: 'lawBasis', label: '依据', value: null },
      { kind: 'text', text: '要求，请您提供' },
      { kind: 'slot', slot: 'requiredMaterials', label: '所需材料', value: '身份证、户口簿' },
      { kind: 'text', text: '等资料，谢谢！' },
    ]);
    expect(segmentsToText(segments)).toBe('根据【依据】要求，请您提供身份证、户口簿等资料，谢谢！');
  });

  it('never converts the punctuation of a filled value', () => {
    const { segments } = fillTemplate('根据{lawBasis}要求,', { lawBasis: '《条例》第3.2条(试行),附件' });
    expect(segmentsToText(segments)).toBe('根据《条例》第3.2条(试行),附件要求，');
  });

  it('does not expand braces inside a value', () => {
    const { segments } = fillTemplate('您的{itemName}资料', { itemName: '{dueDate}' });
    expect(segmentsToText(segments)).toBe('您的{dueDate}资料');
  });
});

describe('fillPhrase', () => {
  it('fills the norms’ 退回 phrase with the actual missing materials', () => {
    const filled = fillPhrase(byId('zmd.return.incomplete'), { missingMaterials: ['房屋租赁合同', '营业执照副本复印件'] });
    expect(filled.complete).toBe(true);
    expect(filled.filled).toBe('很抱歉，您提供的资料不全，还缺房屋租赁合同、营业执照副本复印件，请补齐后再来。');
    expect(filled.text).toBe('很抱歉,您提供的资料不全,还缺......,请补齐后再来。');
  });

  it('gives the real promised date in 告别, or the working days when only those are known', () => {
    const farewell = byId('zmd.farewell.result');
    expect(fillPhrase(farewell, { dueDate: '2025-03-15' }).filled).toBe(
      '您的申请我们已受理，办理结果将于3月15日前通知您，请留下您的联系方式以便及时通知。再见！您慢走！',
    );
    expect(fillPhrase(farewell, { workingDays: 5 }).filled).toBe(
      '您的申请我们已受理，办理结果将在5个工作日内回复您，请留下您的联系方式以便及时通知。再见！您慢走！',
    );
    // Both known: the norm's first wording wins.
    expect(fillPhrase(farewell, { dueDate: '2025-03-15', workingDays: 5 }).filled).toContain('3月15日前');
  });

  it('shows an unknown gap visibly, never a value of another slot', () => {
    const filled = fillPhrase(byId('zmd.greet.redirect'), { windowNumber: '01', centreName: '示例市政务服务中心' });
    expect(filled.complete).toBe(false);
    expect(filled.missing).toEqual(['targetWindow']);
    expect(filled.filled).toBe('请您到【窗口号】窗口办理此项业务！');
    expect(filled.filled).not.toContain('01');
  });

  it('uses an alternative wording whose slots are known', () => {
    const filled = fillPhrase(byId('zmd.greet.redirect'), { department: '不动产登记' });
    expect(filled.filled).toBe('请您到不动产登记窗口办理此项业务！');
    expect(fillPhrase(byId('zmd.greet.redirect'), { targetWindow: '5', department: '不动产登记' }).filled).toBe(
      '请您到5号窗口办理此项业务！',
    );
  });

  it('takes the wording with the fewest gaps when none is complete', () => {
    const p = phrase({ id: 'x', text: 'a', template: '{itemName}{dueDate}{days}', alternatives: ['{itemName}{lawBasis}', '{formName}'] });
    expect(fillPhrase(p, {}).missing).toEqual(['formName']);
    expect(fillPhrase(p, { itemName: '甲' }).missing).toEqual(['lawBasis']);
  });

  it('fills the phone greeting from the counter’s configuration', () => {
    const filled = fillPhrase(byId('gd.phone.greet'), { centreName: '示例市政务服务中心', windowNumber: '12' });
    expect(filled.filled).toBe('您好，这里是示例市政务服务中心12号窗口，请讲。');
  });

  it('reports the cues a phrase fits', () => {
    expect(fillPhrase(byId('zmd.accept.sorry-wait'), { cues: ['longWait', 'payment'] }).matchedCues).toEqual(['longWait']);
    expect(fillPhrase(byId('zmd.accept.sorry-wait'), {}).matchedCues).toEqual([]);
  });

  it('keeps a usage note of the norm out of what is said', () => {
    const filled = fillPhrase(byId('zmd.reception.apology'));
    expect(filled.text.startsWith('(工作出现差错时)')).toBe(true);
    expect(filled.filled).toBe('对不起，是我不对，请原谅，欢迎您多提宝贵意见！');
  });

  it('whatever the context, shows only values of the right slot, and no braces', () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer({ min: -5, max: 5000 }),
      fc.array(fc.string(), { maxLength: 4 }),
      fc.constantFrom('2025-03-15', '2025-02-30', '3', '社保', ''),
      fc.constant(null),
    );
    const context = fc.dictionary(fc.constantFrom(...SLOT_NAMES), value) as fc.Arbitrary<PhraseContext>;
    fc.assert(
      fc.property(fc.constantFrom(...catalogue), context, (p, ctx) => {
        const filled = fillPhrase(p, ctx);
        for (const segment of filled.segments) {
          if (segment.kind !== 'slot') continue;
          expect(segment.value).toBe(formatSlotValue(segment.slot, ctx[segment.slot]));
        }
        expect(filled.complete).toBe(filled.missing.length === 0);
        for (const slot of filled.missing) expect(filled.filled).toContain(zh.gap(zh.slots[slot]));
        const literal = filled.segments.filter((s) => s.kind === 'text').map((s) => s.text).join('');
        expect(literal).not.toMatch(/[{}]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('phrasesForStage', () => {
  it('puts the greeting first when no case is open', () => {
    const greet = phrasesForStage(catalogue, '问候', { windowNumber: '01' });
    expect(greet[0]?.filled).toBe('您好！请坐，请问您要办理什么业务？');
    expect(greet.every((p) => p.stage === '问候')).toBe(true);
    // The redirect needs a window this counter does not know yet: it comes after the complete ones.
    expect(greet.at(-1)?.id).toBe('zmd.greet.redirect');
  });

  it('puts complete phrases before those with gaps, fewer gaps first', () => {
    const accept = phrasesForStage(catalogue, '受理', {});
    expect(accept.map((p) => p.missing.length)).toEqual([...accept.map((p) => p.missing.length)].sort((a, b) => a - b));
    expect(accept[0]?.complete).toBe(true);
  });

  it('brings the phrase of the situation first', () => {
    const accept = phrasesForStage(catalogue, '受理', { cues: ['longWait'] });
    expect(accept[0]?.id).toBe('zmd.accept.sorry-wait');
    const returned = phrasesForStage(catalogue, '退回', { cues: ['formError'] });
    expect(returned[0]?.id).toBe('zmd.return.form-error');
    const incomplete = phrasesForStage(catalogue, '退回', { cues: ['materialsIncomplete'], missingMaterials: ['公司章程'] });
    expect(incomplete[0]?.filled).toBe('很抱歉，您提供的资料不全，还缺公司章程，请补齐后再来。');
  });

  it('offers the system-fault prompts for a short and for a long fault', () => {
    const short = phrasesForStage(catalogue, '系统故障', { cues: ['faultShort'] });
    expect(short[0]?.filled).toBe('对不起，电脑出现故障（或网络不好），正在检修，请稍等。');
    const long = phrasesForStage(catalogue, '系统故障', { cues: ['faultLong'] });
    expect(long[0]?.id).toBe('centre.fault.long');
    expect(long[0]?.filled).toContain('请留下您的电话号码');
    expect(long.map((p) => p.id)).toContain('zmd.handle.fault');
    // Borrowed phrases report the stage they are shown in.
    expect(long.every((p) => p.stage === '系统故障')).toBe(true);
  });

  it('leaves out disabled phrases and includes phrases borrowed from another stage', () => {
    const phrases: Phrase[] = [
      phrase({ id: 'a', text: '甲' }),
      phrase({ id: 'b', text: '乙', disabled: true }),
      phrase({ id: 'c', text: '丙', stage: '办理', alsoIn: ['问候'] }),
      phrase({ id: 'd', text: '丁', stage: '办理' }),
    ];
    expect(phrasesForStage(phrases, '问候').map((p) => p.id)).toEqual(['a', 'c']);
    expect(phrasesForStage(phrases, '办理').map((p) => p.id)).toEqual(['c', 'd']);
  });

  it('keeps the catalogue order among equals, and puts unmet situations after general phrases', () => {
    const phrases: Phrase[] = [
      phrase({ id: 'situational', text: '甲', fits: ['longWait'] }),
      phrase({ id: 'one', text: '乙' }),
      phrase({ id: 'two', text: '丙' }),
    ];
    expect(phrasesForStage(phrases, '问候').map((p) => p.id)).toEqual(['one', 'two', 'situational']);
    expect(phrasesForStage(phrases, '问候', { cues: ['longWait'] }).map((p) => p.id)).toEqual(['situational', 'one', 'two']);
  });

  it('has phrases for every stage in the default catalogue', () => {
    for (const stage of PHRASE_STAGES) expect(phrasesForStage(catalogue, stage).length, stage).toBeGreaterThan(0);
  });
});

describe('stageForCase', () => {
  it('is 问候 without a case or an applicant, 受理 once the applicant is identified', () => {
    expect(stageForCase(null)).toBe('问候');
    expect(stageForCase(undefined)).toBe('问候');
    expect(stageForCase({ applicant: null })).toBe('问候');
    expect(stageForCase({ applicant: { name: '张三' } })).toBe('受理');
  });
});
