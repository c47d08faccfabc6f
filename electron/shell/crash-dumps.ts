import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, crashReporter } from 'electron';
import { strings } from '../../shared/i18n';

const s = strings.counterOperation.crashDumps;

/** The crash dumps' folder in the data directory (the diagnostic bundle lists what is in it). */
export const CRASH_DUMPS_DIR = 'crashes';

/**
 * Keeps crash dumps (minidumps of the main, renderer and GPU processes) on
 * this PC, in `<dataDir>/crashes`, and never uploads them: a counter PC
 * has no crash server and a dump may hold what was on the screen. IT finds
 * them beside the logs; the diagnostic bundle lists their names and sizes.
 *
 * Must run before the app is ready, so that every child process is watched.
 * Electron refuses a crashDumps path that does not exist, so the folder is
 * made first (private, like the rest of the data directory); when it cannot
 * be made (a read-only data directory) the dumps go to Electron's default
 * place, still not uploaded.
 */
export function keepCrashDumpsLocally(dataDir: string, log: (line: string) => void): void {
  const dir = join(dataDir, CRASH_DUMPS_DIR);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    app.setPath('crashDumps', dir);
    log(s.folder(dir));
  } catch (error) {
    log(s.folderFailed(dir, error instanceof Error ? error.message : String(error)));
  }
  try {
    crashReporter.start({ uploadToServer: false, compress: true });
  } catch (error) {
    // Without a crash reporter the counter still serves; only a later crash goes unrecorded.
    log(s.startFailed(error instanceof Error ? error.message : String(error)));
  }
}
