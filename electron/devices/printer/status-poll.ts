/**
 * Asks a printer's state now and then every `intervalMs`, so the clerk sees
 * 已断开 before a slip is sent, not after. The timer never keeps the process
 * alive. Returns the function that stops it.
 */
export async function pollPrinterStatus(check: () => Promise<void>, intervalMs: number): Promise<() => void> {
  await check();
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
