import type { ServiceItemInput } from './schema';

/**
 * A small valid item for tests of the catalogue and the case workflow. The
 * credit code is a made-up one with a correct GB 32100 check character.
 */
export function sampleItem(overrides: Partial<ServiceItemInput> = {}): ServiceItemInput {
  return {
    name: '食品经营许可（新办）',
    basicCode: '0100230001',
    implementationCode: '0100230001-419900-001',
    type: 'licensing',
    implementingBody: { name: '示例市市场监督管理局', creditCode: '114199000050010012' },
    handling: 'promised',
    statutoryLimit: { days: 10, unit: 'workingDays' },
    promisedLimit: { days: 5, unit: 'workingDays' },
    conditions: ['已取得营业执照'],
    fee: { charged: false },
    phones: { consultation: '12315', supervision: '12345' },
    materials: [
      { id: 'application', name: '食品经营许可申请书', source: 'applicant', form: 'paper', originals: 1, copies: 0, checkMethod: 'keepOriginal', required: true, signature: 'signatureAndSeal' },
      { id: 'licence', name: '营业执照', source: 'government', form: 'paper', originals: 0, copies: 1, checkMethod: 'verifyOriginalKeepCopy', required: true },
      { id: 'rules', name: '食品安全规章制度目录', source: 'applicant', form: 'paper', originals: 1, copies: 0, checkMethod: 'keepOriginal', required: true, tolerable: true, notes: '含进货查验等制度' },
      { id: 'attorney', name: '授权委托书', source: 'applicant', form: 'paper', originals: 1, copies: 0, checkMethod: 'keepOriginal', required: false, signature: 'signature' },
    ],
    ...overrides,
  };
}
