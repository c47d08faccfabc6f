import type { IdCard } from '../../../shared/contract';

/**
 * Cards of fictitious people for simulation and tests. The numbers carry a
 * correct GB 11643 check digit so validation paths are exercised for real.
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
