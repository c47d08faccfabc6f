/**
 * The rows `npm run package:check` prints: one per thing checked, each with
 * a bilingual area name, a verdict and a short reason. A failing row's reason
 * is what IT or a developer needs to fix it.
 */
export type Verdict = 'ok' | 'fail' | 'skip';

export interface Row {
  /** e.g. '配置 config', '原生模块 native'. */
  area: string;
  item: string;
  verdict: Verdict;
  detail: string;
}

export const ok = (area: string, item: string, detail = ''): Row => ({ area, item, verdict: 'ok', detail });
export const fail = (area: string, item: string, detail: string): Row => ({ area, item, verdict: 'fail', detail });
export const skip = (area: string, item: string, detail: string): Row => ({ area, item, verdict: 'skip', detail });

/** One row per check, or the failure when `problems` is not empty. */
export function rowFor(area: string, item: string, problems: string[], okDetail = ''): Row {
  return problems.length ? fail(area, item, problems.join('；')) : ok(area, item, okDetail);
}

const MARK: Record<Verdict, string> = { ok: '✔', fail: '✘', skip: '–' };

/** Display width: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - width(text)));

export function formatTable(rows: readonly Row[]): string {
  const areaWidth = Math.max(...rows.map((r) => width(r.area)), 4);
  const itemWidth = Math.max(...rows.map((r) => width(r.item)), 4);
  return rows.map((r) => `${MARK[r.verdict]} ${pad(r.area, areaWidth)}  ${pad(r.item, itemWidth)}  ${r.detail}`.trimEnd()).join('\n');
}

export function summary(rows: readonly Row[]): string {
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  const failed = count('fail');
  return failed
    ? `打包检查失败 package check failed: ${failed} 项问题 problem(s), ${count('ok')} 通过 ok, ${count('skip')} 跳过 skipped`
    : `打包检查通过 package check passed: ${count('ok')} 通过 ok, ${count('skip')} 跳过 skipped`;
}
