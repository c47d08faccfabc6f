import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

/** The first Chromium-family browser on PATH (or CHROMIUM_PATH), or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.CHROMIUM_PATH;
  if (explicit && isExecutable(explicit)) return explicit;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
