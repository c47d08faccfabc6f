import { strings } from '../../../shared/i18n';

/**
 * Finds where and why a JSON text is malformed, so that IT reads
 * “第 3 行第 5 列：缺少英文逗号” instead of V8's English wording (which also
 * changes between Node versions and sometimes gives no position at all).
 * Run only after JSON.parse has failed; JSON.parse stays the parser.
 */

const j = strings.dataFiles.json;

export interface JsonSyntaxProblem {
  /** 1-based line and column (in characters) of the offending spot. */
  line: number;
  column: number;
  /** Chinese, without the position. */
  what: string;
}

class Stop {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {}
}

/** Punctuation that Chinese input methods type in place of JSON's own. */
const FULL_WIDTH = new Set(['，', '：', '“', '”', '‘', '’', '｛', '｝', '【', '】', '［', '］', '；', '、', '。']);

/** The first syntax problem of `text`, or null when this scanner finds none (JSON.parse then had another reason). */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  if (text.trim() === '') return { line: 1, column: 1, what: j.empty };
  try {
    const end = new Scanner(text).document();
    return end === null ? null : position(text, end.at, end.what);
  } catch (stop) {
    // Anything else (a document nested too deep for this scanner): no position, the caller says so.
    return stop instanceof Stop ? position(text, stop.at, stop.what) : null;
  }
}

function position(text: string, at: number, what: string): JsonSyntaxProblem {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, what };
}

class Scanner {
  private i = 0;
  constructor(private readonly s: string) {}

  /** The whole document; a Stop for text after the value. */
  document(): Stop | null {
    this.value();
    this.ws();
    return this.i < this.s.length ? new Stop(this.i, j.extraAfterEnd) : null;
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  private fail(what: string, at = this.i): never {
    throw new Stop(at, what);
  }

  /** The character at the cursor explains itself: the end, a full-width mark, a single quote. */
  private unexpected(expected: string): never {
    const char = this.s[this.i];
    if (char === undefined) this.fail(j.unexpectedEnd);
    if (FULL_WIDTH.has(char)) this.fail(j.fullWidth(char));
    if (char === "'") this.fail(j.singleQuote);
    this.fail(expected);
  }

  private value(): void {
    this.ws();
    const char = this.s[this.i];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    this.unexpected(j.unexpected(char ?? ''));
  }

  private object(): void {
    this.i++; // {
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') {
        if (this.s[this.i] === '}') this.fail(j.trailingComma);
        this.unexpected(j.expectedKey);
      }
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.unexpected(j.expectedColon);
      this.i++;
      this.value();
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return;
      }
      this.unexpected(j.expectedCommaOrBrace);
    }
  }

  private array(): void {
    this.i++; // [
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] === ']') this.fail(j.trailingComma);
      this.value();
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === ']') {
        this.i++;
        return;
      }
      this.unexpected(j.expectedCommaOrBracket);
    }
  }

  private string(): void {
    const start = this.i;
    this.i++; // "
    for (;;) {
      const char = this.s[this.i];
      if (char === undefined) this.fail(j.unterminatedString, start);
      if (char === '"') {
        this.i++;
        return;
      }
      if (char < ' ') this.fail(j.controlChar);
      if (char === '\\') {
        const escaped = this.s[this.i + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.fail(j.badEscape);
          this.i += 6;
          continue;
        }
        if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) this.fail(j.badEscape);
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!match) this.fail(j.badNumber);
    this.i += match[0].length;
    // 01 or 1.: the number stops early and what follows is not JSON.
    const next = this.s[this.i];
    if (next !== undefined && /[0-9.eE]/.test(next)) this.fail(j.badNumber);
  }
}
