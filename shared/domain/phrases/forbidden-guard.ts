import { toChinesePunctuation } from './fill';
import { BOUNDARY, normaliseForGuard, type NormalisedText } from './normalise';

/**
 * The forbidden-phrase guard (服务忌语, norms.md §4): checks a free text the
 * citizen will read or hear (a rejection reason, a note on a slip, a
 * message, a centre's own phrase) against every forbidden phrase of the
 * three norms, and says which words triggered and which standard phrase to
 * use instead.
 *
 * Not a bag of words: the text is normalised (see normalise.ts), then each
 * rule looks for the *core* of a forbidden phrase with the fillers it may
 * carry (pronouns, particles, 都/已经…) and, where a core word is also
 * ordinary speech, with what makes it dismissive: 不知道 only as a whole
 * answer (不知道是否需要原件 is a question), 问别人 only as "go ask someone
 * else" (我帮您问问别人 is help), 急什么 but not 急什么时候.
 */

export type NormKey = 'zhumadian' | 'guandu' | 'ningbo';

export interface ForbiddenPhrase {
  id: string;
  norm: NormKey;
  /** The article of the norm, e.g. 60 or 5.5.2. */
  article: string;
  /** The norm's wording, verbatim. */
  text: string;
  /** The standard phrase to say instead: its catalogue id and its verbatim text. */
  suggestionId: string;
  suggestionText: string;
}

const REDIRECT = ['zmd.greet.redirect', '请您到......窗口办理此项业务!'] as const;
const QUEUE = ['zmd.greet.queue', '请您在休息区稍候,等待叫号办理。'] as const;
const MOMENT = ['zmd.greet.moment', '请稍候,我们马上为您办理!'] as const;
const NOW = ['zmd.handle.now', '现在为您办理,请稍候。'] as const;
const FAULT = ['zmd.handle.fault', '对不起,电脑出现故障(或网络不好),正在检修,请稍等。'] as const;
const OPINION = ['zmd.reception.opinion', '谢谢您的意见。有不妥的地方,请批评指正。'] as const;
const VERIFY = ['zmd.reception.verify', '您反映的情况我们将立即核实并尽快落实,谢谢您对我们工作的支持。'] as const;
const EXPLAIN = ['nb.reception.explain', '请您听我详细解释一下好吗'] as const;

function entry(id: string, norm: NormKey, article: string, text: string, [suggestionId, suggestionText]: readonly [string, string]): ForbiddenPhrase {
  return { id, norm, article, text, suggestionId, suggestionText };
}

/** Every forbidden phrase of norms.md §4, verbatim. */
export const FORBIDDEN_PHRASES: readonly ForbiddenPhrase[] = [
  entry('zmd.1', 'zhumadian', '60', '还没上班,等等,上班再办!', QUEUE),
  entry('zmd.2', 'zhumadian', '60', '没叫你的号,谁叫你挤进来的!', QUEUE),
  entry('zmd.3', 'zhumadian', '60', '不知道,你别问我!', VERIFY),
  entry('zmd.4', 'zhumadian', '60', '墙上贴着呢,你自己看看,就知道了。', EXPLAIN),
  entry('zmd.5', 'zhumadian', '60', '不归我管,问别人去。', REDIRECT),
  entry('zmd.6', 'zhumadian', '60', '不是已经给您说了吗?怎么还不清楚!', EXPLAIN),
  entry('zmd.7', 'zhumadian', '60', '不会填,找其他人去。', EXPLAIN),
  entry('zmd.8', 'zhumadian', '60', '急什么,这不是系统问题吗,我也急!', FAULT),
  entry('zmd.9', 'zhumadian', '60', '瞎说什么,没看见我一直在忙吗?', MOMENT),
  entry('zmd.10', 'zhumadian', '60', '有意见,找领导去。', OPINION),
  entry('gd.1', 'guandu', '3.8', '我不知道,你去问别人', VERIFY),
  entry('gd.2', 'guandu', '3.8', '急什么,没看我正忙着吗', MOMENT),
  entry('gd.3', 'guandu', '3.8', '快点,我要下班了', NOW),
  entry('gd.4', 'guandu', '3.8', '你去投诉好了.', OPINION),
  entry('nb.1', 'ningbo', '5.5.2', '不知道', VERIFY),
  entry('nb.2', 'ningbo', '5.5.2', '急什么,没看见我一直忙着吗', MOMENT),
  entry('nb.3', 'ningbo', '5.5.2', '不是我这里办', REDIRECT),
  entry('nb.4', 'ningbo', '5.5.2', '不是告诉你了吗?怎么还不明白', EXPLAIN),
  entry('nb.5', 'ningbo', '5.5.2', '你懂还是我懂', EXPLAIN),
  entry('nb.6', 'ningbo', '5.5.2', '谁叫你这么晚来的', NOW),
  entry('nb.7', 'ningbo', '5.5.2', '我就这态度,你又能怎样', OPINION),
  entry('nb.8', 'ningbo', '5.5.2', '你去告啊,随便告哪都行', OPINION),
  entry('nb.9', 'ningbo', '5.5.2', '你问我,我问谁', VERIFY),
  entry('nb.10', 'ningbo', '5.5.2', '这事我办不了,去找我们领导', VERIFY),
  entry('nb.11', 'ningbo', '5.5.2', '是听我的还是听你的.', EXPLAIN),
];

/**
 * Building blocks of the rules, written into patterns as {NAME}. The
 * patterns run on normalised text: no spaces, 您 is 你, 啥 is 什么, and any
 * punctuation is one "/".
 */
const MACROS: Record<string, string> = {
  /** Start of a clause. */
  S: `(?<=^|${BOUNDARY})`,
  /** End of a clause. */
  E: `(?=${BOUNDARY}|$)`,
  /** Optional punctuation between two parts of one phrase. */
  O: `${BOUNDARY}?`,
  /** Sentence-final particles, any number. */
  P: '(?:啊|呀|吧|呢|哦|嘛|吗|了|啦|哈|呗|哟|么|哪|咧|的)*',
  /** The clerk's side: I, we, this window, here. */
  WE: '(?:我们这里|我们这边|我们窗口|我们部门|我这里|我这边|本窗口|本部门|我们这|我这|这里|这边|我们|我)',
  YOU: '(?:你们|你)',
  /** Not after "I (go) / help you / for you": 我帮您问问别人, 我去找领导请示 are help, not dismissal. */
  NOTHELP: '(?<!我|帮|替|给|帮你|替你|给你|我来|我去)',
  /** Someone or somewhere else. */
  ELSE: '(?:别人|其他人|别的人|其他同事|别处|别的地方|别的窗口|其他窗口)',
};

function compile(source: string): RegExp {
  const expanded = source.replace(/\{([A-Z]+)\}/g, (whole, name: string) => MACROS[name] ?? whole);
  return new RegExp(expanded, 'gu');
}

interface Rule {
  id: string;
  /** The forbidden phrases this core belongs to, the closest first. */
  phrases: readonly string[];
  patterns: readonly RegExp[];
}

function rule(id: string, phrases: readonly string[], patterns: readonly string[]): Rule {
  return { id, phrases, patterns: patterns.map(compile) };
}

export const GUARD_RULES: readonly Rule[] = [
  rule('not-on-duty', ['zmd.1'], [
    '{S}(?:现在|我们|这会|人)?还没(?:有)?(?:到)?上班{P}{E}',
    '上班(?:了|以后|后|时间到了)?(?:再|才)(?:来)?办',
    '等(?:等|会|一会)?{O}上班(?:了)?再',
  ]),
  rule('not-your-number', ['zmd.2'], [
    '{S}没(?:叫|喊|轮)(?:到)?{YOU}(?:的)?号{P}{E}',
    '没(?:叫|喊|轮)(?:到)?{YOU}(?:的)?号(?:呢|啊)?{O}(?:谁|挤|插|往前|进来)',
    '谁(?:叫|让|允许){YOU}(?:挤|插队|插|进来|往前)',
    '挤什么(?:挤)?',
    '挤进来',
  ]),
  rule('dont-ask-me', ['zmd.3', 'gd.1', 'nb.1'], ['(?:别|不要|甭)(?:再)?问我']),
  rule('dont-know', ['nb.1', 'zmd.3', 'gd.1'], [
    '{S}(?:这个|这事|这|那个|那)?(?:我们|我)?(?:也|都|真|真的|确实|根本|压根)*不知道{P}{E}',
    '我(?:哪|哪里)(?:会)?知道',
    '{S}我(?:怎么|又怎么)(?:会)?知道{P}{E}',
    '{S}谁知道{P}{E}',
  ]),
  rule('read-the-wall', ['zmd.4'], [
    '墙上(?:都|不是|早就)?(?:贴|写|挂|公示)(?:着|了|的有)(?:呢|吗|嘛)',
    '墙上(?:都|早就)(?:贴|写|挂|公示)(?:着|了)',
    '{YOU}?自己(?:去)?看(?:看|一下)?(?:去|吧|呗)?{O}就(?:知道|明白|清楚)',
    '{S}{YOU}?自己(?:去)?看(?:看|一下|去)?{P}{E}',
  ]),
  rule('not-my-business', ['zmd.5', 'nb.3'], [
    '不归{WE}?(?:管|负责)',
    '不(?:是|关)(?:我|我们)(?:的)?事',
    '{WE}?管不着',
    '这(?:个|件)?(?:事情|事|业务|问题)?{WE}?不管{P}{E}',
  ]),
  rule('not-done-here', ['nb.3', 'zmd.5'], ['不是{WE}(?:办|管|负责)']),
  rule('ask-someone-else', ['zmd.5', 'gd.1', 'zmd.7'], [
    '{NOTHELP}{YOU}?(?:去|再去|自己去)(?:问|找)(?:问|找)?{ELSE}',
    '(?:问|找)(?:问|找)?(?:别人|其他人|别的人)去',
    '{S}{YOU}?(?:问|找)(?:问|找)?(?:别人|其他人|别的人)(?:去)?{P}{E}',
  ]),
  rule('already-told', ['zmd.6', 'nb.4'], [
    '不是(?:都|已经|早就|早|刚才|刚刚|跟你|给你|和你|对你)*(?:说|讲)(?:过)?(?:了)?(?:吗|嘛|么)',
    '不是(?:都|已经|早就|早|刚才|刚刚)*告诉(?:过)?{YOU}(?:过)?(?:了)?(?:吗|嘛|么)',
    '怎么(?:还|又)(?:是)?(?:不|没)(?:清楚|明白|懂|会|记住|听懂|搞懂|搞清楚)',
    '怎么(?:还|又)?听不(?:懂|明白)',
    '(?:说|讲|告诉你|告诉过你)(?:过)?(?:了)?(?:多少|好几|几|两|三|四|五|\\d+)(?:遍|次)(?:了)',
  ]),
  rule('cannot-fill', ['zmd.7'], ['不会填{O}(?:就|那就|你就)?(?:去)?找(?:别人|其他人|别的人)']),
  rule('what-hurry', ['gd.2', 'nb.2', 'zmd.8'], [
    '急(?:什么|个什么)(?!时候|时间|事|地方|材料|业务|证)',
    '(?:急|着急)(?:也|都)?(?:没用|没有用)',
  ]),
  rule('also-anxious', ['zmd.8'], ['我也(?:很|挺|一样)?急{P}{E}', '不是系统(?:的)?(?:问题|故障|坏了)(?:吗|嘛|么)']),
  rule('nonsense', ['zmd.9'], ['瞎(?:说|讲|扯|嚷|闹|吵|问|叫)', '胡说', '乱(?:说|讲)什么']),
  rule('busy', ['zmd.9', 'gd.2', 'nb.2'], [
    '没(?:看见|看到|瞧见|看|见)(?:我|我们)(?:一直|正|正在|都|在)*忙',
    '{S}(?:我|我们)(?:正|正在|现在|这会)?忙着呢{P}{E}',
  ]),
  rule('go-to-leader', ['zmd.10', 'nb.10'], [
    '有意见{O}(?:就|你就|你|那就)?(?:去)?找(?:我们|我的)?领导',
    '找(?:我们|我的)?领导去',
    '{NOTHELP}{YOU}?(?:就)?(?:去|再去)找(?:我们|我的)?领导',
    '{S}{YOU}?找(?:我们|我的)?领导(?:吧)?{P}{E}',
  ]),
  rule('cannot-do', ['nb.10'], ['(?:这|那)(?:个|件)?(?:事情|事)?(?:我们|我)(?:可|也)?(?:办|管|处理|弄)不了']),
  rule('hurry-closing', ['gd.3'], [
    '{S}{YOU}?(?:快(?:点|一点|些))+{P}{E}',
    '(?:我们|我)(?:要|快|马上|就要|马上就要|快要|都要)下班了',
    '{S}(?:要|快|马上|就要|快要)下班了{P}{E}',
    '下班了{O}(?:明天|改天|下午|下次)再来',
  ]),
  rule('go-complain', ['gd.4', 'nb.8'], [
    '{YOU}(?:就|尽管|随便|有本事|要)?(?:去)?投诉(?:我)?(?:去|好了|吧|啊|呀|呗)',
    '(?:去)?投诉(?:去|好了|吧){P}{E}',
    '(?:随便|爱){YOU}?(?:去)?(?:哪里|哪)?投诉',
    '(?:有本事|有能耐){YOU}?(?:就)?(?:去)?投诉',
  ]),
  rule('go-sue', ['nb.8', 'gd.4'], [
    '{YOU}(?:就|尽管|随便|有本事|要)?(?:去)?告(?:我)?(?:去|好了|吧|啊|呀|呗)',
    '(?:随便|爱){YOU}?(?:去)?(?:哪里|哪)?告',
    '告(?:到)?(?:哪里|哪)(?:都|也)(?:行|可以|没用|随便)',
    '(?:有本事|有能耐){YOU}?(?:就)?(?:去)?告',
  ]),
  rule('who-knows-better', ['nb.5', 'nb.11'], [
    '{YOU}(?:懂|专业|说了算)还是我(?:懂|专业|说了算)',
    '我(?:懂|专业|说了算)还是{YOU}(?:懂|专业|说了算)',
    '{YOU}懂(?:个)?什么',
  ]),
  rule('listen-to-me', ['nb.11', 'nb.5'], ['听(?:我|你)的还是听(?:你|我)的', '{S}(?:这里|这)?我说了算{P}{E}']),
  rule('why-late', ['nb.6'], [
    '谁(?:叫|让){YOU}(?:这么|那么|不|现在|这会)?(?:晚|迟|早点|早)',
    '(?:怎么|为什么|干嘛)(?:这么|那么|现在)(?:晚|迟)?才来',
  ]),
  rule('attitude', ['nb.7'], [
    '我就(?:是)?这(?:个|种|么个|样的)?态度',
    '{YOU}(?:又|还)?能(?:把我|拿我)?怎(?:么)?(?:样|着)',
    '(?:爱|随便){YOU}?怎么(?:样|着)(?:就)?怎么(?:样|着)',
  ]),
  rule('ask-who', ['nb.9'], ['我(?:去|又|该|能)?问谁(?:去)?{P}{E}', '{YOU}问我{O}我问谁']),
];

export interface GuardSpan {
  /** UTF-16 offsets in the checked text, end exclusive. */
  start: number;
  end: number;
  /** The words as typed. */
  text: string;
}

export interface GuardMatch {
  phrase: ForbiddenPhrase;
  /** The rules that fired for it (ids), `exact` when the phrase appears as written. */
  rules: string[];
  spans: GuardSpan[];
}

export interface GuardResult {
  text: string;
  flagged: boolean;
  /** The forbidden phrases found, in the order they appear in the text. */
  matches: GuardMatch[];
  /** Every span that triggered, merged and in order. */
  spans: GuardSpan[];
  /** The standard phrase to use instead (of the first match), Chinese punctuation; null when nothing was found. */
  suggestion: string | null;
  suggestionId: string | null;
}

const PHRASE_BY_ID = new Map(FORBIDDEN_PHRASES.map((p) => [p.id, p]));
/**
 * Each phrase as written. A short one only as a whole clause (不知道 alone,
 * not the 不知道 of 不知道是否需要原件); a longer one anywhere.
 */
const EXACT_FORMS = FORBIDDEN_PHRASES.map((p) => {
  const norm = normaliseForGuard(p.text).text;
  const escaped = norm.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return { phrase: p, pattern: compile(norm.length < 5 ? `{S}${escaped}{E}` : escaped) };
});

function spanOf(normalised: NormalisedText, original: string, index: number, length: number): GuardSpan {
  const start = normalised.from[index] ?? 0;
  const end = normalised.to[index + length - 1] ?? start;
  return { start, end, text: original.slice(start, end) };
}

function mergeSpans(spans: readonly GuardSpan[], original: string): GuardSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: GuardSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      last.text = original.slice(last.start, last.end);
    } else merged.push({ ...span });
  }
  return merged;
}

/** Checks one text against every forbidden phrase. Pure; safe on any input. */
export function checkForbidden(text: string): GuardResult {
  const normalised = normaliseForGuard(text);
  const score = new Map<string, number>();
  const found = new Map<string, { rules: Set<string>; spans: GuardSpan[] }>();
  const note = (id: string, ruleId: string, spans: GuardSpan[]) => {
    const entry = found.get(id) ?? { rules: new Set<string>(), spans: [] };
    entry.rules.add(ruleId);
    entry.spans.push(...spans);
    found.set(id, entry);
  };

  // The phrase as written (after normalisation) is the strongest evidence.
  for (const { phrase, pattern } of EXACT_FORMS) {
    const spans = [...normalised.text.matchAll(pattern)].map((m) => spanOf(normalised, text, m.index ?? 0, m[0].length));
    if (spans.length === 0) continue;
    score.set(phrase.id, (score.get(phrase.id) ?? 0) + 10);
    note(phrase.id, 'exact', spans);
  }

  const fired: { rule: Rule; spans: GuardSpan[] }[] = [];
  for (const r of GUARD_RULES) {
    const spans: GuardSpan[] = [];
    for (const pattern of r.patterns) {
      for (const m of normalised.text.matchAll(pattern)) {
        if (m[0].length === 0) continue;
        spans.push(spanOf(normalised, text, m.index ?? 0, m[0].length));
      }
    }
    if (spans.length === 0) continue;
    fired.push({ rule: r, spans });
    for (const id of r.phrases) score.set(id, (score.get(id) ?? 0) + 1);
  }

  // Each rule is attributed to the one phrase it best supports: the one other
  // evidence also points to, else the closest (listed first).
  for (const { rule: r, spans } of fired) {
    let best = r.phrases[0]!;
    for (const id of r.phrases) if ((score.get(id) ?? 0) > (score.get(best) ?? 0)) best = id;
    note(best, r.id, spans);
  }

  const all: GuardMatch[] = [...found.entries()].map(([id, { rules, spans }]) => ({
    phrase: PHRASE_BY_ID.get(id)!,
    rules: [...rules],
    spans: mergeSpans(spans, text),
  }));
  // 不知道 inside 不知道,你别问我! is that phrase, not a second one.
  const exactSpans = all.filter((m) => m.rules.includes('exact'));
  const within = (m: GuardMatch) =>
    exactSpans.some(
      (other) =>
        other !== m &&
        m.spans.every((span) => other.spans.some((o) => o.start <= span.start && span.end <= o.end && o.end - o.start > span.end - span.start)),
    );
  const matches = all
    .filter((m) => !within(m))
    .sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0) || (score.get(b.phrase.id) ?? 0) - (score.get(a.phrase.id) ?? 0));
  const first = matches[0]?.phrase;
  return {
    text,
    flagged: matches.length > 0,
    matches,
    spans: mergeSpans(matches.flatMap((m) => m.spans), text),
    suggestion: first ? toChinesePunctuation(first.suggestionText) : null,
    suggestionId: first?.suggestionId ?? null,
  };
}
