import { describe, expect, it } from 'vitest';
import { checkForbidden } from './forbidden-guard';
import { GUARD_CORPUS } from './guard-corpus';

/**
 * Precision and recall of the forbidden-phrase guard on the labelled set
 * (guard-corpus.ts). The figures are printed with the test output; the
 * thresholds are what the guard must keep, not what it happens to reach.
 */
const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.9;

describe('the forbidden-phrase guard on the labelled set', () => {
  it('has at least 200 sentences, about half of each kind, none twice', () => {
    const forbidden = GUARD_CORPUS.filter((s) => s.forbidden).length;
    const acceptable = GUARD_CORPUS.length - forbidden;
    expect(GUARD_CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(forbidden).toBeGreaterThanOrEqual(100);
    expect(acceptable).toBeGreaterThanOrEqual(100);
    expect(new Set(GUARD_CORPUS.map((s) => s.text)).size).toBe(GUARD_CORPUS.length);
  });

  it(`reaches precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL}`, () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    const falsePositives: string[] = [];
    const misses: string[] = [];
    for (const { text, forbidden } of GUARD_CORPUS) {
      const result = checkForbidden(text);
      if (forbidden && result.flagged) tp++;
      else if (forbidden) {
        fn++;
        misses.push(text);
      } else if (result.flagged) {
        fp++;
        falsePositives.push(`${text} ← ${result.spans.map((s) => s.text).join('、')}`);
      } else tn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const report = [
      `忌语检查 · 标注集 ${GUARD_CORPUS.length} 句（忌语 ${tp + fn}，可接受 ${tn + fp}）`,
      `  precision ${precision.toFixed(3)}（${tp}/${tp + fp}）  recall ${recall.toFixed(3)}（${tp}/${tp + fn}）`,
      `  TP ${tp}  FP ${fp}  FN ${fn}  TN ${tn}`,
      ...falsePositives.map((t) => `  误报：${t}`),
      ...misses.map((t) => `  漏报：${t}`),
    ].join('\n');
    // Printed so the figures are in every test run's output.
    // eslint-disable-next-line no-console
    console.log(report);
    expect(precision, report).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(recall, report).toBeGreaterThanOrEqual(MIN_RECALL);
  });
});
