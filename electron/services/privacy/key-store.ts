import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { strings } from '../../../shared/i18n';
import { StorageError } from '../storage/database';
import { KEY_BYTES } from './field-cipher';

const t = strings.privacy.key;

/**
 * Where the field key lives. Never the data directory in the clear: a copy
 * of the data directory (a backup, a stolen disk image of it) must not carry
 * the key that opens it. Implementations: a key file of the counter's
 * account (this file), the OS's sealing in the desktop shell
 * (electron/shell/safe-storage-key-store.ts).
 */
export interface KeyStore {
  /** Where the key is, for IT (the log line at start, the README). Never the key. */
  readonly location: string;
  /** The key; null when none was ever made here. Throws KeyUnavailableError when one exists but cannot be read. */
  load(): Promise<Buffer | null>;
  /** Stores a newly made key; refuses to replace one that exists. */
  create(key: Buffer): Promise<void>;
}

/**
 * The key cannot be had (missing while sealed data exists, unreadable,
 * damaged, another counter's). A StorageError: the counter then waits
 * behind its storage gate, says why on the clerk screen and tries again
 * every few seconds, so IT can put the key back without a restart — and
 * nothing is read, written or replaced meanwhile.
 */
export class KeyUnavailableError extends StorageError {
  override name = 'KeyUnavailableError';
}

export const KEY_FILE = 'field-key';

/**
 * The folder of the key file when nothing names another: the OS's per-user
 * configuration folder, beside (never inside) the data directory.
 * COUNTER_KEY_DIR overrides it (IT: a folder on another volume; tests: a
 * temp folder).
 */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.COUNTER_KEY_DIR) return env.COUNTER_KEY_DIR;
  // Local, not roaming: a roaming profile would copy the key to the domain's file server.
  if (platform === 'win32') return join(env.LOCALAPPDATA || env.APPDATA || join(home, 'AppData', 'Local'), 'counter-terminal', 'keys');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'counter-terminal', 'keys');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'counter-terminal', 'keys');
}

/**
 * A random key in `<dir>/field-key` (base64, one line), the folder 0700 and
 * the file 0600: readable only by the counter's own account. On Windows the
 * folder is under the user's own profile, which other users cannot read.
 */
export class FileKeyStore implements KeyStore {
  readonly location: string;

  constructor(private readonly dir: string) {
    this.location = join(dir, KEY_FILE);
  }

  async load(): Promise<Buffer | null> {
    let text: string;
    try {
      text = readFileSync(this.location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new KeyUnavailableError(t.unreadable(this.location, (error as NodeJS.ErrnoException).code ?? ''), { cause: error });
    }
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64') !== text.trim()) throw new KeyUnavailableError(t.damaged(this.location));
    return key;
  }

  async create(key: Buffer): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodOwnerOnly(this.dir, 0o700);
    // Written whole under a name of its own, then linked into place: a reader never sees half a key, and link fails
    // when a key file exists (another process made one meanwhile), so a key is never replaced (its data would be lost).
    const temp = join(this.dir, `.${KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      const fd = openSync(temp, 'wx', 0o600);
      try {
        writeSync(fd, `${key.toString('base64')}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      chmodOwnerOnly(temp, 0o600);
      linkSync(temp, this.location);
    } catch (error) {
      throw new KeyUnavailableError(t.cannotCreate(this.location, (error as NodeJS.ErrnoException).code ?? ''), { cause: error });
    } finally {
      rmSync(temp, { force: true });
    }
  }
}

/** mkdir/open modes go through the umask; set them outright (POSIX only: Windows keeps the profile's ACL). */
function chmodOwnerOnly(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    chmodSync(path, mode);
  } catch {
    // Someone else's folder (COUNTER_KEY_DIR pointed at a shared place): the file itself is still created 0600.
  }
}
