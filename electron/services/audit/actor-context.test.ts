/**
 * The actor of each audit row comes from the request the dispatcher runs:
 * a citizen screen, the clerk signed in, a lead unlocked on that connection
 * (for the lead's tools only); `system` outside any request. Rows written
 * after an await, or by two requests interleaved, keep their own actor.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir';
import { createDispatcher, type Handlers } from '../api/dispatcher';
import type { Caller } from '../app/types';
import { openDatabase, type Db } from '../storage/database';
import { currentActor, requestActor, runAsActor } from './actor-context';
import { appendAudit } from './audit-log';
import { verifyAuditLog } from './audit-verify';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

const clerkScreen: Caller = { connection: 'ws-1', role: 'clerk' };
const leadScreen: Caller = { connection: 'ws-2', role: 'clerk' };
const citizenScreen: Caller = { connection: 'ws-3', role: 'citizen' };

/** A dispatcher whose handlers write an audit row each, with the facts the composition root supplies. */
function setup() {
  const db = openDatabase(join(tempDir('audit-actor-'), 'counter.sqlite'));
  open.push(db);
  let signedIn: string | null = '0342';
  const unlocked = new Map<string, string>([[leadScreen.connection, '0101']]);
  const leadMethods = new Set(['updateFollowUp', 'exportRatings']);
  const write = (kind: string) => appendAudit(db, new Date().toISOString(), kind, null);
  const handlers: Partial<Handlers> = {
    submitRating: () => {
      write('evaluation-rated');
      return { ok: true, message: '', status: 'rated' };
    },
    updateFollowUp: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      write('follow-up-updated');
      return { ok: true, message: '', followUp: null };
    },
    recordCallback: async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      write('callback-recorded');
      return { ok: true, message: '', errors: {}, callback: null };
    },
    signOut: () => {
      write('before-sign-out');
      signedIn = null;
      write('after-sign-out');
      // The result does not matter here (it fails the contract's check): the rows were written.
      return null as never;
    },
  };
  const handle = createDispatcher(handlers as Handlers, () => {}, {
    actor: (caller, method) =>
      requestActor(caller, method, {
        signedInClerk: () => signedIn,
        unlockedLead: (c) => unlocked.get(c.connection) ?? null,
        isLeadMethod: (m) => leadMethods.has(m),
      }),
  });
  const actors = () => db.prepare('SELECT kind, actor FROM audit_log ORDER BY id').all() as Array<{ kind: string; actor: string }>;
  return { db, handle, actors };
}

describe('the actor of a request', () => {
  it('citizen screen → citizen; clerk screen → the signed-in clerk; lead tools on an unlocked connection → the lead', async () => {
    const { db, handle, actors } = setup();
    expect(await handle('submitRating', { caseId: 'c-1', level: 'satisfied' }, citizenScreen)).toMatchObject({ ok: true });
    expect(await handle('recordCallback', { name: '张三', phone: '13800000000' }, clerkScreen)).toMatchObject({ ok: true });
    expect(await handle('updateFollowUp', { id: 1, close: true }, leadScreen)).toMatchObject({ ok: true });
    // The lead's connection asking a clerk's method acts as the clerk; the clerk's screen asking a lead method is no lead.
    expect(await handle('recordCallback', { name: '张三', phone: '13800000000' }, leadScreen)).toMatchObject({ ok: true });
    expect(await handle('updateFollowUp', { id: 1, close: true }, clerkScreen)).toMatchObject({ ok: true });
    expect(actors()).toEqual([
      { kind: 'evaluation-rated', actor: 'citizen' },
      { kind: 'callback-recorded', actor: 'clerk:0342' },
      { kind: 'follow-up-updated', actor: 'lead:0101' },
      { kind: 'callback-recorded', actor: 'clerk:0342' },
      { kind: 'follow-up-updated', actor: 'clerk:0342' },
    ]);
    expect(verifyAuditLog(db)).toMatchObject({ ok: true, rows: 5 });
  });

  it('a clerk connection’s citizen method is refused before any row (roles), so no row claims `citizen` from the clerk screen', async () => {
    const { handle, actors } = setup();
    expect(await handle('submitRating', { caseId: 'c-1', level: 'veryDissatisfied' }, clerkScreen)).toMatchObject({ ok: false });
    expect(actors()).toEqual([]);
  });

  it('two requests interleaved across awaits keep their own actors', async () => {
    const { handle, actors } = setup();
    await Promise.all([
      handle('recordCallback', { name: '张三', phone: '13800000000' }, clerkScreen), // writes after a timer
      handle('updateFollowUp', { id: 1, close: true }, leadScreen), // writes first, after setImmediate
      handle('submitRating', { caseId: 'c-1', level: 'satisfied' }, citizenScreen), // writes at once
    ]);
    expect(actors()).toEqual([
      { kind: 'evaluation-rated', actor: 'citizen' },
      { kind: 'follow-up-updated', actor: 'lead:0101' },
      { kind: 'callback-recorded', actor: 'clerk:0342' },
    ]);
  });

  it('is resolved when the row is written: a sign-out names the clerk before, and no one after', async () => {
    const { handle, actors } = setup();
    await handle('signOut', {}, clerkScreen);
    expect(actors()).toEqual([
      { kind: 'before-sign-out', actor: 'clerk:0342' },
      { kind: 'after-sign-out', actor: 'clerk' },
    ]);
  });
});

describe('outside a request', () => {
  it('is `system`, or the device a callback runs for (timers it starts included)', async () => {
    expect(currentActor()).toBe('system');
    const later = runAsActor('device:evaluator', () => new Promise<string>((resolve) => setTimeout(() => resolve(currentActor()), 1)));
    expect(await later).toBe('device:evaluator');
    expect(currentActor()).toBe('system');
  });

  it('never throws and never recurses: a resolver that fails or writes an audit row itself falls back', () => {
    expect(runAsActor(() => { throw new Error('service day unreadable'); }, currentActor, 'clerk')).toBe('clerk');
    const nested = runAsActor(() => `clerk:${currentActor()}`, currentActor, 'clerk');
    expect(nested).toBe('clerk:clerk');
  });
});
