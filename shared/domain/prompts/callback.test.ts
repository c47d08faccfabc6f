import { describe, expect, it } from 'vitest';
import { strings } from '../../i18n';
import { checkCallback } from './callback';

const t = strings.prompts.callback;

describe('checkCallback', () => {
  it('accepts a mobile number and normalises it, trimming every field', () => {
    expect(checkCallback({ name: ' 张三 ', phone: '138 0013 8000', itemName: ' 居住证办理 ', note: ' 下午方便 ' })).toEqual({
      ok: true,
      value: { name: '张三', phone: '13800138000', itemName: '居住证办理', note: '下午方便' },
    });
  });

  it('accepts a landline with its area code and an extension', () => {
    const checked = checkCallback({ name: '李四', phone: '0371－6655 4433-12' });
    expect(checked).toEqual({ ok: true, value: { name: '李四', phone: '0371-66554433-12', itemName: '', note: '' } });
  });

  it('refuses a number that cannot be called back, with a message naming what is expected', () => {
    for (const phone of ['12345', '1380013800', '23800138000', '66554433', '12345678901']) {
      const checked = checkCallback({ name: '王五', phone });
      expect(checked.ok, phone).toBe(false);
      if (!checked.ok) expect(checked.errors).toEqual({ phone: t.badPhone });
    }
  });

  it('names every bad field at once and leads with the first', () => {
    const checked = checkCallback({ name: '  ', phone: '', note: '长'.repeat(201) });
    expect(checked).toEqual({
      ok: false,
      errors: { name: t.nameNeeded, phone: t.phoneNeeded, note: t.tooLong(200) },
      message: t.nameNeeded,
    });
  });

  it('limits the name and the item', () => {
    const checked = checkCallback({ name: '名'.repeat(51), phone: '13800138000', itemName: '事'.repeat(101) });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors).toEqual({ name: t.tooLong(50), itemName: t.tooLong(100) });
  });
});
