import { describe, expect, it } from 'vitest';
import type { DriverContext } from '../driver';
import { ReconnectingDriver } from './reconnecting-driver';

type State = 'open' | 'lost';

/** A driver whose connections are scripted: each entry is how one attempt ends. */
class ScriptedDriver extends ReconnectingDriver<State> {
  readonly lines: string[] = [];
  released = 0;
  attempts = 0;
  constructor(private readonly script: Array<'worked' | 'failed' | 'throw' | 'hang'>) {
    super({ defaultReconnectDelaysMs: [1] });
  }
  protected override async connectOnce(): Promise<boolean> {
    const step = this.script[this.attempts++] ?? 'hang';
    this.setState('open');
    if (step === 'throw') throw new Error('未处理的错误');
    if (step === 'hang') {
      while (!this.stopped) await this.sleep(60_000);
      return true;
    }
    this.setState('lost');
    return step === 'worked';
  }
  protected override release(): void {
    this.released++;
    this.wakeUp();
  }
  protected override log(line: string): void {
    this.lines.push(line);
  }
}

function context(): DriverContext & { statuses: string[] } {
  const statuses: string[] = [];
  return {
    statuses,
    setStatus: (state, reason) => statuses.push(`${state}:${reason}`),
    report: () => {},
    notice: () => {},
  } as DriverContext & { statuses: string[] };
}

describe('ReconnectingDriver', () => {
  it('keeps connecting until it serves, then stop releases the connection and reports closed', async () => {
    const driver = new ScriptedDriver(['failed', 'worked', 'hang']);
    const states: string[] = [];
    driver.onState((s) => states.push(s));
    await driver.start(context());
    while (driver.attempts < 3) await new Promise((r) => setTimeout(r, 5));
    await driver.stop();
    expect(driver.released).toBe(1);
    expect(driver.state).toBe('closed');
    expect(states).toEqual(['open', 'lost', 'open', 'lost', 'open', 'closed']);
  });

  it('an unhandled error becomes a 故障 status and a log line, not a crash', async () => {
    const driver = new ScriptedDriver(['throw']);
    const ctx = context();
    await driver.start(ctx);
    await driver.stop();
    expect(ctx.statuses).toEqual(['fault:未处理的错误']);
    expect(driver.lines).toEqual(['驱动异常退出：未处理的错误']);
  });
});
