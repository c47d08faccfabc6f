import { describe, expect, it } from 'vitest';
import { CounterConfigSchema, EvaluationConfigSchema } from '../../../shared/contract';
import { parseConfigText } from '../../services/config/config-file';
import { SerialEvaluatorDriver } from './driver';
import { createEvaluatorDriver, evaluatorMapping } from './factory';
import { HidKeypadDriver } from './hid-driver';

const device = (over: Record<string, unknown> = {}) => EvaluationConfigSchema.parse({ device: over }).device;

describe('evaluator from configuration', () => {
  it('defaults: our serial profile at address 1, 200 ms heartbeat, the nine default reasons, confidential, no upload yet', () => {
    const c = CounterConfigSchema.parse({}).evaluation;
    expect(c).toMatchObject({ autoRequest: true, confidential: true, unratedAfterMinutes: 30, defaultLevel: null, rectificationWorkingDays: 5, upload: { url: '', codeDirection: 'national' } });
    expect(c.device).toMatchObject({ profile: 'serial', address: 1, heartbeatMs: 200 });
    expect(c.reasons).toHaveLength(9);
  });

  it('picks the driver of the profile and refuses a port that does not fit it', () => {
    expect(createEvaluatorDriver({ mode: 'hardware', port: '/dev/ttyUSB1' }, device())).toBeInstanceOf(SerialEvaluatorDriver);
    expect(createEvaluatorDriver({ mode: 'hardware', port: 'hid:1a2b:3c4d' }, device({ profile: 'hid' }))).toBeInstanceOf(HidKeypadDriver);
    expect(() => createEvaluatorDriver({ mode: 'hardware', port: '/dev/ttyUSB1' }, device({ profile: 'hid' }))).toThrow('HID 评价器的端口须以 hid: 开头');
    expect(() => createEvaluatorDriver({ mode: 'hardware', port: 'hid:/dev/hidraw1' }, device())).toThrow('无法识别的评价器端口配置');
    expect(() => createEvaluatorDriver({ mode: 'hardware', port: 'auto' }, device())).toThrow('无法识别的评价器端口配置');
  });

  it('shows IT the mapping a serial keypad gets from its key count, or the configured one', () => {
    expect(evaluatorMapping(device(), 4).unreachable).toEqual(['veryDissatisfied']);
    expect(evaluatorMapping(device(), 5).rows).toHaveLength(5);
    expect(evaluatorMapping(device({ keyMap: { 1: 'satisfied', 2: 'dissatisfied' } }), 5).source).toBe('按键映射：配置文件 evaluation.device.keyMap');
  });

  it('reports configuration mistakes field by field in Chinese', () => {
    const parsed = parseConfigText(
      JSON.stringify({
        evaluation: {
          device: { keyMap: { F1: 'satisfied' } },
          upload: { url: 'ftp://platform' },
          reasons: [
            { code: 'X', label: '甲', group: 'attitude' },
            { code: 'X', label: '乙', group: 'efficiency' },
          ],
        },
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const fields = parsed.issues.map((i) => i.field);
    expect(fields.some((f) => f.startsWith('evaluation.device.keyMap'))).toBe(true);
    expect(fields).toContain('evaluation.upload.url');
    expect(parsed.issues.find((i) => i.field === 'evaluation.reasons')?.message).toBe('原因代码重复：X');
    expect(parsed.issues.find((i) => i.field.startsWith('evaluation.device.keyMap'))?.message).toBe('按键应写作十进制（如 3）或十六进制（如 0x1E）');
  });
});
