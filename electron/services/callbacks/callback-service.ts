import type { Callback, CallbackDraft } from '../../../shared/contract';
import { checkCallback } from '../../../shared/domain/prompts/callback';
import { localDayKey } from '../../../shared/domain/service-day/time';
import { maskIdNumber } from '../../../shared/domain/id-number';
import { strings } from '../../../shared/i18n';
import type { Db } from '../storage/database';
import { CallbackStore } from './callback-store';

const t = strings.prompts.callback;

export interface CallbackServiceOptions {
  db: Db;
  /** The case open now, if any: the call-back is linked to it. */
  currentCaseId?: () => string | null;
  /** Told after every change (the day summary counts call-backs). */
  onChange?: () => void;
  now?: () => Date;
}

export type RecordOutcome = { ok: boolean; message: string; errors: Record<string, string>; callback: Callback | null };

/**
 * 回电登记 (Zhumadian 24): during a long system fault the clerk takes the
 * citizen's phone number to call back once the system is back. Each record
 * is stored the moment it is taken and stays 待回电 until ticked done; open
 * ones stay on the list across days and restarts.
 */
export class CallbackService {
  private readonly store: CallbackStore;
  private readonly now: () => Date;

  constructor(private readonly options: CallbackServiceOptions) {
    this.store = new CallbackStore(options.db);
    this.now = options.now ?? (() => new Date());
  }

  record(draft: CallbackDraft): RecordOutcome {
    const checked = checkCallback(draft);
    if (!checked.ok) return { ok: false, message: checked.message, errors: checked.errors, callback: null };
    const now = this.now();
    const at = now.toISOString();
    const caseId = this.options.currentCaseId?.() ?? null;
    const callback = this.store.insert({ ...checked.value, caseId, at, day: localDayKey(now) });
    // The audit trail never holds personal data: the phone masked, no name.
    this.store.audit(at, 'callback-recorded', caseId, maskIdNumber(callback.phone, 3, 4));
    this.options.onChange?.();
    return { ok: true, message: t.saved(callback.name, callback.phone), errors: {}, callback };
  }

  /** today: all open call-backs, then those done today; open: only the open ones. */
  list(scope: 'open' | 'today'): Callback[] {
    const open = this.store.open();
    if (scope === 'open') return open;
    const now = this.now();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
    return [...open, ...this.store.doneOn(localDayKey(now), midnight)];
  }

  setDone(id: number, done: boolean): { ok: boolean; message: string; callback: Callback | null } {
    const existing = this.store.get(id);
    if (!existing) return { ok: false, message: t.notFound, callback: null };
    const at = this.now().toISOString();
    this.store.setDone(id, done ? (existing.doneAt ?? at) : null);
    this.store.audit(at, done ? 'callback-done' : 'callback-reopened', existing.caseId, String(id));
    this.options.onChange?.();
    return { ok: true, message: '', callback: this.store.get(id) };
  }

  /** For the day summary: recorded in [from, until), and how many of those are still open. */
  countBetween(from: string, until: string): { recorded: number; open: number } {
    return this.store.countBetween(from, until);
  }
}
