import { describe, expect, it } from 'vitest';
import { checkReasons, defaultReasons, reasonListProblem } from './reasons';

const list = defaultReasons();

describe('差评 reasons', () => {
  it('default list: three groups, codes unique', () => {
    expect(new Set(list.map((r) => r.group))).toEqual(new Set(['efficiency', 'competence', 'attitude']));
    expect(reasonListProblem(list)).toBeNull();
    expect(reasonListProblem([...list, { ...list[0]! }])).toBe('原因代码重复：E01');
  });

  it('a 差评 needs at least one known reason; duplicates collapse', () => {
    expect(checkReasons('dissatisfied', [], list)).toEqual({ ok: false, message: '差评须至少选择一项原因' });
    expect(checkReasons('veryDissatisfied', undefined, list).ok).toBe(false);
    expect(checkReasons('dissatisfied', ['E01', 'X9'], list)).toEqual({ ok: false, message: '原因代码不在本中心的原因列表中：X9' });
    expect(checkReasons('dissatisfied', ['A01', ' A01 ', 'E02'], list)).toEqual({ ok: true, codes: ['A01', 'E02'] });
  });

  it('a 好评 carries no reasons', () => {
    expect(checkReasons('satisfied', [], list)).toEqual({ ok: true, codes: [] });
    expect(checkReasons('basicallySatisfied', ['E01'], list).ok).toBe(false);
  });
});
