/** Dates and times as the lead reads them (local time of the counter PC). */

export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function dateTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${today(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The message of a failed request (CounterApiError messages are Chinese already). */
export function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
