import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect, vi } from 'vitest';

/**
 * For a test file: after each test, unmount what it rendered, restore mocks
 * and real timers, and fail if it wrote anything to console.error or
 * console.warn (no key warnings, no act warnings, no errors).
 */
export function expectQuietConsole(): void {
  let consoleErrors: unknown[][] = [];
  beforeEach(() => {
    consoleErrors = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args));
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void consoleErrors.push(args));
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.useRealTimers();
    expect(consoleErrors).toEqual([]);
  });
}
