import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The end-to-end tests drive the built renderer. `npm test` builds first;
 * when vitest is run alone and no build exists, build once here.
 */
export default function setup(): void {
  const root = join(__dirname, '..', '..');
  const index = join(root, 'out', 'renderer', 'index.html');
  if (existsSync(index) && statSync(index).size > 0) return;
  const run = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('electron-vite build 失败，无法运行端到端测试');
}
