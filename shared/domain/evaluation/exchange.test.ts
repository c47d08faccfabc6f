import { describe, expect, it } from 'vitest';
import { exchangeFile, exchangeRecord, exchangeTime, levelCodeTable, type RatingRecord } from './exchange';

const record: RatingRecord = {
  caseId: '08-20261123-0007',
  day: '2026-11-23',
  itemCode: '0100230001-419900-001',
  itemName: '食品经营许可（新办）',
  windowNumber: '08',
  clerkName: '李娜',
  clerkStaffNumber: '0123',
  status: 'rated',
  level: 'veryDissatisfied',
  reasons: ['E01', 'A02'],
  comment: '等了很久',
  channel: 'keypad',
  ratedAt: '2026-11-23T01:02:03.456Z',
  rater: '张晓明',
  count: 1,
};
const options = { regionCode: '419900', channelCodes: { keypad: '5', screen: '4', default: '7' } };

describe('GB/T 39046 exchange records', () => {
  it('writes times as YYYYMMDDThhmmss in Beijing time, across midnight and a year end', () => {
    expect(exchangeTime('2026-11-23T01:02:03.456Z')).toBe('20261123T090203');
    expect(exchangeTime('2026-12-31T16:30:00Z')).toBe('20270101T003000');
  });

  it('writes the level code in the direction asked for, never by default', () => {
    expect(exchangeRecord(record, { ...options, direction: 'national' })).toMatchObject({ 评价等级: '非常不满意', 评价等级代码: 5 });
    expect(exchangeRecord(record, { ...options, direction: 'provincial' })).toMatchObject({ 评价等级: '非常不满意', 评价等级代码: 1 });
    expect(levelCodeTable('national')).toEqual({ 1: '非常满意', 2: '满意', 3: '基本满意', 4: '不满意', 5: '非常不满意' });
    expect(levelCodeTable('provincial')['1']).toBe('非常不满意');
  });

  it('carries every field of the spec; an anonymous rater is flagged; 未评 is not exchanged', () => {
    const r = exchangeRecord(record, { ...options, direction: 'national' })!;
    expect(r).toEqual({
      办件编号: '08-20261123-0007',
      事项编码: '0100230001-419900-001',
      事项名称: '食品经营许可（新办）',
      评价渠道: '5',
      评价人: '张晓明',
      是否匿名: 0,
      评价时间: '20261123T090203',
      评价次数: 1,
      评价等级: '非常不满意',
      评价等级代码: 5,
      文字评价: '等了很久',
      差评原因代码: 'E01,A02',
      行政区划代码: '419900',
      经办人: '李娜',
      经办人工号: '0123',
      窗口编号: '08',
    });
    expect(exchangeRecord({ ...record, rater: '' }, { ...options, direction: 'national' })).toMatchObject({ 是否匿名: 1 });
    expect(exchangeRecord({ ...record, status: 'unrated', level: null, ratedAt: null }, { ...options, direction: 'national' })).toBeNull();
    const file = exchangeFile([record, { ...record, caseId: 'x', status: 'unrated', level: null, ratedAt: null }], { ...options, direction: 'provincial' }, '2026-11-24T00:00:00Z');
    expect(file).toMatchObject({ standard: 'GB/T 39046-2020', levelCodeDirection: 'provincial', count: 1, exportedAt: '20261124T080000' });
  });
});
