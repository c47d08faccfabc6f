/**
 * Hex bytes as IT pastes them: whitespace separated, `#` starts a comment
 * line, `0x` prefixes and trailing commas (C array dumps) tolerated.
 * Throws on anything else, so a wrong file is refused rather than misread.
 */
export function parseHexBytes(text: string): Uint8Array {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.trim();
    if (content === '' || content.startsWith('#')) return;
    for (const token of content.split(/[\s,]+/)) {
      if (token === '') continue;
      const hex = token.replace(/^0x/i, '');
      if (!/^[0-9a-f]{1,2}$/i.test(hex)) throw new Error(`line ${index + 1}: "${token}" is not a hex byte`);
      out.push(parseInt(hex, 16));
    }
  });
  return Uint8Array.from(out);
}
