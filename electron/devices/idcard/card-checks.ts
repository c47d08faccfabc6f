/**
 * What the clerk should be warned about on a card that was read fine:
 * expired, or an ID number whose check digit is wrong (GB 11643 applies to
 * resident IDs, HK/Macau/Taiwan permits and 2023 foreigner cards only).
 */
import type { IdCard } from '../../../shared/contract';
import { isValidIdNumber } from '../../../shared/domain/id-number';
import { strings } from '../../../shared/i18n';
import { localIsoDate } from '../../../shared/domain/calendar/iso-date';

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

/** Today (local) as the card writes dates: YYYYMMDD. */
export function localYyyymmdd(date = new Date()): string {
  return localIsoDate(date).replaceAll('-', '');
}
