/**
 * What a card holds, as the simulator's card chip would store it: the
 * 256-byte UCS-2 LE text block laid out by the spec's offset tables
 * (specs/idcard-sam.md, "Text block"), written here independently of the
 * driver's decoder, plus photo and fingerprint bytes.
 */
import type { IdCard } from '../../../../shared/contract';

const GENDER_CODES: Record<string, string> = { 男: '1', 女: '2', 未知: '0', 未说明: '9' };
const ETHNICITY_CODES: Record<string, string> = {
  汉: '01', 蒙古: '02', 回: '03', 藏: '04', 维吾尔: '05', 苗: '06', 彝: '07', 壮: '08', 布依: '09', 朝鲜: '10', 满: '11',
  侗: '12', 瑶: '13', 白: '14', 土家: '15', 哈尼: '16', 哈萨克: '17', 傣: '18', 黎: '19', 其他: '97',
};

/** One card in the simulator. `text` may be given raw to simulate a damaged card. */
export interface SimCard {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint?: Uint8Array;
  appendedAddress?: string;
}

/** Fills 256 bytes with UCS-2 LE spaces, then writes each field at its byte offset. */
class Block {
  readonly bytes = new Uint8Array(256);
  constructor() {
    for (let i = 0; i < 256; i += 2) this.bytes[i] = 0x20;
  }
  put(offset: number, size: number, value: string | undefined): this {
    const text = (value ?? '').slice(0, size / 2);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      this.bytes[offset + i * 2] = code & 0xff;
      this.bytes[offset + i * 2 + 1] = code >> 8;
    }
    return this;
  }
}

const gender = (g: string) => GENDER_CODES[g] ?? g;

export function textBlockOf(card: IdCard): Uint8Array {
  const b = new Block();
  switch (card.cardType) {
    case 'resident':
      b.put(0, 30, card.name).put(30, 2, gender(card.gender)).put(32, 4, ETHNICITY_CODES[card.ethnicity ?? ''] ?? card.ethnicity)
        .put(36, 16, card.birthDate).put(52, 70, card.address).put(122, 36, card.idNumber).put(158, 30, card.issuingAuthority)
        .put(188, 16, card.validFrom).put(204, 16, card.validTo);
      break;
    case 'hmt':
      b.put(0, 30, card.name).put(30, 2, gender(card.gender)).put(36, 16, card.birthDate).put(52, 70, card.address)
        .put(122, 36, card.idNumber).put(158, 30, card.issuingAuthority).put(188, 16, card.validFrom).put(204, 16, card.validTo)
        .put(220, 18, card.permitNumber).put(238, 4, card.issueCount).put(248, 2, 'J');
      break;
    case 'foreigner2017':
      b.put(0, 120, card.englishName).put(120, 2, gender(card.gender)).put(122, 30, card.idNumber).put(152, 6, card.nationality)
        .put(158, 30, card.name === card.englishName ? '' : card.name).put(188, 16, card.validFrom).put(204, 16, card.validTo)
        .put(220, 16, card.birthDate).put(236, 4, card.cardVersion).put(240, 8, card.issuingOfficeCode).put(248, 2, 'I');
      break;
    case 'foreigner2023': {
      const english = card.englishName ?? '';
      b.put(0, 30, card.name === english ? '' : card.name).put(30, 2, gender(card.gender)).put(32, 4, card.renewalCount)
        .put(36, 16, card.birthDate).put(52, 70, english.slice(0, 35)).put(122, 36, card.idNumber).put(188, 16, card.validFrom)
        .put(204, 16, card.validTo).put(220, 22, english.slice(35, 46)).put(242, 6, card.nationality).put(248, 2, 'Y')
        .put(250, 6, card.legacyNumberLink);
      break;
    }
  }
  return b.bytes;
}

/**
 * Photo bytes for a simulated card: 1024 bytes that are NOT a photo (no
 * open WLT encoder exists); derived from the card so each card differs.
 * Without a vendor decoder nothing is shown; with one, these do not decode.
 */
export function simulatedPhoto(seed: string): Uint8Array {
  const out = new Uint8Array(1024);
  let x = 0x811c9dc5;
  for (const ch of seed) x = Math.imul(x ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function simCardOf(card: IdCard, extra: Partial<Omit<SimCard, 'text'>> = {}): SimCard {
  return { text: textBlockOf(card), photo: extra.photo ?? simulatedPhoto(card.idNumber), ...extra };
}
