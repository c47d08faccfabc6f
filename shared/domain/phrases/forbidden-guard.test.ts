import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import defaultCatalogue from '../../../resources/phrases/default.json';
import { templateOf } from './fill';
import { FORBIDDEN_PHRASES, GUARD_RULES, checkForbidden } from './forbidden-guard';
import { GUARD_CORPUS } from './guard-corpus';
import { normaliseForGuard } from './normalise';

/** norms.md §4, verbatim, in order: Zhumadian 60, Guandu 3.8, Ningbo 5.5.2. */
const NORMS_SECTION_4 = [
  '还没上班,等等,上班再办!',
  '没叫你的号,谁叫你挤进来的!',
  '不知道,你别问我!',
  '墙上贴着呢,你自己看看,就知道了。',
  '不归我管,问别人去。',
  '不是已经给您说了吗?怎么还不清楚!',
  '不会填,找其他人去。',
  '急什么,这不是系统问题吗,我也急!',
  '瞎说什么,没看见我一直在忙吗?',
  '有意见,找领导去。',
  '我不知道,你去问别人',
  '急什么,没看我正忙着吗',
  '快点,我要下班了',
  '你去投诉好了',
  '不知道',
  '急什么,没看见我一直忙着吗',
  '不是我这里办',
  '不是告诉你了吗?怎么还不明白',
  '你懂还是我懂',
  '谁叫你这么晚来的',
  '我就这态度,你又能怎样',
  '你去告啊,随便告哪都行',
  '你问我,我问谁',
  '这事我办不了,去找我们领导',
  '是听我的还是听你的',
];

const flagged = (text: string) => checkForbidden(text).flagged;
const firstPhrase = (text: string) => checkForbidden(text).matches[0]?.phrase.text;

describe('the forbidden phrases', () => {
  it('are every forbidden phrase of the three norms, verbatim', () => {
    // The spec ends two lists with an English full stop; it is kept, as in the standard phrases.
    expect(FORBIDDEN_PHRASES.map((p) => p.text.replace(/\.$/, ''))).toEqual(NORMS_SECTION_4);
    expect(FORBIDDEN_PHRASES.filter((p) => p.norm === 'zhumadian')).toHaveLength(10);
    expect(FORBIDDEN_PHRASES.filter((p) => p.norm === 'guandu')).toHaveLength(4);
    expect(FORBIDDEN_PHRASES.filter((p) => p.norm === 'ningbo')).toHaveLength(11);
  });

  it('each is flagged as itself, with Chinese or ASCII punctuation', () => {
    for (const phrase of FORBIDDEN_PHRASES) {
      for (const text of [phrase.text, phrase.text.replace(/,/g, '，').replace(/!/g, '！').replace(/\?/g, '？')]) {
        const result = checkForbidden(text);
        expect(result.flagged, text).toBe(true);
        expect(result.matches[0]?.phrase.id, text).toBe(phrase.id);
      }
    }
  });

  it('each rule belongs to known phrases and each phrase has a rule besides the exact form', () => {
    const ids = new Set(FORBIDDEN_PHRASES.map((p) => p.id));
    for (const rule of GUARD_RULES) for (const id of rule.phrases) expect(ids.has(id), `${rule.id} → ${id}`).toBe(true);
    for (const phrase of FORBIDDEN_PHRASES) {
      expect(
        GUARD_RULES.some((r) => r.phrases.includes(phrase.id)),
        phrase.id,
      ).toBe(true);
    }
  });

  it('suggests a standard phrase of the default catalogue, word for word', () => {
    const texts = new Map(defaultCatalogue.phrases.map((p) => [p.id, p.text]));
    for (const phrase of FORBIDDEN_PHRASES) expect(texts.get(phrase.suggestionId), phrase.id).toBe(phrase.suggestionText);
  });
});

describe('checkForbidden', () => {
  it('does not flag the honest sentences that share words with a forbidden phrase', () => {
    for (const text of [
      '不知道是否需要原件',
      '请您到3号窗口办理此项业务',
      '这项业务不在本窗口办理，请到5号窗口',
      '我帮您问问别人，请稍等',
      '我去找领导请示一下',
      '您着急什么时候要？可以加急',
      '如对服务不满意，您可以拨打12345投诉',
      '请您告诉我您的电话',
      '不会填没关系，我帮您填',
      '还没叫到您的号，请您在休息区稍候',
      '您的户籍不归属本辖区管理，请到户籍所在地办理',
      '这不是系统问题，是材料缺少签字',
      '我们不管多晚都会帮您办完',
    ]) {
      const result = checkForbidden(text);
      expect(result, text).toMatchObject({ flagged: false, matches: [], spans: [], suggestion: null });
    }
  });

  it('catches the close variants the norms mean', () => {
    expect(firstPhrase('这个不归我们管')).toBe('不归我管,问别人去。');
    expect(firstPhrase('您这个业务办不了，不归我管，您去别的窗口问问吧')).toBe('不归我管,问别人去。');
    expect(firstPhrase('你去投诉吧')).toBe('你去投诉好了.');
    expect(firstPhrase('急啥')).toMatch(/^急什么/);
    expect(firstPhrase('不是我们这儿办的')).toBe('不是我这里办');
    expect(firstPhrase('不是跟您说过了吗')).toBe('不是已经给您说了吗?怎么还不清楚!');
    expect(firstPhrase('有本事你去告啊')).toBe('你去告啊,随便告哪都行');
    expect(firstPhrase('谁让你这么晚才来')).toBe('谁叫你这么晚来的');
    expect(firstPhrase('我就是这个态度，你能拿我怎么样')).toBe('我就这态度,你又能怎样');
  });

  it('tells a dismissive 不知道 from a question', () => {
    expect(flagged('不知道。')).toBe(true);
    expect(flagged('我也不知道啊')).toBe(true);
    expect(flagged('这个我真不知道')).toBe(true);
    expect(flagged('我哪知道')).toBe(true);
    expect(flagged('不知道您带原件了吗')).toBe(false);
    expect(flagged('如果您不知道怎么填，我来帮您')).toBe(false);
    expect(flagged('您是否知道办理地点')).toBe(false);
  });

  it('is robust to spacing, full-width and traditional characters, and zero-width characters', () => {
    for (const text of ['不 归 我 管', '不　归　我　管', '不\u200b归我\u200b管', '不歸我管', '這個不歸我們管', 'ＢＵ不归我管ＯＫ']) {
      expect(firstPhrase(text), text).toBe('不归我管,问别人去。');
    }
  });

  it('reports the span that triggered, in the text as typed', () => {
    const text = '您的材料我看了，这个　不歸我們管，麻烦您去问别人吧。';
    const result = checkForbidden(text);
    expect(result.spans.map((s) => s.text)).toEqual(['不歸我們管', '您去问别人']);
    for (const span of result.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(result.suggestion).toBe('请您到……窗口办理此项业务！');
    expect(result.suggestionId).toBe('zmd.greet.redirect');
  });

  it('finds every forbidden phrase of a text, in order', () => {
    const result = checkForbidden('快点，我要下班了！有意见，找领导去。');
    expect(result.matches.map((m) => m.phrase.id)).toEqual(['gd.3', 'zmd.10']);
    expect(result.suggestion).toBe('现在为您办理，请稍候。');
  });

  it('reports a phrase inside another forbidden phrase once, as the longer one', () => {
    expect(checkForbidden('不知道，你别问我！').matches.map((m) => m.phrase.id)).toEqual(['zmd.3']);
  });

  it('finds a forbidden phrase inside any longer acceptable text', () => {
    const acceptable = GUARD_CORPUS.filter((s) => !s.forbidden).map((s) => s.text);
    fc.assert(
      fc.property(
        fc.constantFrom(...acceptable),
        fc.constantFrom(...FORBIDDEN_PHRASES),
        fc.constantFrom('', '，', '。', ' '),
        fc.constantFrom(...acceptable),
        (before, phrase, separator, after) => {
          // A bare 不知道 run into the next words (不知道您…) is a question; the short ones get their full stop.
          const glue = normaliseForGuard(phrase.text).text.length < 5 ? '。' : separator;
          const result = checkForbidden(`${before}${phrase.text}${glue}${after}`);
          expect(result.matches.map((m) => m.phrase.id)).toContain(phrase.id);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps flagging a forbidden phrase with spaces and full-width characters sprinkled in', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORBIDDEN_PHRASES), fc.infiniteStream(fc.constantFrom('', '', ' ', '\u3000', '\t')), (phrase, gaps) => {
        const text = [...phrase.text]
          .map((ch) => String.fromCharCode(ch.charCodeAt(0) >= 0x21 && ch.charCodeAt(0) <= 0x7e ? ch.charCodeAt(0) + 0xfee0 : ch.charCodeAt(0)))
          .map((ch) => ch + gaps.next().value)
          .join('');
        expect(checkForbidden(text).matches.map((m) => m.phrase.id)).toContain(phrase.id);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws and keeps every span inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const result = checkForbidden(text);
        expect(result.flagged).toBe(result.matches.length > 0);
        for (const span of result.spans) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(span.end).toBeGreaterThan(span.start);
          expect(text.slice(span.start, span.end)).toBe(span.text);
        }
      }),
      { numRuns: 500 },
    );
    expect(checkForbidden('')).toMatchObject({ flagged: false, matches: [] });
    expect(checkForbidden('？？！！')).toMatchObject({ flagged: false });
  });

  it('does not flag any phrase of the default catalogue', () => {
    for (const phrase of defaultCatalogue.phrases) {
      expect(flagged(phrase.text), phrase.id).toBe(false);
      expect(flagged(templateOf(phrase).replace(/\{\w+\}/g, '，')), phrase.id).toBe(false);
    }
  });
});

describe('normaliseForGuard', () => {
  it('maps width, spacing, punctuation and variants to one form', () => {
    expect(normaliseForGuard('您好！　请 坐，，请问？').text).toBe('你好/请坐/请问');
    expect(normaliseForGuard('急啥？咋办').text).toBe('急什么/怎么办');
    expect(normaliseForGuard('咱们这儿 點兒').text).toBe('我们这里点');
    expect(normaliseForGuard('！！开头和结尾。。').text).toBe('开头和结尾');
    expect(normaliseForGuard('ＡＢＣ１２３').text).toBe('abc123');
  });

  it('maps each normalised character back to where it was typed', () => {
    const original = '急 啥，您';
    const n = normaliseForGuard(original);
    expect(n.text).toBe('急什么/你');
    // 什 and 么 both come from 啥.
    expect([n.from[1], n.to[1], n.from[2], n.to[2]]).toEqual([2, 3, 2, 3]);
    expect(original.slice(n.from[4], n.to[4])).toBe('您');
  });
});
