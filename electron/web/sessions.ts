import { createHash, randomBytes } from 'node:crypto';
import type { ConnectionRole } from '../../shared/contract';

/**
 * The web shell's sessions (issue 13). The address printed at launch carries
 * a one-time bootstrap code, not a credential: the first request that shows
 * it trades it for a random session id, kept server-side with the role the
 * code was minted for and sent back as an HttpOnly cookie. A code is spent by
 * that trade (or when it expires unused), so the copy left in `ps`, the
 * browser history or a screenshot opens nothing. Sessions end after a time
 * without use (an open socket counts as use) and, whatever happens, after an
 * absolute lifetime: a leaked cookie is not a key for ever.
 *
 * Secrets are kept only as SHA-256 digests: a lookup never compares the
 * secret itself, and a heap dump holds none.
 */

export interface SessionLimits {
  /** An unused bootstrap code dies after this long. */
  codeMs: number;
  /** A session with no open socket and no request for this long is over. */
  idleMs: number;
  /** A session is over this long after the trade, in use or not. */
  absoluteMs: number;
}

/**
 * Sized for a counter that runs all day: the browser opens the clerk's address
 * within seconds, and IT has a quarter of an hour for the citizen screen; a
 * page that stays open keeps its session (its socket does), a browser closed
 * over lunch finds it still valid for an hour; 14 hours covers an opening
 * at 07:00 to extended service late in the evening, and the next morning
 * starts with a fresh address (Enter in the terminal window, or a restart).
 */
export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  codeMs: 15 * 60_000,
  idleMs: 60 * 60_000,
  absoluteMs: 14 * 60 * 60_000,
};

/** A live session as the server sees it; the id itself is only in the browser's cookie. */
export interface Session {
  readonly role: ConnectionRole;
  readonly createdAt: number;
  lastSeenAt: number;
  /** Close callbacks of the sockets open on it: run when the session ends. */
  readonly sockets: Set<() => void>;
}

interface PendingCode {
  role: ConnectionRole;
  expiresAt: number;
}

/** Session ids and codes are 32 random bytes in base64url: anything else is not ours, whatever it is. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function isSecretShaped(value: string): boolean {
  return SECRET_SHAPE.test(value);
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export class SessionStore {
  private readonly codes = new Map<string, PendingCode>();
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh one-time code for `role`. */
  mintCode(role: ConnectionRole): string {
    this.sweep();
    const code = randomBytes(32).toString('base64url');
    this.codes.set(digest(code), { role, expiresAt: this.now() + this.limits.codeMs });
    return code;
  }

  /**
   * Spends `code`: a new session id and its role, or null for a code that is
   * unknown, already spent or expired. Any use spends it, even a late one.
   */
  redeem(code: string): { id: string; role: ConnectionRole } | null {
    if (!isSecretShaped(code)) return null;
    const key = digest(code);
    const pending = this.codes.get(key);
    this.codes.delete(key);
    if (!pending || pending.expiresAt <= this.now()) return null;
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    this.sessions.set(digest(id), { role: pending.role, createdAt: at, lastSeenAt: at, sockets: new Set() });
    return { id, role: pending.role };
  }

  /**
   * The live session of `role` among `ids` (a browser may send several
   * cookies of one name: one planted by a page on another 127.0.0.1 port must
   * not hide ours), touched as used; null when none is.
   */
  find(ids: readonly string[], role: ConnectionRole): Session | null {
    for (const id of ids) {
      if (!isSecretShaped(id)) continue;
      const key = digest(id);
      const session = this.sessions.get(key);
      if (!session || session.role !== role) continue;
      if (this.expired(session)) {
        this.end(key, session);
        continue;
      }
      session.lastSeenAt = this.now();
      return session;
    }
    return null;
  }

  /** Keeps `session` alive while a socket is open on it; `close` is called if the session ends first. Returns the detach. */
  attach(session: Session, close: () => void): () => void {
    session.sockets.add(close);
    return () => {
      session.sockets.delete(close);
      // The idle time counts from the moment the last socket went.
      session.lastSeenAt = this.now();
    };
  }

  /** Drops expired codes and ends expired sessions, closing their sockets. */
  sweep(): void {
    const at = this.now();
    for (const [key, code] of this.codes) if (code.expiresAt <= at) this.codes.delete(key);
    for (const [key, session] of this.sessions) if (this.expired(session)) this.end(key, session);
  }

  /** Live sessions, for tests and diagnostics. */
  get size(): number {
    return this.sessions.size;
  }

  private expired(session: Session): boolean {
    const at = this.now();
    if (at - session.createdAt >= this.limits.absoluteMs) return true;
    return session.sockets.size === 0 && at - session.lastSeenAt >= this.limits.idleMs;
  }

  private end(key: string, session: Session): void {
    this.sessions.delete(key);
    for (const close of [...session.sockets]) close();
    session.sockets.clear();
  }
}
