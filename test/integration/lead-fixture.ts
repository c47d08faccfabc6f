import { hashPin } from '../../electron/services/accounts/pin-hash';
import type { TestClient } from './web-shell-harness';

/** The lead every lead test configures: 0101 王组长, PIN 246810. */
export const LEAD = { staffNo: '0101', name: '王组长', pin: '246810' } as const;

/** The `lead` section of config.json with that lead (a cheap scrypt cost: tests only). */
export async function leadConfig(): Promise<{ accounts: Array<{ staffNo: string; name: string; pinHash: string }> }> {
  return { accounts: [{ staffNo: LEAD.staffNo, name: LEAD.name, pinHash: await hashPin(LEAD.pin, { N: 1024, r: 8, p: 1 }) }] };
}

/** Unlocks the lead tools on this client's connection, as the lead view does. */
export async function unlockLead(client: TestClient): Promise<void> {
  const response = await client.request('unlockLead', { staffNo: LEAD.staffNo, pin: LEAD.pin });
  if (!response.ok || !(response.result as { ok: boolean }).ok) throw new Error(`unlockLead: ${JSON.stringify(response)}`);
}
