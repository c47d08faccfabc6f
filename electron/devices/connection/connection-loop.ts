/**
 * The loop every device driver runs around its connection: open, serve
 * until the device goes away, wait, open again — forever, until stopped.
 *
 * A driver gives one function, `connectOnce`, that opens the device and
 * serves it until it is lost; it returns whether the device had been
 * working (then the back-off starts over from its first delay). Between
 * attempts the loop waits `delaysMs[attempt]`, the last value repeating,
 * so an unplugged device is looked for at most that far apart.
 *
 * `sleep` is the driver's own wait (poll intervals, heartbeats): `wakeUp`
 * ends it early, and `stop` ends it for good, so nothing waits out a timer
 * after the clerk closed the app or an unplug was reported.
 */
export interface ConnectionLoopOptions {
  /** Opens and serves one connection; true when the device had been working. */
  connectOnce: () => Promise<boolean>;
  /** Delays between connection attempts; the last one repeats. */
  delaysMs: readonly number[];
  /** A failure the driver did not handle: shown as a fault, not a crash. */
  onCrash: (error: Error) => void;
}

export class ConnectionLoop {
  private halted = true;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: ConnectionLoopOptions) {
    if (options.delaysMs.length === 0) throw new Error('ConnectionLoop needs at least one reconnect delay');
  }

  /** True once `stop` began (and before the first `start`). */
  get stopped(): boolean {
    return this.halted;
  }

  get active(): boolean {
    return this.running !== null;
  }

  start(): void {
    if (this.running) return;
    this.halted = false;
    this.running = this.run().catch((error: unknown) => {
      this.options.onCrash(error instanceof Error ? error : new Error(String(error)));
    });
  }

  /**
   * Stops the loop: no new attempt starts, any wait ends now. `release` runs
   * before waiting for the loop, to close what the current connection holds
   * open (a port, a pending reply) so that it returns.
   */
  async stop(release?: () => Promise<void> | void): Promise<void> {
    this.halted = true;
    this.wakeUp();
    await release?.();
    await this.running;
    this.running = null;
  }

  /** Waits `ms`, or less when woken (stop, unplug, a request to act now). */
  sleep(ms: number): Promise<void> {
    if (this.halted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  wakeUp(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    const delays = this.options.delaysMs;
    let attempt = 0;
    while (!this.halted) {
      if (await this.options.connectOnce()) attempt = 0;
      if (this.halted) break;
      await this.sleep(delays[Math.min(attempt, delays.length - 1)]!);
      attempt++;
    }
  }
}

/** A driver's fine-grained state, for tests and the doctor: every change, once. */
export class StateTracker<S extends string> {
  private listeners: Array<(state: S) => void> = [];

  constructor(private current: S) {}

  get state(): S {
    return this.current;
  }

  set(state: S): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }

  onChange(listener: (state: S) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}
