/**
 * The 256-byte text block of a card (specs/idcard-sam.md, "Text block"):
 * UCS-2 little-endian, padded with spaces; the character at byte 248 names
 * the card type. Offsets below are byte offsets, copied from the spec's
 * tables, one table per card type.
 */
import type { CardType, IdCard } from '../../../../shared/contract';
import { ethnicityOf, genderOf } from './code-tables';

export const TEXT_BLOCK_LENGTH = 256;
const TYPE_OFFSET = 248;

/** A field: [byte offset, byte length]. */
type Field = readonly [number, number];

const RESIDENT = {
  name: [0, 30], gender: [30, 2], ethnicity: [32, 4], birthDate: [36, 16], address: [52, 70],
  idNumber: [122, 36], issuingAuthority: [158, 30], validFrom: [188, 16], validTo: [204, 16],
} as const satisfies Record<string, Field>;

// 'J': the resident layout, minus ethnicity (bytes 32–35 unverified: ignored), plus the permit fields.
const HMT = {
  ...RESIDENT, permitNumber: [220, 18], issueCount: [238, 4],
} as const satisfies Record<string, Field>;

const FOREIGNER_2017 = {
  englishName: [0, 120], gender: [120, 2], idNumber: [122, 30], nationality: [152, 6], chineseName: [158, 30],
  validFrom: [188, 16], validTo: [204, 16], birthDate: [220, 16], cardVersion: [236, 4], issuingOfficeCode: [240, 8],
} as const satisfies Record<string, Field>;

const FOREIGNER_2023 = {
  chineseName: [0, 30], gender: [30, 2], renewalCount: [32, 4], birthDate: [36, 16], englishName1: [52, 70],
  idNumber: [122, 36], validFrom: [188, 16], validTo: [204, 16], englishName2: [220, 22], nationality: [242, 6],
  legacyNumberLink: [250, 6],
} as const satisfies Record<string, Field>;

/** The card type from the character at byte 248. */
export function cardTypeOf(block: Uint8Array): CardType {
  switch (ucs2(block, TYPE_OFFSET, 2)) {
    case 'I':
      return 'foreigner2017';
    case 'J':
      return 'hmt';
    case 'Y':
      return 'foreigner2023';
    default:
      return 'resident';
  }
}

/**
 * Decodes a text block into the contract's card. Does not validate it
 * (dates, check digit): the caller decides what to do with a bad card.
 */
export function decodeTextBlock(block: Uint8Array): IdCard {
  if (block.length !== TEXT_BLOCK_LENGTH) throw new RangeError(`text block must be ${TEXT_BLOCK_LENGTH} bytes, got ${block.length}`);
  const cardType = cardTypeOf(block);
  const f = (field: Field) => trim(ucs2(block, field[0], field[1]));
  switch (cardType) {
    case 'resident':
      return {
        cardType,
        name: f(RESIDENT.name),
        gender: genderOf(f(RESIDENT.gender)),
        ethnicity: ethnicityOf(f(RESIDENT.ethnicity)),
        birthDate: f(RESIDENT.birthDate),
        address: f(RESIDENT.address),
        idNumber: f(RESIDENT.idNumber),
        issuingAuthority: f(RESIDENT.issuingAuthority),
        validFrom: f(RESIDENT.validFrom),
        validTo: f(RESIDENT.validTo),
      };
    case 'hmt':
      return {
        cardType,
        name: f(HMT.name),
        gender: genderOf(f(HMT.gender)),
        birthDate: f(HMT.birthDate),
        address: f(HMT.address),
        idNumber: f(HMT.idNumber),
        issuingAuthority: f(HMT.issuingAuthority),
        validFrom: f(HMT.validFrom),
        validTo: f(HMT.validTo),
        permitNumber: f(HMT.permitNumber),
        issueCount: f(HMT.issueCount),
      };
    case 'foreigner2017': {
      const englishName = f(FOREIGNER_2017.englishName);
      const chineseName = f(FOREIGNER_2017.chineseName);
      return {
        cardType,
        name: chineseName || englishName,
        englishName,
        gender: genderOf(f(FOREIGNER_2017.gender)),
        nationality: f(FOREIGNER_2017.nationality),
        birthDate: f(FOREIGNER_2017.birthDate),
        idNumber: f(FOREIGNER_2017.idNumber),
        validFrom: f(FOREIGNER_2017.validFrom),
        validTo: f(FOREIGNER_2017.validTo),
        cardVersion: f(FOREIGNER_2017.cardVersion),
        issuingOfficeCode: f(FOREIGNER_2017.issuingOfficeCode),
      };
    }
    case 'foreigner2023': {
      // The English name is split in two fields; join them untrimmed so a
      // space at the split point survives, then trim the whole.
      const englishName = trim(
        ucs2(block, FOREIGNER_2023.englishName1[0], FOREIGNER_2023.englishName1[1]) +
          ucs2(block, FOREIGNER_2023.englishName2[0], FOREIGNER_2023.englishName2[1]),
      );
      const chineseName = f(FOREIGNER_2023.chineseName);
      return {
        cardType,
        name: chineseName || englishName,
        englishName,
        gender: genderOf(f(FOREIGNER_2023.gender)),
        renewalCount: f(FOREIGNER_2023.renewalCount),
        birthDate: f(FOREIGNER_2023.birthDate),
        idNumber: f(FOREIGNER_2023.idNumber),
        validFrom: f(FOREIGNER_2023.validFrom),
        validTo: f(FOREIGNER_2023.validTo),
        nationality: f(FOREIGNER_2023.nationality),
        legacyNumberLink: f(FOREIGNER_2023.legacyNumberLink),
      };
    }
  }
}

/** UCS-2 LE text of `length` bytes at `offset`. */
function ucs2(block: Uint8Array, offset: number, length: number): string {
  let out = '';
  for (let i = offset; i + 1 < offset + length; i += 2) out += String.fromCharCode(block[i]! | (block[i + 1]! << 8));
  return out;
}

/** Drops the padding: spaces (ASCII and ideographic), NULs and other blanks at either end. */
function trim(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && isPadding(text.charCodeAt(from))) from++;
  while (to > from && isPadding(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

function isPadding(code: number): boolean {
  return code <= 0x20 || code === 0x3000 || code === 0xffff;
}
