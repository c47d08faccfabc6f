/**
 * Who unlocked which connection with staff number and PIN, for a screen
 * gated to one kind of account (组长查看: `lead`, 设备与诊断: `it`). One
 * unlock per connection (a WebSocket, or one Electron window); it ends on
 * lock (退出), when the connection closes, or after `idleMinutes` without a
 * gated request. The PIN is checked by the credential check shared with the
 * clerk sign-in (credential-check.ts), so wrong PINs lock the staff number,
 * the connection and the counter out for a while.
 *
 * The gates (lead/lead-gate.ts, it-desk/it-gate.ts) keep their own session
 * views, refusal errors and extras (the lead's download tickets); this holds
 * what they share.
 */
import type { StaffAccount } from '../../../shared/contract';
import { AttemptLimiter, MemoryLockoutStore } from '../../../shared/domain/lead/lockout';
import { CredentialCheck } from './credential-check';

/** The audit kinds of a gate: `lead-unlocked`, `it-locked-out` … */
export type UnlockAuditKind<K extends string> = `${K}-unlocked` | `${K}-unlock-failed` | `${K}-locked-out` | `${K}-locked`;

/** The Chinese answers of one gate (shared/i18n: strings.lead.gate, strings.itDesk.gate). */
export interface UnlockTexts {
  /** A call without a connection (it could never be told apart from another). */
  noConnection: string;
  /** A wrong PIN, with the tries left on this staff number. */
  wrong: (left: number) => string;
  unlocked: (name: string) => string;
  /** A gated request on a connection that has not unlocked. */
  needed: string;
  /** A gated request after the unlock went idle. */
  idle: (minutes: number) => string;
}

/** The part of a gate's configuration (config `lead`, `it`) the unlock reads. */
export interface UnlockPolicy {
  accounts: readonly StaffAccount[];
  idleMinutes: number;
  maxFailures: number;
  lockoutMinutes: number;
}

export interface ConnectionUnlocksOptions<K extends 'lead' | 'it'> {
  kind: K;
  config: () => UnlockPolicy;
  texts: UnlockTexts;
  now: () => number;
  /** Told of unlocks, failures, lock-outs and locks (the audit log), with the staff number only. */
  audit?: (kind: UnlockAuditKind<K>, staffNo: string) => void;
  /** The check shared with the clerk sign-in (its lock-outs persisted); one in memory when not given. */
  credentials?: CredentialCheck;
  /** An unlock ended (lock, closed connection, idle): what the gate ties to it ends too. */
  onEnd?: (connection: string) => void;
}

interface Unlocked {
  account: StaffAccount;
  lastActive: number;
}

export class ConnectionUnlocks<K extends 'lead' | 'it'> {
  private readonly sessions = new Map<string, Unlocked>();
  private readonly credentials: CredentialCheck;

  constructor(private readonly options: ConnectionUnlocksOptions<K>) {
    this.credentials = options.credentials ?? new CredentialCheck({ limiter: new AttemptLimiter(new MemoryLockoutStore()), now: options.now });
  }

  /** Checks the staff number and PIN and, if right, unlocks this connection. */
  async unlock(connection: string, typedStaffNo: string, pin: string): Promise<{ ok: boolean; message: string }> {
    const { kind, texts, audit } = this.options;
    const staffNo = typedStaffNo.trim();
    if (!connection) return { ok: false, message: texts.noConnection };
    const config = this.options.config();
    const outcome = await this.credentials.check({ kind, connection, staffNo, pin, accounts: config.accounts, policy: config, wrong: texts.wrong });
    if (!outcome.ok) {
      // A refusal before the PIN was looked at (already locked) is not a new failure.
      if (outcome.lockedOut || outcome.by === null) audit?.(outcome.lockedOut ? `${kind}-locked-out` : `${kind}-unlock-failed`, staffNo);
      return { ok: false, message: outcome.message };
    }
    this.sessions.set(connection, { account: outcome.account, lastActive: this.options.now() });
    audit?.(`${kind}-unlocked`, staffNo);
    return { ok: true, message: texts.unlocked(outcome.account.name) + outcome.note };
  }

  /** 退出: the connection's unlock ends (audited if there was one). */
  lock(connection: string): void {
    const unlocked = this.sessions.get(connection);
    if (unlocked) this.options.audit?.(`${this.options.kind}-locked`, unlocked.account.staffNo);
    this.end(connection);
  }

  /** The connection closed, or its unlock ended. */
  end(connection: string): void {
    this.sessions.delete(connection);
    this.options.onEnd?.(connection);
  }

  /** The account that unlocked this connection and is not idle, or null; does not count as activity. */
  current(connection: string): StaffAccount | null {
    const unlocked = this.sessions.get(connection);
    return unlocked && !this.endIfIdle(connection, unlocked) ? unlocked.account : null;
  }

  /**
   * Why this connection may not make a gated request (Chinese), or null when
   * it may; a pass counts as activity.
   */
  refusal(connection: string): string | null {
    const unlocked = this.sessions.get(connection);
    if (!connection || !unlocked) return this.options.texts.needed;
    if (this.endIfIdle(connection, unlocked)) return this.options.texts.idle(this.options.config().idleMinutes);
    unlocked.lastActive = this.options.now();
    return null;
  }

  /** The account of a connection whatever its idleness (who held a ticket), or null. */
  holder(connection: string): StaffAccount | null {
    return this.sessions.get(connection)?.account ?? null;
  }

  /** An unlock left idle past `idleMinutes` ends; true if it did. */
  private endIfIdle(connection: string, unlocked: Unlocked): boolean {
    if (this.options.now() - unlocked.lastActive <= this.options.config().idleMinutes * 60_000) return false;
    this.end(connection);
    return true;
  }
}
