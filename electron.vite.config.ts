import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build produces both shells: out/main/index.js (Electron),
// out/main/web.js (the local web shell) and out/main/start.js (the launcher
// that picks one), out/main/it.js (the IT commands under Node), the preload,
// and the renderer.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/shell/main.ts'),
          web: resolve(__dirname, 'electron/web/main.ts'),
          start: resolve(__dirname, 'electron/launcher/start.ts'),
          // The IT commands under plain Node (`node out/main/it.js --doctor all --json`): the installed app's code path, testable without Electron.
          it: resolve(__dirname, 'electron/cli/it.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/shell/preload.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'renderer/index.html'),
          // The citizen-facing screen (evaluator tablet / second screen): /citizen.html in the web shell.
          citizen: resolve(__dirname, 'renderer/citizen.html'),
        },
      },
    },
  },
});
