/**
 * What a device simulator remembers of its traffic (for tests and the
 * bench): the most recent entries only. A simulated device runs inside the
 * counter for weeks — the keypad heartbeats several times a second, the
 * reader polls for a card — so a record that only grows is a memory leak
 * (issue 14: the server's memory rose with every case and while idle).
 */
export const RECENT_HISTORY_LIMIT = 1000;

/** Appends `entry`, dropping the oldest entries beyond `limit`. */
export function remember<T>(history: T[], entry: T, limit = RECENT_HISTORY_LIMIT): void {
  history.push(entry);
  if (history.length > limit) history.splice(0, history.length - limit);
}
