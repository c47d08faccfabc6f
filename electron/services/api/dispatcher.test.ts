import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../../shared/contract';
import { createDispatcher, type Handlers } from './dispatcher';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
const fast = { deadlineMs: 200, delaysMs: [5] };

function dispatcher(overrides: Partial<Handlers>, rerun: MethodName[], writes?: () => number) {
  const logs: string[] = [];
  const handle = createDispatcher(overrides as Handlers, (line) => logs.push(line), {
    rerunOnBusy: new Set(rerun),
    writesSoFar: writes,
    busyRetry: fast,
  });
  return { handle, logs };
}

describe('dispatcher under a database lock', () => {
  it('runs a rerunnable request again after SQLITE_BUSY and answers once it goes through', async () => {
    let runs = 0;
    const { handle } = dispatcher(
      {
        retryPrint: () => {
          runs++;
          if (runs < 3) throw busy();
          return { ok: true };
        },
      },
      ['retryPrint'],
    );
    expect(await handle('retryPrint', { slipId: 1 })).toEqual({ ok: true, result: { ok: true } });
    expect(runs).toBe(3);
  });

  it('does not run a request again when the failed run had committed a row', async () => {
    let runs = 0;
    let rows = 0;
    const { handle } = dispatcher(
      {
        recordCallback: () => {
          runs++;
          rows++; // the first statement committed …
          throw busy(); // … the second met the lock
        },
      },
      ['recordCallback'],
      () => rows,
    );
    const outcome = await handle('recordCallback', { name: '张三', phone: '13800138000', itemName: '', note: '' });
    expect(runs).toBe(1);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it('does not run again a request that is not listed', async () => {
    let runs = 0;
    const { handle } = dispatcher(
      {
        retryPrint: () => {
          runs++;
          throw busy();
        },
      },
      [],
    );
    await handle('retryPrint', { slipId: 1 });
    expect(runs).toBe(1);
  });

  it('after the deadline answers in Chinese, with the SQLite code and no English, and logs the code', async () => {
    const { handle, logs } = dispatcher(
      {
        retryPrint: () => {
          throw busy();
        },
      },
      ['retryPrint'],
    );
    const outcome = await handle('retryPrint', { slipId: 1 });
    expect(outcome.ok).toBe(false);
    const message = outcome.ok ? '' : outcome.error.message;
    expect(message).toContain('数据库正被其他程序占用');
    expect(message).not.toContain('database is locked');
    expect(logs).toEqual(['请求 retryPrint 失败：Error（SQLITE_BUSY）']);
  });
});
