import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { strings } from '../../shared/i18n';
import { KEY_BYTES } from '../services/privacy/field-cipher';
import { FileKeyStore, KeyUnavailableError, type KeyStore } from '../services/privacy/key-store';

const t = strings.privacy.key;
export const SEALED_KEY_FILE = 'field-key.sealed';

/**
 * The field key sealed by the OS (Electron safeStorage: DPAPI on Windows,
 * the keychain on macOS, the Secret Service / KWallet on Linux) and kept,
 * sealed, in the data directory: a copy of the directory opens nothing
 * without this account's OS secret. Where the OS offers no real sealing
 * (Linux with no keyring: Electron's 'basic_text' is only obfuscation) the
 * key file of the account (FileKeyStore) is used instead, and the log says so.
 */
export class SafeStorageKeyStore implements KeyStore {
  readonly location: string;
  private fallback: KeyStore | null = null;

  constructor(
    dataDir: string,
    private readonly fallbackDir: string,
    private readonly log: (line: string) => void,
  ) {
    this.location = join(dataDir, SEALED_KEY_FILE);
  }

  async load(): Promise<Buffer | null> {
    const store = await this.chosen();
    if (store !== this) return store.load();
    if (!existsSync(this.location)) return null;
    let key: Buffer;
    try {
      key = Buffer.from(safeStorage.decryptString(readFileSync(this.location)), 'base64');
    } catch (error) {
      throw new KeyUnavailableError(t.unreadable(this.location, (error as Error).message), { cause: error });
    }
    if (key.length !== KEY_BYTES) throw new KeyUnavailableError(t.damaged(this.location));
    return key;
  }

  async create(key: Buffer): Promise<void> {
    const store = await this.chosen();
    if (store !== this) return store.create(key);
    if (existsSync(this.location)) throw new KeyUnavailableError(t.cannotCreate(this.location, 'EEXIST'));
    const temp = `${this.location}.tmp`;
    writeFileSync(temp, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
    renameSync(temp, this.location);
  }

  /** safeStorage answers only once the app is ready; decided once per run. A sealed key already here is always read here. */
  private async chosen(): Promise<KeyStore> {
    if (this.fallback) return this.fallback;
    await app.whenReady();
    const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
    if (existsSync(this.location) || (safeStorage.isEncryptionAvailable() && !weak)) return this;
    this.log(t.sealUnavailable(weak ? 'basic_text' : 'unavailable'));
    mkdirSync(this.fallbackDir, { recursive: true, mode: 0o700 });
    this.fallback = new FileKeyStore(this.fallbackDir);
    return this.fallback;
  }
}
