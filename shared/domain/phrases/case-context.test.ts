import { describe, expect, it } from 'vitest';
import { AT, apply, applicant, item, referredItem, started } from '../case/test-kit';
import type { CaseState } from '../case';
import { phraseCuesFromCase, phraseSlotsFromCase } from './case-context';

const identified = (): CaseState => apply(started(), { type: 'identifyApplicant', at: AT, applicant });
const checking = (): CaseState => apply(identified(), { type: 'chooseItem', at: AT, on: '2026-03-02', item });

describe('phraseSlotsFromCase', () => {
  it('knows nothing before an item is chosen', () => {
    expect(phraseSlotsFromCase(null)).toEqual({});
    expect(phraseSlotsFromCase(identified())).toEqual({});
  });

  it('fills the item, its required materials and the promised days during the check', () => {
    const slots = phraseSlotsFromCase(checking());
    expect(slots.itemName).toBe(item.name);
    expect(slots.requiredMaterials).toEqual(item.materials.filter((m) => m.required).map((m) => m.name));
    expect(slots.missingMaterials).toBeUndefined();
    expect(slots.dueDate).toBeUndefined();
  });

  it('names exactly the missing materials and the supply deadline after a one-time notice', () => {
    const statuses = Object.fromEntries(item.materials.map((m) => [m.id, m.required ? 'received' : 'notApplicable']));
    const first = item.materials.find((m) => m.required)!;
    statuses[first.id] = 'missing';
    const checked = apply(
      checking(),
      ...Object.entries(statuses).map(([materialId, status]) => ({ type: 'checkMaterial' as const, at: AT, materialId, result: { status } as never })),
    );
    const notified = apply(checked, { type: 'notifyOnce', at: AT, on: '2026-03-02', supplyDeadline: '2026-03-09' });
    const slots = phraseSlotsFromCase(notified);
    expect(slots.missingMaterials).toEqual([first.name]);
    expect(slots.dueDate).toBe('2026-03-09');
  });

  it('names where to go after the automatic rejection of a referred item', () => {
    const rejected = apply(identified(), { type: 'chooseItem', at: AT, on: '2026-03-02', item: referredItem });
    expect(phraseSlotsFromCase(rejected).department).toBe(referredItem.referral!.department);
  });
});

describe('phraseCuesFromCase', () => {
  it('has no cue before an item, and names missing and defective materials once checked', () => {
    expect(phraseCuesFromCase(identified())).toEqual([]);
    const [first, second] = item.materials.filter((m) => m.required);
    const checked = apply(
      checking(),
      { type: 'checkMaterial', at: AT, materialId: first!.id, result: { status: 'missing' } },
      { type: 'checkMaterial', at: AT, materialId: second!.id, result: { status: 'defective', defect: 'unsigned' } },
    );
    const cues = phraseCuesFromCase(checked);
    expect(cues).toContain('materialsIncomplete');
    expect(cues).toContain('materialDefect');
    expect(cues.includes('payment')).toBe(item.fee.charged);
  });
});
