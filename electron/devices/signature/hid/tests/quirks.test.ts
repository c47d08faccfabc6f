import { describe, expect, it } from 'vitest';
import { usbIdText } from '../../pad-hid-device';
import { NO_QUIRKS, quirksFor } from '../quirks';

describe('quirksFor', () => {
  it('inverts In Range for Huion (and Gaomon on its id) and UC-Logic, whatever the product', () => {
    expect(quirksFor(0x256c, 0x006e).invertInRange).toBe(true);
    expect(quirksFor(0x256c, 0x006d).invertInRange).toBe(true);
    expect(quirksFor(0x5543, 0x0005).invertInRange).toBe(true);
  });

  it('leaves XP-Pen, Wacom, unknown and unidentified pads alone', () => {
    expect(quirksFor(0x28bd, 0x0042)).toEqual(NO_QUIRKS);
    expect(quirksFor(0x056a, 0x0357)).toEqual(NO_QUIRKS);
    expect(quirksFor(0x1234, 0x5678)).toEqual(NO_QUIRKS);
    expect(quirksFor(null, null)).toEqual(NO_QUIRKS);
  });

  it('writes USB ids as lsusb does', () => {
    expect(usbIdText(0x256c, 0x6e)).toBe('256c:006e');
  });
});
