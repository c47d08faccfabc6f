import { describe, expect, it } from 'vitest';
import { strings } from '../../../shared/i18n';
import { defaultConfig, parseConfigText } from './config-file';

const v = strings.serviceDay.validation;

function issuesOf(serviceDay: unknown): Record<string, string> {
  const parsed = parseConfigText(JSON.stringify({ serviceDay }));
  if (parsed.ok) return {};
  return Object.fromEntries(parsed.issues.map((i) => [i.field, i.message]));
}

describe('config: serviceDay', () => {
  it('defaults to the norm: ID reader, printer and evaluator required; 09:00–17:00, lunch 12:00–13:30', () => {
    expect(defaultConfig().serviceDay).toEqual({
      requiredDevices: ['idcard', 'printer', 'evaluator'],
      openingTime: '09:00',
      closingTime: '17:00',
      lunchStart: '12:00',
      lunchEnd: '13:30',
    });
  });

  it('reads a centre’s own hours and required devices', () => {
    const parsed = parseConfigText(JSON.stringify({ serviceDay: { requiredDevices: ['idcard'], openingTime: '08:30', closingTime: '18:00' } }));
    expect(parsed.ok && parsed.config.serviceDay).toEqual({
      requiredDevices: ['idcard'],
      openingTime: '08:30',
      closingTime: '18:00',
      lunchStart: '12:00',
      lunchEnd: '13:30',
    });
  });

  it('reports bad times, inverted spans and unknown devices by field, in Chinese', () => {
    expect(issuesOf({ openingTime: '9:00', lunchEnd: '25:00' })).toEqual({ 'serviceDay.openingTime': v.timeOfDay, 'serviceDay.lunchEnd': v.timeOfDay });
    expect(issuesOf({ openingTime: '17:00', closingTime: '09:00' })).toEqual({ 'serviceDay.closingTime': v.closingBeforeOpening });
    expect(issuesOf({ lunchStart: '13:00', lunchEnd: '12:00' })).toEqual({ 'serviceDay.lunchEnd': v.lunchEndBeforeStart });
    expect(issuesOf({ requiredDevices: ['scanner'] })['serviceDay.requiredDevices.0']).toMatch(/^取值无效，可选：idcard、camera/);
    expect(issuesOf({ requireSignIn: false })['serviceDay']).toBe('无法识别的配置项：requireSignIn');
  });
});
