/**
 * Waits until `what` holds, checking every `intervalMs`; past `timeoutMs`
 * it throws with `label` (or what `label` returns then, e.g. the statuses
 * seen so far) so a timed-out wait says what it was waiting for.
 *
 * Plain Node, no vitest: the benchmark uses it too.
 */
export async function until(
  what: () => boolean,
  options: { timeoutMs?: number; intervalMs?: number; label?: string | (() => string) } = {},
): Promise<void> {
  const { timeoutMs = 3000, intervalMs = 5, label = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${typeof label === 'function' ? label() : label}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
