import { describe, expect, it } from 'vitest';
import { strings } from '../../i18n';
import { priorityCategoryOf } from './priority';

describe('priorityCategoryOf', () => {
  it('is null when the case is not priority, whatever is stored', () => {
    expect(priorityCategoryOf(null)).toBeNull();
    expect(priorityCategoryOf({ on: false, reason: '老年人', category: 'elderly' })).toBeNull();
  });

  it('uses the stored category first', () => {
    expect(priorityCategoryOf({ on: true, reason: '其他原因', category: 'military' })).toBe('military');
  });

  it('reads the category from the reason of a case stored before categories existed', () => {
    const [elderly, disabled, pregnant, military] = strings.caseScreen.priority.reasons;
    expect(priorityCategoryOf({ on: true, reason: elderly! })).toBe('elderly');
    expect(priorityCategoryOf({ on: true, reason: disabled! })).toBe('disabled');
    expect(priorityCategoryOf({ on: true, reason: pregnant! })).toBe('pregnant');
    expect(priorityCategoryOf({ on: true, reason: military! })).toBe('military');
    expect(priorityCategoryOf({ on: true, reason: '行动不便的老人', category: null })).toBe('elderly');
    expect(priorityCategoryOf({ on: true, reason: '抱着婴儿' })).toBe('other');
  });

  it('is null for a priority case with no reason at all', () => {
    expect(priorityCategoryOf({ on: true, reason: null })).toBeNull();
    expect(priorityCategoryOf({ on: true, reason: '  ' })).toBeNull();
  });
});
