/**
 * Asks a printer's state now and then every `intervalMs`, so the clerk sees
 * 已断开 before a slip is sent, not after — and so a printer that comes back
 * is reported within one interval (the print queue wakes on it). A check
 * still running when the next is due is not doubled: a slow lpstat must not
 * pile up processes. The timer never keeps the process alive. Returns the
 * function that stops it.
 */
export async function pollPrinterStatus(check: () => Promise<void>, intervalMs: number): Promise<() => void> {
  let running = false;
  const once = async () => {
    if (running) return;
    running = true;
    try {
      await check();
    } finally {
      running = false;
    }
  };
  await once();
  const timer = setInterval(() => void once(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
