import { hashPin } from '../../electron/services/accounts/pin-hash';

/**
 * The clerk every test that signs in configures: staff number 0001 (the
 * default config's clerkStaffNumber), the default clerk name, PIN 13572468.
 * Hashed at the product's own cost (no cheaper test cost): one verify takes
 * ~0.3 s, which tests that sign in once can afford, and the sign-in then
 * has nothing to re-hash.
 */
export const CLERK = { staffNo: '0001', name: '示例工作人员', pin: '13572468' } as const;

let hashed: Promise<string> | null = null;

/** The `clerk` section of config.json with that clerk (hashed once per test file). */
export async function clerkConfig(): Promise<{ accounts: Array<{ staffNo: string; name: string; pinHash: string }> }> {
  hashed ??= hashPin(CLERK.pin);
  return { accounts: [{ staffNo: CLERK.staffNo, name: CLERK.name, pinHash: await hashed }] };
}

/** A config.json object with the test clerk added, unless it sets clerks of its own. */
export async function withClerk(config: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return 'clerk' in config ? config : { ...config, clerk: await clerkConfig() };
}

/** One more clerk account for config.json (hashed at the product's cost). */
export async function clerkAccount(staffNo: string, name: string, pin: string): Promise<{ staffNo: string; name: string; pinHash: string }> {
  return { staffNo, name, pinHash: await hashPin(pin) };
}
