/**
 * The lead gate: statistics, 差评 follow-ups and exports show rating levels
 * that the clerk's screen keeps confidential, so the service answers them
 * only on a connection where a lead (组长) has unlocked with staff number
 * and PIN. One unlock per connection (a WebSocket, or one Electron window):
 * it ends on 退出, when the connection closes, or after `idleMinutes`
 * without a lead request. The staff number and PIN are checked by the
 * credential check shared with the clerk sign-in (accounts/credential-check.ts):
 * wrong PINs lock the staff number, the connection and the counter out for a
 * while, and the locks survive a restart.
 *
 * Download tickets: an export's file is fetched by the web shell over plain
 * HTTP, which carries no connection; the export hands out a random ticket
 * for that one file, good while the lead who exported stays unlocked.
 */
import { randomBytes } from 'node:crypto';
import type { LeadAccount, LeadConfig, LeadSession } from '../../../shared/contract';
import { AttemptLimiter, MemoryLockoutStore } from '../../../shared/domain/lead/lockout';
import { strings } from '../../../shared/i18n';
import { CredentialCheck } from '../accounts/credential-check';
import type { Caller } from '../app/types';

const g = strings.lead.gate;

// An empty connection name (a direct call without a caller) can never unlock.
export type { Caller };

/** A refusal of a lead method; its message is the Chinese text the lead reads. */
export class LeadRequiredError extends Error {
  override readonly name = 'LeadRequiredError';
}

interface Unlocked {
  lead: LeadAccount;
  lastActive: number;
}

interface Ticket {
  connection: string;
  fileName: string;
  expires: number;
}

const TICKET_MS = 15 * 60_000;

export interface LeadGateOptions {
  config: () => LeadConfig;
  now?: () => number;
  /** Told of unlocks, failures, lock-outs and locks (the audit log); never the PIN. */
  audit?: (kind: 'lead-unlocked' | 'lead-unlock-failed' | 'lead-locked-out' | 'lead-locked', staffNo: string) => void;
  /** The check shared with the clerk sign-in (its lock-outs persisted); one in memory when not given. */
  credentials?: CredentialCheck;
}

export class LeadGate {
  private readonly sessions = new Map<string, Unlocked>();
  private readonly tickets = new Map<string, Ticket>();
  private readonly credentials: CredentialCheck;
  private readonly now: () => number;

  constructor(private readonly options: LeadGateOptions) {
    this.now = options.now ?? Date.now;
    this.credentials = options.credentials ?? new CredentialCheck({ limiter: new AttemptLimiter(new MemoryLockoutStore()), now: this.now });
  }

  private get idleMs(): number {
    return this.options.config().idleMinutes * 60_000;
  }

  /** The session as the lead view shows it (does not count as activity). */
  session(caller: Caller): LeadSession {
    const config = this.options.config();
    const unlocked = this.current(caller.connection);
    return {
      configured: config.accounts.length > 0,
      lead: unlocked ? { staffNo: unlocked.lead.staffNo, name: unlocked.lead.name } : null,
      idleMinutes: config.idleMinutes,
    };
  }

  async unlock(caller: Caller, typedStaffNo: string, pin: string): Promise<{ ok: boolean; message: string; session: LeadSession }> {
    const staffNo = typedStaffNo.trim();
    const refuse = (message: string) => ({ ok: false, message, session: this.session(caller) });
    if (!caller.connection) return refuse(g.noConnection);
    const config = this.options.config();
    const outcome = await this.credentials.check({
      kind: 'lead',
      connection: caller.connection,
      staffNo,
      pin,
      accounts: config.accounts,
      policy: config,
      wrong: g.wrong,
    });
    if (!outcome.ok) {
      // A refusal before the PIN was looked at (already locked) is not a new failure.
      if (outcome.lockedOut || outcome.by === null) this.options.audit?.(outcome.lockedOut ? 'lead-locked-out' : 'lead-unlock-failed', staffNo);
      return refuse(outcome.message);
    }
    this.sessions.set(caller.connection, { lead: outcome.account, lastActive: this.now() });
    this.options.audit?.('lead-unlocked', staffNo);
    return { ok: true, message: g.unlocked(outcome.account.name) + outcome.note, session: this.session(caller) };
  }

  /** 退出: this connection's unlock and its download tickets end. */
  lock(caller: Caller): LeadSession {
    const unlocked = this.sessions.get(caller.connection);
    if (unlocked) this.options.audit?.('lead-locked', unlocked.lead.staffNo);
    this.end(caller.connection);
    return this.session(caller);
  }

  /** The connection closed. */
  end(connection: string): void {
    this.sessions.delete(connection);
    for (const [ticket, t] of this.tickets) if (t.connection === connection) this.tickets.delete(ticket);
  }

  /** The unlocked lead of this connection, or a LeadRequiredError; counts as activity. */
  require(caller: Caller): LeadAccount {
    const unlocked = this.sessions.get(caller.connection);
    if (!caller.connection || !unlocked) throw new LeadRequiredError(g.needsLead);
    if (this.endIfIdle(caller.connection, unlocked)) throw new LeadRequiredError(g.idle(this.options.config().idleMinutes));
    unlocked.lastActive = this.now();
    return unlocked.lead;
  }

  /** A ticket for downloading one export file (web shell). */
  issueTicket(caller: Caller, fileName: string): string {
    this.require(caller);
    const now = this.now();
    for (const [ticket, t] of this.tickets) if (t.expires <= now) this.tickets.delete(ticket);
    const ticket = randomBytes(18).toString('base64url');
    this.tickets.set(ticket, { connection: caller.connection, fileName, expires: now + TICKET_MS });
    return ticket;
  }

  /** Whether `ticket` was issued for `fileName` and its lead is still unlocked (not idle). */
  redeem(ticket: string, fileName: string): boolean {
    const t = this.tickets.get(ticket);
    if (!t || t.fileName !== fileName || t.expires <= this.now()) return false;
    return this.current(t.connection) !== null;
  }

  /** The staff number of the lead a ticket was issued to (for the audit log of a download), or null. */
  ticketHolder(ticket: string): string | null {
    const t = this.tickets.get(ticket);
    return t ? (this.sessions.get(t.connection)?.lead.staffNo ?? null) : null;
  }

  private current(connection: string): Unlocked | null {
    const unlocked = this.sessions.get(connection);
    return unlocked && !this.endIfIdle(connection, unlocked) ? unlocked : null;
  }

  /** An unlock left idle past `idleMinutes` ends; true if it did. */
  private endIfIdle(connection: string, unlocked: Unlocked): boolean {
    if (this.now() - unlocked.lastActive <= this.idleMs) return false;
    this.end(connection);
    return true;
  }
}
