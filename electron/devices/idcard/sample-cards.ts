import type { CardType, IdCard } from '../../../shared/contract';

/**
 * Cards of fictitious people for simulation and tests. The numbers carry a
 * correct GB 11643 check digit (where the card type has one) so validation
 * paths are exercised for real.
 */
export const SAMPLE_RESIDENT_CARD: IdCard = {
  cardType: 'resident',
  name: '张晓明',
  gender: '男',
  ethnicity: '汉',
  birthDate: '19900307',
  address: '北京市东城区示例街道幸福里 12 号',
  idNumber: '110101199003073511',
  issuingAuthority: '北京市公安局东城分局',
  validFrom: '20200315',
  validTo: '20400315',
};

/** A resident card with a long-term validity and a 35-character address (the field's full width). */
export const SAMPLE_RESIDENT_LONG_TERM: IdCard = {
  cardType: 'resident',
  name: '欧阳丽华',
  gender: '女',
  ethnicity: '土家',
  birthDate: '19780512',
  address: '广东省深圳市福田区示例大道一千二百三十四号示例花园五栋二单元十八楼',
  idNumber: '440304197805121623',
  issuingAuthority: '深圳市公安局福田分局',
  validFrom: '20180601',
  validTo: '长期',
};

export const SAMPLE_HMT_CARD: IdCard = {
  cardType: 'hmt',
  name: '陈家豪',
  gender: '男',
  birthDate: '19940823',
  address: '香港特别行政区九龙示例道 8 号',
  idNumber: '810000199408230021',
  issuingAuthority: '深圳市公安局',
  validFrom: '20230110',
  validTo: '20280110',
  permitNumber: 'H12345678',
  issueCount: '02',
};

export const SAMPLE_FOREIGNER_2017_CARD: IdCard = {
  cardType: 'foreigner2017',
  name: '马丁',
  englishName: 'MARTIN, JOHN PAUL',
  gender: '男',
  nationality: 'CAN',
  birthDate: '19800115',
  idNumber: 'CAN310080011512',
  validFrom: '20190401',
  validTo: '20290401',
  cardVersion: '20',
  issuingOfficeCode: '3100',
};

export const SAMPLE_FOREIGNER_2023_CARD: IdCard = {
  cardType: 'foreigner2023',
  name: '安娜',
  // 40 characters: the card splits it after 35 (at byte 52, the rest at byte 220), here right after a space.
  englishName: 'SCHMIDT-WEISSENBERGER, ANNA MARIAN LUISE',
  gender: '女',
  renewalCount: '01',
  birthDate: '19850615',
  idNumber: '931124198506150017',
  validFrom: '20240301',
  validTo: '20340301',
  nationality: 'DEU',
  legacyNumberLink: 'X01',
};

export const SAMPLE_CARDS: Readonly<Record<CardType, IdCard>> = {
  resident: SAMPLE_RESIDENT_CARD,
  hmt: SAMPLE_HMT_CARD,
  foreigner2017: SAMPLE_FOREIGNER_2017_CARD,
  foreigner2023: SAMPLE_FOREIGNER_2023_CARD,
};
