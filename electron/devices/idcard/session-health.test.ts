import { describe, expect, it } from 'vitest';
import { InvalidSessionError, SessionHealth } from './session-health';

function clocked() {
  let now = 0;
  const health = new SessionHealth({ windowMs: 10_000, maxFaults: 3, now: () => now });
  return { health, advance: (ms: number) => void (now += ms) };
}

describe('SAM session health', () => {
  it('tolerates a stray frame or an odd answer now and then', () => {
    const { health, advance } = clocked();
    health.record('stray');
    advance(6000);
    health.record('badAnswer');
    expect(health.verdict()).toBeNull();
    expect(() => health.assertValid()).not.toThrow();
    advance(6000); // the first one is out of the window
    health.record('stray');
    expect(health.verdict()).toBeNull();
  });

  it('judges a line with several within the window not a SAM session, in Chinese, with what was seen', () => {
    const { health } = clocked();
    health.record('stray');
    health.record('stray');
    health.record('badAnswer');
    expect(health.verdict()).toBe(
      '阅读器应答不符合协议（10 秒内多次收到未经请求的应答、与命令不符的应答），可能线路受干扰或所接设备不是身份证阅读器，请检查连线和端口配置，或重新插拔阅读器',
    );
    expect(() => health.assertValid()).toThrow(InvalidSessionError);
  });

  it('trusts the line again only after a whole quiet window, or at once after clear (another reader)', () => {
    const { health, advance } = clocked();
    for (let i = 0; i < 5; i++) health.record('stray');
    advance(9_999);
    expect(health.verdict()).not.toBeNull();
    advance(2);
    expect(health.verdict()).toBeNull();
    for (let i = 0; i < 5; i++) health.record('badAnswer');
    health.clear();
    expect(health.verdict()).toBeNull();
  });
});
