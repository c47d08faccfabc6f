/**
 * A benchmark row and the one table all rows are printed in: median of the
 * runs, min, max, the limit the issue names (or our budget, said as such)
 * and the ratio median ÷ limit — or limit ÷ median for a row where more is
 * better (a throughput with a floor): either way ≤ 1 meets the limit.
 */
export interface BenchRow {
  name: string;
  samples: number[];
  unit: string;
  limit: number;
  limitKind: string;
  /** 'higher': the limit is a floor (e.g. cases per minute). Default 'lower': the limit is a ceiling. */
  better?: 'lower' | 'higher';
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function benchTable(rows: readonly BenchRow[]): string {
  const header = ['指标 metric', '中位数 median', '最小 min', '最大 max', '上限 limit', '比值 ratio', '上限来源'];
  const lines = rows.map((r) => {
    const m = median(r.samples);
    return [
      r.name,
      `${m.toFixed(1)} ${r.unit}`,
      `${Math.min(...r.samples).toFixed(1)} ${r.unit}`,
      `${Math.max(...r.samples).toFixed(1)} ${r.unit}`,
      `${r.better === 'higher' ? '≥ ' : ''}${r.limit} ${r.unit}`,
      (r.better === 'higher' ? r.limit / m : m / r.limit).toFixed(3),
      r.limitKind,
    ];
  });
  const widths = header.map((h, i) => Math.max(width(h), ...lines.map((l) => width(l[i]!))));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

/** Display width: CJK characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

/** `npx tsx test/bench/<part>.ts` prints that part's rows on their own. */
export function printRowsOf(rows: () => Promise<BenchRow[]>): void {
  rows().then(
    (result) => process.stdout.write(`${benchTable(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`基准测试失败：${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
