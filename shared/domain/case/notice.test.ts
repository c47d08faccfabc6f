import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strings } from '../../i18n';
import { ServiceItemSchema, type ServiceItem } from '../catalogue/schema';
import { sampleItem } from '../catalogue/test-items';
import type { CaseEventInput } from './events';
import { computeOneTimeNotice, materialRequirement } from './notice';
import type { CheckResult } from './state';
import { AT, ON, applicant, apply, ev, started } from './test-kit';
import { transition } from './transition';
import { DEFECTS } from './vocabulary';

const f = strings.caseFlow;

/** Items of 1–8 materials with any mix of required / conditional / tolerable, valid by the catalogue's rules. */
const itemArb: fc.Arbitrary<ServiceItem> = fc
  .array(fc.record({ required: fc.boolean(), tolerable: fc.boolean() }), { minLength: 1, maxLength: 8 })
  .map((flags) => {
    let materials = flags.map((x) => ({ required: x.required, tolerable: x.required && x.tolerable }));
    // The catalogue wants a main material beside tolerable ones.
    if (materials.some((m) => m.tolerable) && !materials.some((m) => m.required && !m.tolerable))
      materials = [{ required: true, tolerable: false }, ...materials];
    return ServiceItemSchema.parse(
      sampleItem({
        materials: materials.map((m, i) => ({
          id: `m${i}`,
          name: `材料${i}`,
          source: 'applicant',
          form: 'paper',
          originals: 1,
          copies: 0,
          checkMethod: 'keepOriginal',
          required: m.required,
          tolerable: m.tolerable,
        })),
      }),
    );
  });

const resultArb = (required: boolean): fc.Arbitrary<CheckResult> =>
  fc.oneof(
    fc.constant<CheckResult>({ status: 'received' }),
    fc.constant<CheckResult>({ status: 'missing' }),
    fc
      .tuple(fc.constantFrom(...DEFECTS), fc.option(fc.constantFrom('签名与身份证不一致', '日期填写有误'), { nil: undefined }))
      .map(([defect, text]): CheckResult => (defect === 'other' ? { status: 'defective', defect, text: text ?? '其他问题' } : { status: 'defective', defect, ...(text ? { text } : {}) })),
    ...(required ? [] : [fc.constant<CheckResult>({ status: 'notApplicable' })]),
  );

const scenarioArb = itemArb.chain((item) =>
  fc.tuple(fc.constant(item), fc.tuple(...item.materials.map((m) => resultArb(m.required)))).map(([i, results]) => ({ item: i, results })),
);

const isProblem = (r: CheckResult) => r.status === 'missing' || r.status === 'defective';

/** A case in material check with every material marked, through real events. */
function checkedCase(item: ServiceItem, results: CheckResult[]) {
  return apply(
    started(),
    { type: 'identifyApplicant', at: AT, applicant },
    { type: 'chooseItem', at: AT, on: ON, item },
    ...item.materials.map((m, i): CaseEventInput => ({ type: 'checkMaterial', at: AT, materialId: m.id, result: results[i]! })),
  );
}

describe('the one-time notice', () => {
  it('lists exactly the missing and defective materials, in catalogue order, no more, no fewer', () => {
    fc.assert(
      fc.property(scenarioArb, ({ item, results }) => {
        const checks = item.materials.map((m, i) => ({ materialId: m.id, result: results[i]! }));
        const notice = computeOneTimeNotice(item, checks);
        const expected = item.materials.filter((_, i) => isProblem(results[i]!)).map((m) => m.id);
        expect(notice.map((n) => n.materialId)).toEqual(expected);
        for (const entry of notice) {
          const i = item.materials.findIndex((m) => m.id === entry.materialId);
          const result = results[i]!;
          expect(entry.problem).toBe(result.status);
          expect(entry.tolerable).toBe(item.materials[i]!.tolerable);
          if (result.status === 'missing') expect(entry.detail).toBe(f.notice.missing);
          if (result.status === 'defective') {
            expect(entry.detail.startsWith(f.defects[result.defect])).toBe(true);
            if (result.text) expect(entry.detail).toContain(result.text);
            expect(entry.requirement.startsWith(f.defectRemedies[result.defect])).toBe(true);
          }
        }
      }),
    );
  });

  it('is what the 一次性告知 decision records', () => {
    fc.assert(
      fc.property(scenarioArb, ({ item, results }) => {
        const state = checkedCase(item, results);
        const result = transition(state, ev({ type: 'notifyOnce', at: AT, on: ON, supplyDeadline: '2026-03-09' }));
        expect(result.ok).toBe(results.some(isProblem));
        if (result.ok && result.state.phase === 'decided' && result.state.decision.kind === 'notify') {
          expect(result.state.decision.notice).toEqual(computeOneTimeNotice(item, state.phase === 'materialCheck' ? state.checks : []));
        }
      }),
    );
  });

  it('says what to bring: form, counts, check method, signature, notes', () => {
    const item = ServiceItemSchema.parse(sampleItem());
    expect(materialRequirement(item.materials[0]!)).toBe('纸质；原件 1 份；收原件；需签字并盖章');
    expect(materialRequirement(item.materials[1]!)).toBe('纸质；复印件 1 份；验原件收复印件');
    expect(materialRequirement(item.materials[2]!)).toBe('纸质；原件 1 份；收原件；含进货查验等制度');
  });
});

describe('decisions against the material check', () => {
  const tolerate: CaseEventInput = {
    type: 'acceptTolerated',
    at: AT,
    on: ON,
    promisedDate: '2026-03-09',
    supplyDeadline: '2026-03-06',
    commitmentSigned: true,
    creditCheck: 'clear',
  };

  it('refuses 容缺受理 whenever a non-tolerable material is missing or defective, naming exactly those', () => {
    fc.assert(
      fc.property(scenarioArb, ({ item, results }) => {
        const blocking = item.materials.filter((m, i) => isProblem(results[i]!) && !m.tolerable);
        fc.pre(blocking.length > 0);
        const result = transition(checkedCase(item, results), ev(tolerate));
        expect(result).toEqual({ ok: false, reason: f.refusals.notTolerable(blocking.map((m) => m.name).join('、')) });
      }),
    );
  });

  it('allows 容缺受理 exactly when something is owed and all of it is tolerable', () => {
    fc.assert(
      fc.property(scenarioArb, ({ item, results }) => {
        const problems = item.materials.filter((_, i) => isProblem(results[i]!));
        const result = transition(checkedCase(item, results), ev(tolerate));
        expect(result.ok).toBe(problems.length > 0 && problems.every((m) => m.tolerable));
      }),
    );
  });

  it('allows 受理 exactly when nothing is missing or defective', () => {
    fc.assert(
      fc.property(scenarioArb, ({ item, results }) => {
        const result = transition(checkedCase(item, results), ev({ type: 'accept', at: AT, on: ON, promisedDate: '2026-03-09' }));
        expect(result.ok).toBe(!results.some(isProblem));
      }),
    );
  });
});
