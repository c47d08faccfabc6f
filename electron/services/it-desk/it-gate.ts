/**
 * The IT gate of 设备与诊断: device settings, tests, candidates and the
 * diagnostic bundle answer only a connection where an IT account (config
 * `it.accounts`) unlocked with staff number and PIN. As the lead gate
 * (lead/lead-gate.ts): one unlock per connection, ended by 退出 IT 模式, the
 * connection closing, or `idleMinutes` without an IT request; the PIN is
 * checked by the credential check shared with the lead unlock and the clerk
 * sign-in, so wrong PINs lock the staff number, the screen and the counter
 * out for a while (persisted across restarts).
 */
import type { ItConfig, ItSession, StaffAccount } from '../../../shared/contract';
import { AttemptLimiter, MemoryLockoutStore } from '../../../shared/domain/lead/lockout';
import { strings } from '../../../shared/i18n';
import { CredentialCheck } from '../accounts/credential-check';
import type { Caller } from '../app/types';

const g = strings.itDesk.gate;

/** A refusal of an IT method; its message is the Chinese text IT reads. */
export class ItRequiredError extends Error {
  override readonly name = 'ItRequiredError';
}

export type ItAuditKind = 'it-unlocked' | 'it-unlock-failed' | 'it-locked-out' | 'it-locked';

export interface ItGateOptions {
  config: () => ItConfig;
  now?: () => number;
  /** Told of unlocks, failures, lock-outs and locks (the audit log), with the staff number only. */
  audit?: (kind: ItAuditKind, staffNo: string) => void;
  /** The check shared with the lead unlock and the clerk sign-in; one in memory when not given. */
  credentials?: CredentialCheck;
}

interface Unlocked {
  account: StaffAccount;
  lastActive: number;
}

export class ItGate {
  private readonly sessions = new Map<string, Unlocked>();
  private readonly credentials: CredentialCheck;
  private readonly now: () => number;

  constructor(private readonly options: ItGateOptions) {
    this.now = options.now ?? Date.now;
    this.credentials = options.credentials ?? new CredentialCheck({ limiter: new AttemptLimiter(new MemoryLockoutStore()), now: this.now });
  }

  /** The session as the IT screen shows it (does not count as activity). */
  session(caller: Caller): ItSession {
    const config = this.options.config();
    const unlocked = this.current(caller.connection);
    return {
      configured: config.accounts.length > 0,
      it: unlocked ? { staffNo: unlocked.account.staffNo, name: unlocked.account.name } : null,
      idleMinutes: config.idleMinutes,
    };
  }

  async unlock(caller: Caller, typedStaffNo: string, pin: string): Promise<{ ok: boolean; message: string; session: ItSession }> {
    const staffNo = typedStaffNo.trim();
    const refuse = (message: string) => ({ ok: false, message, session: this.session(caller) });
    if (!caller.connection) return refuse(g.noConnection);
    const config = this.options.config();
    const outcome = await this.credentials.check({ kind: 'it', connection: caller.connection, staffNo, pin, accounts: config.accounts, policy: config, wrong: g.wrong });
    if (!outcome.ok) {
      // A refusal before the PIN was looked at (already locked) is not a new failure.
      if (outcome.lockedOut || outcome.by === null) this.options.audit?.(outcome.lockedOut ? 'it-locked-out' : 'it-unlock-failed', staffNo);
      return refuse(outcome.message);
    }
    this.sessions.set(caller.connection, { account: outcome.account, lastActive: this.now() });
    this.options.audit?.('it-unlocked', staffNo);
    return { ok: true, message: g.unlocked(outcome.account.name) + outcome.note, session: this.session(caller) };
  }

  /** 退出 IT 模式. */
  lock(caller: Caller): ItSession {
    const unlocked = this.sessions.get(caller.connection);
    if (unlocked) this.options.audit?.('it-locked', unlocked.account.staffNo);
    this.end(caller.connection);
    return this.session(caller);
  }

  /** The connection closed. */
  end(connection: string): void {
    this.sessions.delete(connection);
  }

  /** Whether this connection has IT unlocked now (no activity counted). */
  isUnlocked(caller: Caller): boolean {
    return this.current(caller.connection) !== null;
  }

  /**
   * Why this connection may not call an IT method (Chinese), or null when it
   * may; a pass counts as activity. The dispatcher asks before the params are read.
   */
  refusal(caller: Caller): string | null {
    const unlocked = this.sessions.get(caller.connection);
    if (!caller.connection || !unlocked) return g.needsIt;
    if (this.endIfIdle(caller.connection, unlocked)) return g.idle(this.options.config().idleMinutes);
    unlocked.lastActive = this.now();
    return null;
  }

  /** The unlocked IT account of this connection, or an ItRequiredError; counts as activity. */
  require(caller: Caller): StaffAccount {
    const refused = this.refusal(caller);
    if (refused) throw new ItRequiredError(refused);
    return this.sessions.get(caller.connection)!.account;
  }

  private current(connection: string): Unlocked | null {
    const unlocked = this.sessions.get(connection);
    return unlocked && !this.endIfIdle(connection, unlocked) ? unlocked : null;
  }

  private endIfIdle(connection: string, unlocked: Unlocked): boolean {
    if (this.now() - unlocked.lastActive <= this.options.config().idleMinutes * 60_000) return false;
    this.end(connection);
    return true;
  }
}
