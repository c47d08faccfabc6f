/**
 * The contract's signIn: a clerk signs in with staff number and PIN (set by
 * IT with `npm run clerk`), checked like a lead's (accounts/credential-check.ts:
 * lock-outs per staff number, connection and counter, a decoy hash for
 * unknown numbers). Only a verified clerk's session is recorded, with the
 * name of their account, and only then is their photo replaced: a wrong PIN
 * changes nothing but the failure counts.
 */
import type { ClerkConfig, ServiceDayResult } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import type { CredentialCheck } from '../accounts/credential-check';
import type { Caller } from '../app/types';
import type { ServiceDayService } from './service-day-service';

const c = strings.credentials.clerk;

export interface ClerkSignInParams {
  staffNumber: string;
  pin: string;
  photo?: { mediaType: 'image/png' | 'image/jpeg'; base64: string } | undefined;
}

export interface ClerkSignInOptions {
  serviceDay: ServiceDayService;
  credentials: CredentialCheck;
  config: () => ClerkConfig;
  /** Told of sign-ins, failures and lock-outs (the audit log), with the staff number only; may throw (logged by the caller). */
  audit?: (kind: 'clerk-signed-in' | 'clerk-sign-in-failed' | 'clerk-locked-out', staffNumber: string) => void;
}

export class ClerkSignIn {
  constructor(private readonly options: ClerkSignInOptions) {}

  async signIn(caller: Caller, params: ClerkSignInParams): Promise<ServiceDayResult> {
    const { serviceDay } = this.options;
    const busy = serviceDay.signInRefusal();
    if (busy) return busy;
    const refuse = (message: string): ServiceDayResult => ({ ok: false, message, day: serviceDay.view() });
    const config = this.options.config();
    if (config.accounts.length === 0) return refuse(c.noAccounts);
    const staffNumber = params.staffNumber.trim();
    const outcome = await this.options.credentials.check({
      kind: 'clerk',
      connection: caller.connection,
      staffNo: staffNumber,
      pin: params.pin,
      accounts: config.accounts,
      policy: config,
      wrong: c.wrong,
    });
    if (!outcome.ok) {
      if (outcome.lockedOut || outcome.by === null) this.options.audit?.(outcome.lockedOut ? 'clerk-locked-out' : 'clerk-sign-in-failed', staffNumber);
      return refuse(outcome.message);
    }
    const result = serviceDay.signIn({ staffNumber: outcome.account.staffNo, name: outcome.account.name, photo: params.photo });
    if (!result.ok) return result;
    this.options.audit?.('clerk-signed-in', outcome.account.staffNo);
    return outcome.note ? { ...result, message: result.message + outcome.note } : result;
  }
}
