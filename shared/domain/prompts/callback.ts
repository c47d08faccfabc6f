import { normaliseContactPhone } from '../catalogue/phone';
import { strings } from '../../i18n';
import { CALLBACK_LIMITS, type CallbackDraft } from './schema';

const t = strings.prompts.callback;

export type CallbackField = 'name' | 'phone' | 'itemName' | 'note';

export type CallbackCheck =
  | { ok: true; value: { name: string; phone: string; itemName: string; note: string } }
  | { ok: false; errors: Partial<Record<CallbackField, string>>; message: string };

/**
 * Checks a call-back before it is stored: a name, a phone a clerk can
 * actually call back (a mobile, or a landline with its area code), and
 * lengths that fit. Each bad field gets its own Chinese message; the same
 * check runs in the form (at once) and in the service (authoritative).
 */
export function checkCallback(draft: CallbackDraft): CallbackCheck {
  const name = draft.name.trim();
  const itemName = (draft.itemName ?? '').trim();
  const note = (draft.note ?? '').trim();
  const errors: Partial<Record<CallbackField, string>> = {};
  if (name === '') errors.name = t.nameNeeded;
  else if (name.length > CALLBACK_LIMITS.name) errors.name = t.tooLong(CALLBACK_LIMITS.name);
  const phone = draft.phone.trim() === '' ? null : normaliseContactPhone(draft.phone);
  if (draft.phone.trim() === '') errors.phone = t.phoneNeeded;
  else if (phone === null) errors.phone = t.badPhone;
  if (itemName.length > CALLBACK_LIMITS.itemName) errors.itemName = t.tooLong(CALLBACK_LIMITS.itemName);
  if (note.length > CALLBACK_LIMITS.note) errors.note = t.tooLong(CALLBACK_LIMITS.note);
  const first = (['name', 'phone', 'itemName', 'note'] as const).find((f) => errors[f]);
  if (first || phone === null) return { ok: false, errors, message: errors[first ?? 'phone'] ?? t.badPhone };
  return { ok: true, value: { name, phone, itemName, note } };
}
