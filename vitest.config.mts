import { defineConfig } from 'vitest/config';

// Every test removes what it creates: `tempDir` folders are removed by the
// setup file, and the run fails if anything is left in its temp folder.
const removeTempDirs = 'test/support/remove-temp-dirs.ts';

export default defineConfig({
  test: {
    globalSetup: ['test/support/no-temp-leftovers.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          setupFiles: [removeTempDirs],
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts', 'test/architecture/**/*.test.ts', 'test/camera/**/*.test.ts', 'test/support/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'renderer',
          setupFiles: [removeTempDirs],
          include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'integration',
          setupFiles: [removeTempDirs],
          include: ['test/integration/**/*.test.ts', 'test/electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          setupFiles: [removeTempDirs],
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          // One Chromium at a time: the CI machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
