import { app, screen } from 'electron';
import { strings } from '../../shared/i18n';
import { processIo } from '../cli/run-cli';
import { restrictNewFiles } from '../services/permissions/private-files';

/** How long the bundle waits for Electron to be ready before it leaves the displays out. */
const DISPLAY_WAIT_MS = 5000;

/**
 * The installed app run as an IT command (`窗口受理终端 --doctor all --json`,
 * `--lead …`, electron/cli/it-commands.ts): no window, no single-instance lock
 * (the counter may be running beside it), output on stdout/stderr, and the
 * app quits with the command's exit status.
 *
 * Windows: Electron attaches a GUI app's stdout to the console that started
 * it unless ELECTRON_NO_ATTACH_CONSOLE is set, but cmd.exe does not wait
 * for a GUI program: IT pipes the output (`… --doctor all | more`), uses
 * `start /wait`, or writes it to a file with `--output FILE`.
 */
export function runItFromShell(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  restrictNewFiles();
  // The same data directory as the counter (lifecycle.ts): Chromium's files, if the bundle starts it, land beside the counter's.
  if (env.COUNTER_DATA_DIR) app.setPath('userData', env.COUNTER_DATA_DIR);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  // Only the bundle asks, and only Electron knows the displays once it is ready; a machine where it never gets ready still gets its bundle.
  const displays = async () => {
    let timer: NodeJS.Timeout | undefined;
    const ready = await Promise.race([
      app.whenReady().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DISPLAY_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!ready) return null;
    const primary = screen.getPrimaryDisplay().id;
    return screen.getAllDisplays().map((d) => ({
      id: d.id,
      label: d.label,
      primary: d.id === primary,
      internal: d.internal,
      bounds: d.bounds,
      workArea: d.workArea,
      scaleFactor: d.scaleFactor,
      rotation: d.rotation,
    }));
  };
  const leave = (code: number) => process.stdout.write('', () => app.exit(code));
  // Loaded only here: the counter's own start does not pay for the commands' code.
  // `--doctor camera` sees the cameras with this app's own Chromium (a hidden window), not a browser the PC may lack.
  const openCameraPage = () => import('./camera-doctor-page').then(({ electronCameraPage }) => electronCameraPage());
  import('../cli/it-commands').then(({ runItCommand }) => runItCommand(args, processIo, { signal: abort.signal, displays, openCameraPage })).then(leave, (error: unknown) => {
    process.stderr.write(`${strings.api.failed((error as Error).message)}\n`);
    leave(1);
  });
}
