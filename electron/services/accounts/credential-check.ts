/**
 * Checks a staff number and PIN against the accounts IT set (leads and
 * clerks alike), behind the lock-outs:
 *
 * - the three limits (staff number, connection, whole counter; shared/domain/
 *   lead/lockout.ts) are asked first: a locked attempt is refused before its
 *   PIN is looked at, even the right one;
 * - an unknown staff number is checked against a decoy hash of the same
 *   cost, so the answer takes as long and counts as a wrong PIN;
 * - attempts run one after another (parallel guesses cannot slip past a
 *   count, and only one 128 MiB scrypt runs at a time);
 * - a hash at a cost below the current one is re-hashed after a success and
 *   written back to config.json atomically, audited (pin-rehashed).
 *
 * One instance serves the lead unlock and the clerk sign-in: a guesser who
 * switches between them meets the same connection and counter limits.
 */
import type { StaffAccount, StaffAccountKind } from '../../../shared/contract';
import { AttemptLimiter, minutesToWait, staffKey, STAFF_WINDOW_MS, type LimitScope } from '../../../shared/domain/lead/lockout';
import { NEW_PIN_MIN_DIGITS } from '../../../shared/domain/lead/pin-format';
import { strings } from '../../../shared/i18n';
import { explainError } from '../errors/system-error';
import { DEFAULT_PIN_COST, decoyHash, hashPin, isBelowCost, verifyPin, type PinCost } from './pin-hash';
import { changeAccounts } from './staff-accounts';

const c = strings.credentials;

export interface CredentialCheckOptions {
  limiter: AttemptLimiter;
  now?: () => number;
  /**
   * The cost of the decoy and of every re-hash: the product's default. Tests
   * whose fixtures hash cheaply pass the same cheap cost here, explicitly.
   */
  cost?: PinCost;
  /** The data directory whose config.json receives re-hashed PINs; without it nothing is written back. */
  dataDir?: string;
  /** The audit log (pin-rehashed); never the PIN or its hash. May throw (a locked database): logged. */
  audit?: (kind: string, detail: string) => void;
  log?: (line: string) => void;
}

export interface CheckRequest {
  kind: StaffAccountKind;
  connection: string;
  staffNo: string;
  pin: string;
  accounts: readonly StaffAccount[];
  /** The kind's own lock-out (config lead/clerk maxFailures, lockoutMinutes). */
  policy: { maxFailures: number; lockoutMinutes: number };
  /** The refusal of a wrong PIN, with the tries left on this staff number. */
  wrong: (left: number) => string;
}

export type CheckOutcome =
  | { ok: true; account: StaffAccount; note: string }
  | { ok: false; message: string; /** This very failure locked something (audited as a lock-out). */ lockedOut: boolean; by: LimitScope | null };

export function lockedMessage(by: LimitScope, retryInMs: number): string {
  const minutes = minutesToWait(retryInMs);
  if (by === 'connection') return c.limits.connectionLocked(minutes);
  if (by === 'global') return c.limits.globalLocked(minutes);
  return c.limits.staffLocked(minutes);
}

export class CredentialCheck {
  private readonly now: () => number;
  private readonly cost: PinCost;
  private readonly log: (line: string) => void;
  private queue: Promise<unknown> = Promise.resolve();
  /** Hashes re-hashed this run: config.json has the new one, the loaded configuration still the old. */
  private readonly upgraded = new Map<string, { from: string; to: string }>();

  constructor(private readonly options: CredentialCheckOptions) {
    this.now = options.now ?? Date.now;
    this.cost = options.cost ?? DEFAULT_PIN_COST;
    this.log = options.log ?? (() => {});
    // The decoy is ready before the first unknown staff number: that answer must not take longer than a known one's.
    decoyHash(this.cost).catch((error: unknown) => this.log(`诱饵摘要生成失败：${explainError(error).original}`));
  }

  check(request: CheckRequest): Promise<CheckOutcome> {
    const attempt = this.queue.then(() => this.attempt(request));
    this.queue = attempt.catch(() => undefined);
    return attempt;
  }

  private async attempt(request: CheckRequest): Promise<CheckOutcome> {
    const keys = { staff: staffKey(request.kind, request.staffNo), connection: request.connection };
    const policy = { maxFailures: request.policy.maxFailures, lockoutMs: request.policy.lockoutMinutes * 60_000, windowMs: STAFF_WINDOW_MS };
    const state = this.options.limiter.check(keys, policy, this.now());
    if (state.locked) return { ok: false, message: lockedMessage(state.by, state.retryInMs), lockedOut: false, by: state.by };

    const account = request.accounts.find((a) => a.staffNo === request.staffNo);
    const stored = account ? this.currentHash(request.kind, account) : await decoyHash(this.cost);
    const matches = await verifyPin(request.pin, stored);
    if (!account || !matches) {
      const outcome = this.options.limiter.fail(keys, policy, this.now());
      if (outcome.locked) return { ok: false, message: lockedMessage(outcome.by, outcome.retryInMs), lockedOut: true, by: outcome.by };
      return { ok: false, message: request.wrong(outcome.left), lockedOut: false, by: null };
    }
    this.options.limiter.succeed(keys);
    if (isBelowCost(stored, this.cost)) await this.rehash(request.kind, account.staffNo, request.pin, stored);
    return { ok: true, account, note: request.pin.length < NEW_PIN_MIN_DIGITS ? c.shortPinNote(NEW_PIN_MIN_DIGITS) : '' };
  }

  private currentHash(kind: StaffAccountKind, account: StaffAccount): string {
    const upgraded = this.upgraded.get(staffKey(kind, account.staffNo));
    return upgraded && upgraded.from === account.pinHash ? upgraded.to : account.pinHash;
  }

  /**
   * The PIN just verified, hashed again at the current cost and written back
   * (only over the same old hash: a PIN IT reset meanwhile is left alone).
   * A failure is logged and tried again at the next success: the old hash
   * still verifies.
   */
  private async rehash(kind: StaffAccountKind, staffNo: string, pin: string, oldHash: string): Promise<void> {
    const dataDir = this.options.dataDir;
    if (!dataDir) return;
    try {
      const newHash = await hashPin(pin, this.cost);
      let replaced = false;
      const outcome = changeAccounts(dataDir, kind, (accounts) =>
        accounts.map((a) => {
          if (a.staffNo !== staffNo || a.pinHash !== oldHash) return a;
          replaced = true;
          return { ...a, pinHash: newHash };
        }),
      );
      if (!outcome.ok) {
        this.log(c.log.rehashFailed(kind, staffNo, outcome.message || outcome.issues.map((i) => `${i.field} ${i.message}`).join('；')));
        return;
      }
      if (!replaced) return;
      this.upgraded.set(staffKey(kind, staffNo), { from: oldHash, to: newHash });
      this.log(c.log.rehashed(kind, staffNo));
      try {
        this.options.audit?.('pin-rehashed', `${kind} ${staffNo}`);
      } catch (error) {
        this.log(`审计记录失败（pin-rehashed ${kind} ${staffNo}）：${explainError(error).original}`);
      }
    } catch (error) {
      this.log(c.log.rehashFailed(kind, staffNo, explainError(error).original));
    }
  }
}
