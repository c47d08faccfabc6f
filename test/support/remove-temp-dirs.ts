/**
 * Setup file of every vitest project: removes the folders made with
 * `tempDir` (test/support/temp-dir.ts). Registered before the test file's own
 * hooks, so its beforeEach runs first and its afterEach / afterAll run last
 * (vitest runs after-hooks in reverse order): the test's services are closed
 * before their folder goes.
 */
import { afterAll, afterEach, beforeEach } from 'vitest';
import { tempDirLifecycle } from './temp-dir';

beforeEach(() => tempDirLifecycle.testStarted());
afterEach(() => tempDirLifecycle.testEnded());
afterAll(() => tempDirLifecycle.fileEnded());
