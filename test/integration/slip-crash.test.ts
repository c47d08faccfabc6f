/**
 * Issue 14, finding 2: the counter is killed (SIGKILL) while a slip renders,
 * after its number was taken. On the next start the number is recorded void
 * (程序中断，未出具), the next 出具通知书 goes out with the next number, and
 * the lead — only the lead — sees the void number.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCounterServices } from '../../electron/services/app/counter-services';
import type { CounterServices } from '../../electron/services/app/types';
import type { PdfRenderer } from '../../electron/services/slips/pdf-renderer';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import type { VoidSlipNumbers } from '../../shared/contract';
import { tempDir } from '../support/temp-dir';
import { killCrashChildren, runUntilKilled } from '../support/crash-child';
import { LEAD, leadConfig } from './lead-fixture';
import { withClerk } from './clerk-fixture';
import { writeDecidedCase } from './decided-case';
import { NO_SIGNATURE_REQUIRED } from './signed-slip';

const year = new Date().getFullYear();
const number = (seq: number) => `示例政务〔${year}〕受字第${String(seq).padStart(6, '0')}号`;

let services: CounterServices | undefined;
afterEach(async () => {
  killCrashChildren();
  await services?.close();
  services = undefined;
});


const drawn: PdfRenderer = { render: async () => Buffer.from('%PDF-1.7 after restart'), close: async () => {} };

async function call<T>(method: string, params: unknown, connection = 'test'): Promise<{ ok: true; result: T } | { ok: false; error: { message: string } }> {
  return (await services!.handle(method, params, { connection, role: 'clerk' })) as { ok: true; result: T } | { ok: false; error: { message: string } };
}

describe('a counter killed while a slip renders leaves no silent gap in the numbers', () => {
  it('kill -9 mid-render: on restart the number is void (程序中断，未出具), the next slip has the next number, the lead sees the void one', async () => {
    const dataDir = tempDir('counter-slipcrash-');
    writeFileSync(
      join(dataDir, 'config.json'),
      // The test clerk's account: the child signs in before the slip (a slip names the clerk signed in).
      JSON.stringify(
        await withClerk({
          devices: Object.fromEntries(['idcard', 'camera', 'signature', 'evaluator', 'printer'].map((kind) => [kind, { mode: 'disabled' }])),
          slips: { issuerShortName: '示例政务', signatureRequired: NO_SIGNATURE_REQUIRED },
          lead: await leadConfig(),
        }),
      ),
    );
    const caseId = writeDecidedCase(dataDir);

    await runUntilKilled('test/integration/slip-child.ts', [dataDir], 'rendering', 'the child draws the slip', 20_000);

    const peek = openDatabase(join(dataDir, DATABASE_FILE));
    expect(peek.prepare('SELECT seq, status FROM slip_numbers').all()).toEqual([{ seq: 1, status: 'reserved' }]);
    peek.close();

    const logs: string[] = [];
    services = await startCounterServices({ shell: 'web', dataDir, pdfRenderer: drawn, printer: null, log: (line) => logs.push(line) });
    expect(logs.join('\n')).toContain(`${number(1)} 未出具，已作废：程序中断，未出具`);

    const issued = await call<{ ok: boolean; slip: { number: string } }>('issueSlip', {});
    expect(issued).toMatchObject({ ok: true, result: { ok: true, slip: { number: number(2) } } });

    // The void numbers are the lead's: refused on a connection no lead unlocked.
    const refused = await call('listVoidSlipNumbers', {});
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('需要组长身份验证') } });
    expect(await call('unlockLead', { staffNo: LEAD.staffNo, pin: LEAD.pin })).toMatchObject({ ok: true, result: { ok: true } });
    const listed = await call<VoidSlipNumbers>('listVoidSlipNumbers', {});
    expect(listed).toMatchObject({
      ok: true,
      result: { total: 1, numbers: [{ number: number(1), caseId, kind: 'receipt', reason: '程序中断，未出具', pdfSetAside: null }] },
    });
  });
});
