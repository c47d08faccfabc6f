import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronAvailability = { ok: true; binary: string } | { ok: false; reason: 'no-binary' | 'no-display' };

/**
 * Whether Electron can start here, decided without `require('electron')`
 * (which tries to download the binary when it is missing and hangs on a
 * closed network). The electron package records its binary in path.txt.
 */
export function electronAvailability(
  projectDir: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronAvailability {
  const binary = electronBinaryPath(projectDir);
  if (!binary) return { ok: false, reason: 'no-binary' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { ok: false, reason: 'no-display' };
  return { ok: true, binary };
}

export function electronBinaryPath(projectDir: string): string | null {
  const pkg = join(projectDir, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
