/**
 * For the privacy tests: the real services on a temp data directory with a
 * key folder of their own, no hardware and no Chromium (the slip "PDF" is
 * its HTML, so a byte search sees every character a slip would show).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodName, ParamsOf, ResultOf } from '../../../shared/contract';
import { idCheckCharacter } from '../../../shared/domain/id-number';
import { startCounterServices } from '../app/counter-services';
import type { CounterServices, StartOptions } from '../app/types';
import type { PdfRenderer } from '../slips/pdf-renderer';
import { testIdNumber } from '../../../test/support/byte-search';
import { withClerk } from '../../../test/integration/clerk-fixture';
import { slipsNeedNoSignature } from '../../../test/integration/signed-slip';
import { openServiceDay } from '../../../test/integration/web-shell-harness';

export const FOOD = '0100230001-419900-001';
export const idNumber = (n: number) => testIdNumber(n, idCheckCharacter);

export const htmlAsPdf: PdfRenderer = { render: async (html) => Buffer.from(html, 'utf8'), close: async () => {} };

/** No hardware, the simulated printer, the test clerk (signs in with a PIN), ratings asked for by hand. */
export async function writeConfig(dataDir: string, extra: Record<string, unknown> = {}): Promise<void> {
  const devices = { idcard: { mode: 'disabled' }, camera: { mode: 'disabled' }, signature: { mode: 'disabled' }, evaluator: { mode: 'disabled' }, printer: { mode: 'simulated' } };
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(await withClerk(slipsNeedNoSignature({ devices, evaluation: { autoRequest: false }, ...extra }))));
}

export { openServiceDay };

export async function start(dataDir: string, keyDir: string, more: Partial<StartOptions> = {}): Promise<{ services: CounterServices; logs: string[] }> {
  const logs: string[] = [];
  const services = await startCounterServices({ shell: 'web', dataDir, keyDir, log: (l) => logs.push(l), pdfRenderer: htmlAsPdf, storageRetryMs: 30, ...more });
  return { services, logs };
}

const caller = { connection: 'privacy-test', role: 'clerk' as const };

export async function call<M extends MethodName>(services: CounterServices, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  const outcome = await services.handle(method, params, caller);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
  return outcome.result as ResultOf<M>;
}

export async function act(services: CounterServices, action: Record<string, unknown>): Promise<void> {
  const outcome = (await call(services, 'caseAction', { action } as never)) as { ok: boolean; message: string };
  if (!outcome.ok) throw new Error(`${String(action.type)}: ${outcome.message}`);
}

/** A case at the counter with an applicant typed in by hand (number, name), an agent and a postal delivery: all the card data there is. */
export async function identifiedCase(services: CounterServices, applicantId: string, agentId?: string): Promise<void> {
  await act(services, { type: 'start' });
  await act(services, { type: 'identifyManually', person: { name: '张晓明', idType: 'residentId', idNumber: applicantId, reason: 'readFailed' } });
  if (agentId) await act(services, { type: 'setAgentManually', person: { name: '李代办', idType: 'residentId', idNumber: agentId, reason: 'readFailed' } });
}
