import { describe, expect, it } from 'vitest';
import { mayCall, methods, type MethodName } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import type { Caller } from '../app/types';
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

describe('dispatcher: roles, as an attacker on the wrong screen would try them', () => {
  const citizen: Caller = { connection: 'ws:citizen', role: 'citizen' };
  const clerk: Caller = { connection: 'ws:clerk', role: 'clerk' };
  const names = Object.keys(methods) as MethodName[];
  const clerkMethods = names.filter((name) => !mayCall(name, 'citizen'));
  const citizenMethods = names.filter((name) => mayCall(name, 'citizen'));

  /** Every handler of the contract, each recording that it ran. */
  function recording() {
    const ran: string[] = [];
    const handlers = Object.fromEntries(
      names.map((name) => [
        name,
        () => {
          ran.push(name);
          throw new Error('the handler ran');
        },
      ]),
    ) as unknown as Handlers;
    const logs: string[] = [];
    return { handle: createDispatcher(handlers, (line) => logs.push(line)), ran, logs };
  }

  // A payload an attacker would send: the applicant's number, in params the method may or may not accept.
  const secret = { idNumber: '11010519491231002X', staffNo: '0101', pin: '246810' };

  it('the contract has clerk methods and citizen methods (the enumeration below is not empty)', () => {
    expect(clerkMethods.length).toBeGreaterThan(30);
    // The rating, and 签名 on the citizen screen (issue 10): the box, its ink, 重签 and 确认.
    expect(citizenMethods.sort()).toEqual(['confirmSignature', 'getCitizenScreen', 'getRatingRequest', 'getSigning', 'resetSignature', 'submitRating', 'submitScreenInk']);
  });

  it.each(clerkMethods)('a citizen connection calling %s is refused as forbidden, before params are read, and its handler never runs', async (method) => {
    const { handle, ran, logs } = recording();
    const outcome = await handle(method, secret, citizen);
    expect(outcome).toEqual({ ok: false, error: { code: 'forbidden', message: strings.roles.forbidden(method) } });
    expect(ran).toEqual([]);
    // Logged with the method and the role, never the params.
    expect(logs).toEqual([strings.roles.logForbidden(method, 'citizen')]);
    expect(logs.join('\n')).not.toContain(secret.idNumber);
    expect(logs.join('\n')).not.toContain(secret.pin);
  });

  it('a clerk connection submitting a rating (for its own case, as if from the citizen screen) is refused and nothing is recorded', async () => {
    const { handle, ran } = recording();
    const outcome = await handle('submitRating', { caseId: 'C-1', level: 'verySatisfied' }, clerk);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ran).toEqual([]);
  });

  it.each(['getRatingRequest', 'getCitizenScreen'] as const)('a clerk connection may not read the citizen screen’s %s either', async (method) => {
    const { handle, ran } = recording();
    expect(await handle(method, {}, clerk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ran).toEqual([]);
  });

  it('a role the contract does not know may call nothing', async () => {
    const { handle, ran } = recording();
    for (const method of names) {
      expect(await handle(method, {}, { connection: 'x', role: 'lead' as never })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(ran).toEqual([]);
  });

  it('each role still reaches the methods it is for', async () => {
    const { handle, ran } = recording();
    await handle('getRatingRequest', {}, citizen);
    await handle('getSnapshot', {}, clerk);
    expect(ran).toEqual(['getRatingRequest', 'getSnapshot']);
  });
});
