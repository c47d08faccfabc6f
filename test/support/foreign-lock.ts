/**
 * Another program holding the database's write lock, as a backup tool or a
 * diagnostic session would: a separate Node process with its own SQLite
 * connection inside BEGIN IMMEDIATE. Tests of the terminal under contention
 * take it and let it go; `kill()` in afterEach ends it either way (the
 * operating system drops a dead process's locks).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import type { Db } from '../../electron/services/storage/database';

const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
process.stdin.once('data', () => {
  db.exec('COMMIT');
  db.close();
  process.stdout.write('released\\n');
  process.exit(0);
});
`;

export interface ForeignLock {
  /** Resolves once the other process has committed and closed. */
  released: Promise<void>;
  /** Commits now; resolves when the process has exited. */
  release(): Promise<void>;
  kill(): void;
}

/** Takes the write lock of the database `file` in another process; resolves once it is held. */
export async function takeForeignLock(file: string): Promise<ForeignLock> {
  const child = spawn(process.execPath, ['-e', HOLDER, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(word)) resolve();
      });
      child.once('exit', (code) => (output.includes(word) ? resolve() : reject(new Error(`the lock holder exited (${code}) before saying "${word}"`))));
    });
  const locked = said('locked');
  const released = said('released');
  released.catch(() => undefined);
  await locked;
  return {
    released,
    async release() {
      child.stdin.write('go\n');
      await released;
      if (child.exitCode === null) await once(child, 'exit');
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * The same, cheaper, inside this process: a second connection inside BEGIN
 * IMMEDIATE; `db`'s statements wait 20 ms for it. Closed when the test ends.
 */
export function foreignWriter(db: Db) {
  db.pragma('busy_timeout = 20');
  const other = new Database(db.name);
  onTestFinished(() => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
  });
  return { lock: () => other.exec('BEGIN IMMEDIATE'), release: () => other.exec('ROLLBACK') };
}
