import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { strings } from '../../shared/i18n';
import { electronAvailability } from './electron-binary';

/**
 * `npm start`: runs the desktop (Electron) shell, and when Electron cannot
 * start here says why in one line and runs the local web shell instead.
 * Built to out/main/start.js; the project root is two levels up.
 */
const projectDir = join(__dirname, '..', '..');
const availability = electronAvailability(projectDir);
const s = strings.shellMessages;

function run(command: string, args: string[]): void {
  const child = spawn(command, args, { stdio: 'inherit', cwd: projectDir });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

if (availability.ok) {
  run(availability.binary, [projectDir, ...process.argv.slice(2)]);
} else {
  const reason = availability.reason === 'no-binary' ? s.noElectronBinary : s.noDisplay;
  process.stdout.write(`${s.electronUnavailable(reason)}\n`);
  run(process.execPath, [join(__dirname, 'web.js'), ...process.argv.slice(2)]);
}
