/**
 * Who is acting, for the audit log, without passing it through every
 * service: the dispatcher runs each request inside a context that knows its
 * caller, device callbacks run inside one naming the device, and anything
 * else (timers, start-up, retention) is `system`.
 *
 * The actor is resolved when a row is written, not when the request starts,
 * so a sign-in's own row already names the clerk who signed in.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from '../app/types';

/** Outside any request or device callback. */
export const SYSTEM_ACTOR = 'system';
/** Rows written before the log carried an actor (migration 11). */
export const LEGACY_ACTOR = 'legacy';

interface ActorSource {
  resolve: () => string;
  /** When resolving fails or is already under way (it may itself write an audit row). */
  fallback: string;
}

const context = new AsyncLocalStorage<ActorSource>();
let resolving = false;

/** Runs `fn` (and everything it starts, timers and promises included) with `actor` as the audit log's actor. */
export function runAsActor<T>(actor: string | (() => string), fn: () => T, fallback = typeof actor === 'string' ? actor : SYSTEM_ACTOR): T {
  const resolve = typeof actor === 'string' ? () => actor : actor;
  return context.run({ resolve, fallback }, fn);
}

/** The actor of the code running now. Never throws. */
export function currentActor(): string {
  const source = context.getStore();
  if (!source) return SYSTEM_ACTOR;
  if (resolving) return source.fallback;
  resolving = true;
  try {
    return source.resolve() || source.fallback;
  } catch {
    return source.fallback;
  } finally {
    resolving = false;
  }
}

/** What a connection is, before anything more is known: `citizen` or `clerk`. */
export function roleActor(caller: Caller): string {
  return caller.role === 'citizen' ? 'citizen' : 'clerk';
}

export interface ActorFacts {
  /** The staff number of the clerk signed in at this counter, or null. */
  signedInClerk: () => string | null;
  /** The staff number of the lead unlocked on this connection, or null. */
  unlockedLead: (caller: Caller) => string | null;
  isLeadMethod: (method: string) => boolean;
}

/**
 * The actor of one request: `citizen` for a citizen screen; on a clerk
 * screen `lead:<staff no>` for a lead method while a lead is unlocked there,
 * else `clerk:<staff no>` of the clerk signed in (`clerk` when nobody is).
 */
export function requestActor(caller: Caller, method: string, facts: ActorFacts): string {
  if (caller.role === 'citizen') return 'citizen';
  if (facts.isLeadMethod(method)) {
    const lead = facts.unlockedLead(caller);
    if (lead) return `lead:${lead}`;
  }
  const clerk = facts.signedInClerk();
  return clerk ? `clerk:${clerk}` : 'clerk';
}
