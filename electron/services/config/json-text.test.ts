import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strings } from '../../../shared/i18n';
import { tempDir } from '../../../test/support/temp-dir';
import { DataFileError, decodeText, explainDataFileError, parseJsonText, readText } from './json-text';

const t = strings.dataFiles;
/** 李四 in GBK (what Notepad's “ANSI” writes on a Chinese Windows): not UTF-8. */
const LI_SI_GBK = [0xc0, 0xee, 0xcb, 0xc4];


/** The Chinese message of what parseJsonText throws for `text`. */
function syntaxError(text: string): DataFileError {
  try {
    parseJsonText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return error as DataFileError;
  }
  throw new Error(`parsed: ${text}`);
}

describe('decodeText', () => {
  it('reads UTF-8 with or without the BOM Notepad writes', () => {
    const json = '{"clerkName":"李四"}';
    expect(decodeText(Buffer.from(json, 'utf8'), 'config.json')).toBe(json);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, 'utf8')]), 'config.json')).toBe(json);
  });

  it('decodes UTF-16 when its BOM says so (Notepad’s “Unicode”), little- and big-endian', () => {
    const json = '{"clerkName":"李四"}';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    expect(decodeText(le, 'config.json')).toBe(json);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]);
    expect(decodeText(be, 'config.json')).toBe(json);
    const broken = decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x7b, 0x00]), 'config.json');
    expect(broken).toBeInstanceOf(DataFileError);
    expect((broken as DataFileError).message).toBe(t.badUtf16('config.json'));
  });

  it('refuses GBK instead of turning 李四 into mojibake, naming the file and saying to save as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('{"clerkName":"'), Buffer.from(LI_SI_GBK), Buffer.from('"}')]);
    const result = decodeText(bytes, 'catalogue.json');
    expect(result).toBeInstanceOf(DataFileError);
    const error = result as DataFileError;
    expect(error.message).toBe(t.notUtf8('catalogue.json'));
    expect(error.message).toContain('catalogue.json');
    expect(error.message).toContain('UTF-8');
    expect(error.message).not.toContain('\uFFFD');
    // The decoder's own words stay for the log.
    expect(error.original).toMatch(/catalogue\.json: .*utf-8/i);
  });

  it('refuses UTF-16 without its BOM (NUL bytes) rather than reporting odd JSON', () => {
    const result = decodeText(Buffer.from('{"a":1}', 'utf16le'), 'phrases.json');
    expect(result).toBeInstanceOf(DataFileError);
    expect((result as DataFileError).message).toBe(t.notText('phrases.json'));
  });
});

describe('readText', () => {
  it('names a missing file in Chinese, with the code for IT, and keeps Node’s text for the log', () => {
    const missing = readText(join(tempDir('counter-json-text-'), 'calendar.json'));
    expect(missing).toBeInstanceOf(DataFileError);
    const error = missing as DataFileError;
    expect(error.message).toBe('文件或文件夹不存在（ENOENT）');
    expect(error.original).toMatch(/^ENOENT: no such file or directory/);
  });

  it('refuses a GBK file on disk', () => {
    const file = join(tempDir('counter-json-text-'), 'config.json');
    writeFileSync(file, Buffer.from([...Buffer.from('{"counter":{"clerkName":"'), ...LI_SI_GBK, ...Buffer.from('"}}')]));
    const result = readText(file);
    expect(result).toBeInstanceOf(DataFileError);
    expect((result as DataFileError).message).toBe(t.notUtf8('config.json'));
  });
});

describe('parseJsonText', () => {
  it('parses JSON and tolerates a BOM', () => {
    expect(parseJsonText('\uFEFF{"a":[1,true,null,"x"]}')).toEqual({ a: [1, true, null, 'x'] });
  });

  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, t.json.expectedCommaOrBrace],
    ['[1 2]', 1, 4, t.json.expectedCommaOrBracket],
    ['{"a" 1}', 1, 6, t.json.expectedColon],
    ['{\n  "a": 1,\n}', 3, 1, t.json.trailingComma],
    ['[1,]', 1, 4, t.json.trailingComma],
    ['{a: 1}', 1, 2, t.json.expectedKey],
    ["{'a': 1}", 1, 2, t.json.singleQuote],
    ['{"a"：1}', 1, 5, t.json.fullWidth('：')],
    ['{"a": 1，"b": 2}', 1, 8, t.json.fullWidth('，')],
    ['{"a": "x', 1, 7, t.json.unterminatedString],
    ['{"a": "x\ny"}', 1, 9, t.json.controlChar],
    ['{"path": "C:\\data"}', 1, 13, t.json.badEscape],
    ['{"a": tru}', 1, 7, t.json.unexpected('t')],
    ['{"a": 01}', 1, 8, t.json.badNumber],
    ['{} x', 1, 4, t.json.extraAfterEnd],
    ['{"a": ', 1, 7, t.json.unexpectedEnd],
    ['  \n ', 1, 1, t.json.empty],
  ])('says in Chinese what is wrong in %j and where', (text, line, column, what) => {
    const error = syntaxError(text);
    expect(error.message).toBe(t.jsonAt(line, column, what));
    // No English wording from V8 (JSON itself is the format's name).
    expect(error.message.replaceAll('JSON', '')).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('keeps V8’s wording for the log, without quoting the file’s text', () => {
    const error = syntaxError('{"counter":{"clerkName":"李四", "x": tru}}');
    expect(error.original).toMatch(/JSON/);
    expect(error.original).not.toContain('李四');
    expect(explainDataFileError(error)).toEqual({ message: error.message, original: error.original });
  });
});
