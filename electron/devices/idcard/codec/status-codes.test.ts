import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../../shared/i18n/zh-CN';
import { isSamFault, SamStatusError, statusMessage, SW3 } from './status-codes';

// Every code of the spec's "SW3 status codes" list.
const SPEC_CODES = [0x90, 0x91, 0x9f, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x37, 0x3f, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81];

describe('SW3 status codes', () => {
  it('has a Chinese message for every code in the spec, and only those', () => {
    expect(Object.values(SW3).sort()).toEqual([...SPEC_CODES].sort());
    expect(Object.keys(zhCN.idcard.sw3).map(Number).sort()).toEqual([...SPEC_CODES].sort());
    for (const code of SPEC_CODES) expect(statusMessage(code)).toMatch(/[\u4e00-\u9fff]/);
    expect(new Set(SPEC_CODES.map(statusMessage)).size).toBe(SPEC_CODES.length);
  });

  it('uses the spec\'s own examples for the clerk', () => {
    expect(statusMessage(0x80)).toBe('请放置证件');
    expect(statusMessage(0x41)).toBe('读卡失败，请重新放置证件');
  });

  it('names an unknown code by its hex', () => {
    expect(statusMessage(0x5a)).toBe('阅读器返回未知状态码 5A，请重试');
  });

  it('marks the codes after which the SAM accepts no commands', () => {
    expect(isSamFault(0x60)).toBe(true);
    expect(isSamFault(0x66)).toBe(true);
    expect(isSamFault(0x41)).toBe(false);
    expect(isSamFault(0x80)).toBe(false);
    expect(new SamStatusError(0x41).message).toBe('读卡失败，请重新放置证件');
  });
});
