/**
 * Slip numbers: issuing body short name + nature + [year] + sequence, e.g.
 * 示例政务〔2026〕受字第000123号. The pattern is configurable per centre;
 * placeholders: {body} {nature} {year} {seq} or {seq:N} (zero-padded to N).
 */
export const DEFAULT_SLIP_NUMBER_PATTERN = '{body}〔{year}〕{nature}字第{seq:6}号';

export function formatSlipNumber(pattern: string, fields: { body: string; nature: string; year: number; seq: number }): string {
  return pattern.replace(/\{(body|nature|year|seq)(?::(\d+))?\}/g, (_match, name: string, width?: string) => {
    if (name === 'body') return fields.body;
    if (name === 'nature') return fields.nature;
    if (name === 'year') return String(fields.year);
    return width ? String(fields.seq).padStart(Number(width), '0') : String(fields.seq);
  });
}
