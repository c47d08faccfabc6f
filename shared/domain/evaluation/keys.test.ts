import { describe, expect, it } from 'vitest';
import { defaultHidKeyMap, defaultSerialKeyMap, FOUR_KEY_LEVELS, isKeyText, keyMappingTable, parseKeyMap } from './keys';

describe('evaluator key maps', () => {
  it('maps a four-key keypad (非常满意 / 满意 / 一般 / 不满意) onto the national levels explicitly', () => {
    expect(FOUR_KEY_LEVELS).toEqual({ veryGood: 'verySatisfied', good: 'satisfied', average: 'basicallySatisfied', bad: 'dissatisfied' });
    expect([...defaultSerialKeyMap('four')]).toEqual([
      [1, 'verySatisfied'],
      [2, 'satisfied'],
      [3, 'basicallySatisfied'],
      [4, 'dissatisfied'],
    ]);
    expect(defaultSerialKeyMap('five').get(5)).toBe('veryDissatisfied');
  });

  it('shows IT the table, with both code directions and what a four-key keypad cannot say', () => {
    const { rows, unreachable } = keyMappingTable(defaultSerialKeyMap('four'), { layout: 'four' });
    expect(rows.map((r) => [r.keyText, r.deviceLabel, r.levelLabel, r.nationalCode, r.provincialCode])).toEqual([
      ['1', '非常满意', '非常满意', 1, 5],
      ['2', '满意', '满意', 2, 4],
      ['3', '一般', '基本满意', 3, 3],
      ['4', '不满意', '不满意', 4, 2],
    ]);
    expect(unreachable).toEqual(['veryDissatisfied']);
    expect(keyMappingTable(defaultSerialKeyMap('five'), { layout: 'five' }).unreachable).toEqual([]);
  });

  it('HID keypads typing digits: both digit rows, written in hex for IT', () => {
    const map = defaultHidKeyMap('five');
    expect(map.get(0x1e)).toBe('verySatisfied');
    expect(map.get(0x5d)).toBe('veryDissatisfied');
    const table = keyMappingTable(map, { hex: true, layout: 'five' });
    expect(table.rows[0]).toMatchObject({ keyText: '0x1E', deviceLabel: '非常满意' });
  });

  it('reads configured maps in decimal or hex and labels unknown keys by their code', () => {
    expect(isKeyText('0x1E')).toBe(true);
    expect(isKeyText('7')).toBe(true);
    expect(isKeyText('F1')).toBe(false);
    const map = parseKeyMap({ '0x3A': 'verySatisfied', '59': 'dissatisfied' });
    expect(map.size).toBe(2);
    expect(map.get(0x3a)).toBe('verySatisfied');
    expect(map.get(59)).toBe('dissatisfied');
    expect(() => parseKeyMap({ F1: 'satisfied' })).toThrow(RangeError);
    expect(keyMappingTable(map).rows.map((r) => r.deviceLabel)).toEqual(['按键 58', '按键 59']);
  });
});
