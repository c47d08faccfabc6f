/**
 * The lead gate: statistics, 差评 follow-ups and exports show rating levels
 * that the clerk's screen keeps confidential, so the service answers them
 * only on a connection where a lead (组长) has unlocked with staff number
 * and PIN. One unlock per connection (a WebSocket, or one Electron window):
 * it ends on 退出, when the connection closes, or after `idleMinutes`
 * without a lead request. The staff number and PIN are checked by the
 * credential check shared with the clerk sign-in (accounts/credential-check.ts):
 * wrong PINs lock the staff number, the connection and the counter out for a
 * while, and the locks survive a restart. That unlock is
 * accounts/connection-unlocks.ts, shared with the IT gate.
 *
 * Download tickets: an export's file is fetched by the web shell over plain
 * HTTP, which carries no connection; the export hands out a random ticket
 * for that one file, good while the lead who exported stays unlocked.
 */
import { randomBytes } from 'node:crypto';
import type { LeadAccount, LeadConfig, LeadSession } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { ConnectionUnlocks, type UnlockAuditKind } from '../accounts/connection-unlocks';
import type { CredentialCheck } from '../accounts/credential-check';
import type { Caller } from '../app/types';

const g = strings.lead.gate;

// An empty connection name (a direct call without a caller) can never unlock.
export type { Caller };

/** A refusal of a lead method; its message is the Chinese text the lead reads. */
export class LeadRequiredError extends Error {
  override readonly name = 'LeadRequiredError';
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
  audit?: (kind: UnlockAuditKind<'lead'>, staffNo: string) => void;
  /** The check shared with the clerk sign-in (its lock-outs persisted); one in memory when not given. */
  credentials?: CredentialCheck;
}

export class LeadGate {
  private readonly unlocks: ConnectionUnlocks<'lead'>;
  private readonly tickets = new Map<string, Ticket>();
  private readonly now: () => number;

  constructor(private readonly options: LeadGateOptions) {
    this.now = options.now ?? Date.now;
    this.unlocks = new ConnectionUnlocks({
      kind: 'lead',
      config: options.config,
      texts: { noConnection: g.noConnection, wrong: g.wrong, unlocked: g.unlocked, needed: g.needsLead, idle: g.idle },
      now: this.now,
      audit: options.audit,
      credentials: options.credentials,
      // An unlock that ends (退出, closed, idle) takes its download tickets with it.
      onEnd: (connection) => {
        for (const [ticket, t] of this.tickets) if (t.connection === connection) this.tickets.delete(ticket);
      },
    });
  }

  /** The session as the lead view shows it (does not count as activity). */
  session(caller: Caller): LeadSession {
    const config = this.options.config();
    const lead = this.unlocks.current(caller.connection);
    return {
      configured: config.accounts.length > 0,
      lead: lead ? { staffNo: lead.staffNo, name: lead.name } : null,
      idleMinutes: config.idleMinutes,
    };
  }

  async unlock(caller: Caller, typedStaffNo: string, pin: string): Promise<{ ok: boolean; message: string; session: LeadSession }> {
    const answer = await this.unlocks.unlock(caller.connection, typedStaffNo, pin);
    return { ...answer, session: this.session(caller) };
  }

  /** 退出: this connection's unlock and its download tickets end. */
  lock(caller: Caller): LeadSession {
    this.unlocks.lock(caller.connection);
    return this.session(caller);
  }

  /** The connection closed. */
  end(connection: string): void {
    this.unlocks.end(connection);
  }

  /** The unlocked lead of this connection, or a LeadRequiredError; counts as activity. */
  require(caller: Caller): LeadAccount {
    const refused = this.unlocks.refusal(caller.connection);
    if (refused) throw new LeadRequiredError(refused);
    return this.unlocks.holder(caller.connection)!;
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
    return this.unlocks.current(t.connection) !== null;
  }

  /** The staff number of the lead a ticket was issued to (for the audit log of a download), or null. */
  ticketHolder(ticket: string): string | null {
    const t = this.tickets.get(ticket);
    return t ? (this.unlocks.holder(t.connection)?.staffNo ?? null) : null;
  }
}
