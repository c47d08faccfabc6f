import { describe, expect, it } from 'vitest';
import { openError } from './serial';

describe('serial open errors for the clerk and IT', () => {
  it.each([
    ['Error: No such file or directory, cannot open /dev/ttyUSB0', 'missing', '找不到端口 /dev/ttyUSB0'],
    ['Error Resource temporarily unavailable Cannot lock port', 'busy', '被其他程序占用'],
    ['Error: Permission denied, cannot open /dev/ttyUSB0', 'denied', '没有权限打开端口'],
    ['Error: something odd', 'other', '无法打开阅读器端口 /dev/ttyUSB0：Error: something odd'],
  ])('%s', (message, code, text) => {
    const error = openError('/dev/ttyUSB0', new Error(message));
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });
});
