/**
 * Durability: the counter process is killed with SIGKILL the moment the
 * keypad hears back about a key press. The keypad (in this process) is told
 * only after the rating is committed, so the rating must be in the database
 * when it is opened again — with the case moved on and the upload queued.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyKeypad } from '../../electron/devices/evaluator/simulator/pty-keypad';
import { getEvaluation } from '../../electron/services/evaluation/rows';
import { caseAtSlip, rig, tempDbFile } from '../../electron/services/evaluation/test-kit';
import { openDatabase } from '../../electron/services/storage/database';
import { until as waitUntil } from '../support/until';

const root = join(__dirname, '..', '..');
let child: ChildProcess | undefined;
let keypad: PtyKeypad | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await keypad?.close();
  keypad = undefined;
});

const until = (what: () => boolean, ms: number, label: string) => waitUntil(what, { timeoutMs: ms, intervalMs: 2, label });

describe('a rating survives the counter being killed right after the key press', () => {
  it.each(['verySatisfied', 'veryDissatisfied'] as const)('%s: stored before the keypad was told, there after restart', async (level) => {
    const file = tempDbFile();
    const setup = rig({}, { file, start: new Date() });
    const caseId = caseAtSlip(setup.cases);
    expect(setup.evaluation.requestCurrent().ok).toBe(true);
    setup.db.close();

    keypad = new PtyKeypad({ baudRate: 9600 });
    await keypad.start();
    // node itself with tsx's loader, not the tsx CLI: the CLI runs node as a child, and SIGKILL would not reach it.
    child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/integration/evaluation-child.ts'), file, keypad.hostPath], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await until(() => out.includes('ready'), 20_000, 'child ready');
    await until(() => keypad!.keypad.requestedCase === caseId, 3000, 'rating requested on the keypad');

    const k = keypad.keypad;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.once('exit', (_code, signal) => resolve(signal)));
    k.pressLevel(level);
    // The first word back from the counter (its ACK) and the process dies at once.
    await until(() => k.acked.size > 0, 3000, 'ack');
    const pid = child.pid!;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    child = undefined;
    expect(() => process.kill(pid, 0)).toThrow(); // the process that held the database is gone

    const db = openDatabase(file);
    expect(getEvaluation(db, caseId)).toMatchObject({ status: level === 'veryDissatisfied' ? 'pendingReasons' : 'rated', level, channel: 'keypad' });
    expect(db.prepare('SELECT phase FROM cases WHERE id = ?').get(caseId)).toEqual({ phase: 'evaluated' });
    const queued = db.prepare('SELECT COUNT(*) AS n FROM evaluation_outbox WHERE case_id = ?').get(caseId) as { n: number };
    const followUps = db.prepare('SELECT COUNT(*) AS n FROM evaluation_follow_ups WHERE case_id = ?').get(caseId) as { n: number };
    expect(queued.n).toBe(level === 'verySatisfied' ? 1 : 0); // a keypad 差评 waits for its reasons first
    expect(followUps.n).toBe(level === 'veryDissatisfied' ? 1 : 0);
    db.close();
  });
});
