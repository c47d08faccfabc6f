/**
 * The IT gate of 设备与诊断: device settings, tests, candidates and the
 * diagnostic bundle answer only a connection where an IT account (config
 * `it.accounts`) unlocked with staff number and PIN. As the lead gate
 * (lead/lead-gate.ts): one unlock per connection, ended by 退出 IT 模式, the
 * connection closing, or `idleMinutes` without an IT request; the PIN is
 * checked by the credential check shared with the lead unlock and the clerk
 * sign-in, so wrong PINs lock the staff number, the screen and the counter
 * out for a while (persisted across restarts). The unlock itself is
 * accounts/connection-unlocks.ts, shared with the lead gate.
 */
import type { ItConfig, ItSession, StaffAccount } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { ConnectionUnlocks, type UnlockAuditKind } from '../accounts/connection-unlocks';
import type { CredentialCheck } from '../accounts/credential-check';
import type { Caller } from '../app/types';

const g = strings.itDesk.gate;

/** A refusal of an IT method; its message is the Chinese text IT reads. */
export class ItRequiredError extends Error {
  override readonly name = 'ItRequiredError';
}

export type ItAuditKind = UnlockAuditKind<'it'>;

export interface ItGateOptions {
  config: () => ItConfig;
  now?: () => number;
  /** Told of unlocks, failures, lock-outs and locks (the audit log), with the staff number only. */
  audit?: (kind: ItAuditKind, staffNo: string) => void;
  /** The check shared with the lead unlock and the clerk sign-in; one in memory when not given. */
  credentials?: CredentialCheck;
}

export class ItGate {
  private readonly unlocks: ConnectionUnlocks<'it'>;

  constructor(private readonly options: ItGateOptions) {
    this.unlocks = new ConnectionUnlocks({
      kind: 'it',
      config: options.config,
      texts: { noConnection: g.noConnection, wrong: g.wrong, unlocked: g.unlocked, needed: g.needsIt, idle: g.idle },
      now: options.now ?? Date.now,
      audit: options.audit,
      credentials: options.credentials,
    });
  }

  /** The session as the IT screen shows it (does not count as activity). */
  session(caller: Caller): ItSession {
    const config = this.options.config();
    const account = this.unlocks.current(caller.connection);
    return {
      configured: config.accounts.length > 0,
      it: account ? { staffNo: account.staffNo, name: account.name } : null,
      idleMinutes: config.idleMinutes,
    };
  }

  async unlock(caller: Caller, typedStaffNo: string, pin: string): Promise<{ ok: boolean; message: string; session: ItSession }> {
    const answer = await this.unlocks.unlock(caller.connection, typedStaffNo, pin);
    return { ...answer, session: this.session(caller) };
  }

  /** 退出 IT 模式. */
  lock(caller: Caller): ItSession {
    this.unlocks.lock(caller.connection);
    return this.session(caller);
  }

  /** The connection closed. */
  end(connection: string): void {
    this.unlocks.end(connection);
  }

  /** Whether this connection has IT unlocked now (no activity counted). */
  isUnlocked(caller: Caller): boolean {
    return this.unlocks.current(caller.connection) !== null;
  }

  /**
   * Why this connection may not call an IT method (Chinese), or null when it
   * may; a pass counts as activity. The dispatcher asks before the params are read.
   */
  refusal(caller: Caller): string | null {
    return this.unlocks.refusal(caller.connection);
  }

  /** The unlocked IT account of this connection, or an ItRequiredError; counts as activity. */
  require(caller: Caller): StaffAccount {
    const refused = this.refusal(caller);
    if (refused) throw new ItRequiredError(refused);
    return this.unlocks.holder(caller.connection)!;
  }
}
