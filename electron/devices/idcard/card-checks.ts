/**
 * What the clerk should be warned about on a card that was read fine:
 * expired, or an ID number whose check digit is wrong (GB 11643 applies to
 * resident IDs, HK/Macau/Taiwan permits and 2023 foreigner cards only).
 */
import type { IdCard } from '../../../shared/contract';
import { isValidIdNumber } from '../../../shared/domain/id-number';
import { strings } from '../../../shared/i18n';

export type CardWarning = { code: 'expired'; message: string } | { code: 'bad-check-digit'; message: string };

/** `today` as YYYYMMDD in local time. */
export function cardWarnings(card: IdCard, today: string): CardWarning[] {
  const warnings: CardWarning[] = [];
  if (/^\d{8}$/.test(card.validTo) && card.validTo < today) {
    warnings.push({ code: 'expired', message: strings.idcard.warnings.expired(card.validTo) });
  }
  if (card.cardType !== 'foreigner2017' && !isValidIdNumber(card.idNumber)) {
    warnings.push({ code: 'bad-check-digit', message: strings.idcard.warnings.badCheckDigit });
  }
  return warnings;
}

export function localYyyymmdd(date = new Date()): string {
  return `${date.getFullYear()}${String(date.getMonth() + 1).padStart(2, '0')}${String(date.getDate()).padStart(2, '0')}`;
}
