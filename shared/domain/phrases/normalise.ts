/**
 * Normalisation of free text before the forbidden-phrase guard looks at it,
 * with a map back to the original so that the words that triggered can be
 * shown where the clerk typed them.
 *
 *  - full-width letters, digits and punctuation become half-width (NFKC);
 *  - spaces (any width) and zero-width characters disappear;
 *  - every run of punctuation or symbols becomes one clause boundary "/";
 *  - a few traditional characters become simplified;
 *  - spoken and regional variants become one form: 您→你, 啥→什么, 咋→怎么,
 *    咱(们)→我们, 俺→我, 这儿→这里, 点儿→点 …
 *
 * Upper-case Latin letters become lower-case.
 */

/** The clause boundary that stands for any punctuation. */
export const BOUNDARY = '/';

const CHAR_MAP: Record<string, string> = {
  // Forms of address and pronouns.
  您: '你',
  妳: '你',
  俺: '我',
  // Traditional → simplified, for the characters the forbidden phrases use.
  們: '们',
  歸: '归',
  個: '个',
  這: '这',
  說: '说',
  問: '问',
  別: '别',
  貼: '贴',
  麼: '么',
  還: '还',
  沒: '没',
  見: '见',
  領: '领',
  導: '导',
  訴: '诉',
  隨: '随',
  點: '点',
  態: '态',
  樣: '样',
  聽: '听',
  誰: '谁',
  讓: '让',
  會: '会',
  辦: '办',
  來: '来',
  過: '过',
  對: '对',
  為: '为',
  嗎: '吗',
  號: '号',
  擠: '挤',
  進: '进',
  務: '务',
  處: '处',
  裡: '里',
  裏: '里',
  邊: '边',
  著: '着',
  時: '时',
  間: '间',
  題: '题',
  統: '统',
  係: '系',
  亂: '乱',
  講: '讲',
  鬧: '闹',
  話: '话',
  寫: '写',
  關: '关',
  後: '后',
  幹: '干',
  兒: '儿',
  啥: '什么',
  咋: '怎么',
};

/** Multi-character variants, applied after the character map. Longest first. */
const WORD_MAP: readonly (readonly [string, string])[] = [
  ['甚么', '什么'],
  ['什麽', '什么'],
  ['咱们', '我们'],
  ['咱', '我们'],
  ['这儿', '这里'],
  ['那儿', '那里'],
  ['哪儿', '哪里'],
  ['点儿', '点'],
  ['会儿', '会'],
  ['事儿', '事'],
];

export interface NormalisedText {
  /** The normalised text. */
  text: string;
  /** For each UTF-16 unit of `text`: where its character starts in the original. */
  from: number[];
  /** For each UTF-16 unit of `text`: where its character ends in the original (exclusive). */
  to: number[];
}

interface Unit {
  ch: string;
  from: number;
  to: number;
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/u;
const PUNCT_OR_SYMBOL = /[\p{P}\p{S}]/u;

export function normaliseForGuard(original: string): NormalisedText {
  const units: Unit[] = [];
  let offset = 0;
  for (const codePoint of original) {
    const from = offset;
    const to = offset + codePoint.length;
    offset = to;
    if (ZERO_WIDTH.test(codePoint)) continue;
    for (const raw of codePoint.normalize('NFKC').toLowerCase()) {
      if (/\s/u.test(raw)) continue;
      if (PUNCT_OR_SYMBOL.test(raw)) {
        // One boundary for a run of punctuation; none at the very start.
        const last = units.at(-1);
        if (last === undefined) continue;
        if (last.ch === BOUNDARY) last.to = to;
        else units.push({ ch: BOUNDARY, from, to });
        continue;
      }
      for (const ch of CHAR_MAP[raw] ?? raw) units.push({ ch, from, to });
    }
  }
  while (units.at(-1)?.ch === BOUNDARY) units.pop();

  // Multi-character variants: replace in place, keeping the original span of the whole word.
  const out: Unit[] = [];
  for (let i = 0; i < units.length; ) {
    const variant = WORD_MAP.find(([word]) => [...word].every((ch, k) => units[i + k]?.ch === ch));
    if (variant) {
      const [word, replacement] = variant;
      const first = units[i]!;
      const last = units[i + [...word].length - 1]!;
      for (const ch of replacement) out.push({ ch, from: first.from, to: last.to });
      i += [...word].length;
    } else {
      out.push(units[i]!);
      i++;
    }
  }
  // Indices are per UTF-16 code unit, as a RegExp reports them (a rare astral character counts twice).
  const from: number[] = [];
  const to: number[] = [];
  for (const unit of out) {
    for (let k = 0; k < unit.ch.length; k++) {
      from.push(unit.from);
      to.push(unit.to);
    }
  }
  return { text: out.map((u) => u.ch).join(''), from, to };
}
