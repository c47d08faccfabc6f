import { CounterApiError } from '../../shared/contract';
import { strings } from '../../shared/i18n';

/** What the clerk reads when a request fails: the service's own Chinese message, else a generic one. */
export function messageOf(error: unknown): string {
  if (error instanceof CounterApiError) return error.message;
  if (error instanceof Error && error.message !== '') return strings.api.failed(error.message);
  return strings.api.unavailable;
}
