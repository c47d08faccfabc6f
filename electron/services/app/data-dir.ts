import { homedir } from 'node:os';
import { join } from 'node:path';

/** Matches package.json productName, which is also the directory Electron's app.getPath('userData') uses. */
export const PRODUCT_NAME = '窗口受理终端';

/**
 * Where configuration and the database live when the app is not told
 * otherwise: the same folder Electron would use, so both shells of one
 * counter share one configuration and one database. COUNTER_DATA_DIR
 * overrides it (tests, a second counter on one PC).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.COUNTER_DATA_DIR) return env.COUNTER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
