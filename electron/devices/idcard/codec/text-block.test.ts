import { describe, expect, it } from 'vitest';
import { ETHNICITIES, ethnicityOf, genderOf } from './code-tables';
import { cardTypeOf, decodeTextBlock, TEXT_BLOCK_LENGTH } from './text-block';

/**
 * Text blocks built by hand from the spec's offset tables (specs/idcard-sam.md,
 * "Text block"): 256 bytes of UCS-2 LE spaces with each field written at its
 * byte offset. Offsets are literal here on purpose.
 */
function block(fields: Array<[offset: number, text: string]>): Uint8Array {
  const bytes = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) bytes[i] = 0x20;
  for (const [offset, text] of fields) {
    Buffer.from(text, 'utf16le').copy(Buffer.from(bytes.buffer), offset);
  }
  return bytes;
}

describe('text block: card type at byte 248', () => {
  it.each([
    ['I', 'foreigner2017'],
    ['J', 'hmt'],
    ['Y', 'foreigner2023'],
    [' ', 'resident'],
    ['X', 'resident'],
  ])('%s → %s', (ch, type) => {
    expect(cardTypeOf(block([[248, ch]]))).toBe(type);
  });
});

describe('text block decoding', () => {
  it('decodes a resident ID card at the spec offsets and trims the padding', () => {
    const card = decodeTextBlock(
      block([
        [0, '张晓明'],
        [30, '1'],
        [32, '01'],
        [36, '19900307'],
        [52, '北京市东城区示例街道幸福里 12 号'],
        [122, '110101199003073511'],
        [158, '北京市公安局东城分局'],
        [188, '20200315'],
        [204, '20400315'],
      ]),
    );
    expect(card).toEqual({
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
    });
  });

  it('keeps 长期 as the end of validity and fields that fill their whole width', () => {
    const address = '广东省深圳市福田区示例大道一千二百三十四号示例花园五栋二单元十八楼零一'; // 35 characters = 70 bytes
    expect(address.length).toBe(35);
    const card = decodeTextBlock(block([[0, '欧阳丽华'], [30, '2'], [32, '15'], [52, address], [204, '长期  ']]));
    expect(card).toMatchObject({ name: '欧阳丽华', gender: '女', ethnicity: '土家', address, validTo: '长期' });
  });

  it('decodes a HK/Macau/Taiwan residence permit, ignoring the unverified bytes 32–35', () => {
    const card = decodeTextBlock(
      block([
        [0, '陈家豪'],
        [30, '1'],
        [32, '01'], // unverified: must not become an ethnicity
        [36, '19940823'],
        [52, '香港特别行政区九龙示例道 8 号'],
        [122, '810000199408230021'],
        [158, '深圳市公安局'],
        [188, '20230110'],
        [204, '20280110'],
        [220, 'H12345678'],
        [238, '02'],
        [248, 'J'],
      ]),
    );
    expect(card).toEqual({
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
    });
    expect(card.ethnicity).toBeUndefined();
  });

  it('decodes a 2017 foreigner permanent residence card', () => {
    const english = 'MARTIN, JOHN PAUL WITH A VERY LONG FAMILY NAME THAT FILLS SIXTY C'; // cut to 60 chars by the field
    const card = decodeTextBlock(
      block([
        [0, english.slice(0, 60)],
        [120, '1'],
        [122, 'CAN310080011512'],
        [152, 'CAN'],
        [158, '马丁'],
        [188, '20190401'],
        [204, '20290401'],
        [220, '19800115'],
        [236, '20'],
        [240, '3100'],
        [248, 'I'],
      ]),
    );
    expect(card).toEqual({
      cardType: 'foreigner2017',
      name: '马丁',
      englishName: english.slice(0, 60),
      gender: '男',
      nationality: 'CAN',
      birthDate: '19800115',
      idNumber: 'CAN310080011512',
      validFrom: '20190401',
      validTo: '20290401',
      cardVersion: '20',
      issuingOfficeCode: '3100',
    });
  });

  it('uses the English name as the name when a 2017 card has no Chinese name', () => {
    const card = decodeTextBlock(block([[0, 'DOE, JANE'], [120, '2'], [122, 'USA110085061234'], [248, 'I']]));
    expect(card).toMatchObject({ name: 'DOE, JANE', englishName: 'DOE, JANE', gender: '女' });
  });

  it('decodes a 2023 foreigner card and joins the English name across its two fields, keeping the space at the split', () => {
    const card = decodeTextBlock(
      block([
        [0, '安娜'],
        [30, '2'],
        [32, '01'],
        [36, '19850615'],
        [52, 'SCHMIDT-WEISSENBERGER, ANNA MARIAN '], // exactly 35 characters, ending in a space
        [122, '931124198506150017'],
        [188, '20240301'],
        [204, '20340301'],
        [220, 'LUISE'],
        [242, 'DEU'],
        [248, 'Y'],
        [250, 'X01'],
      ]),
    );
    expect(card).toEqual({
      cardType: 'foreigner2023',
      name: '安娜',
      englishName: 'SCHMIDT-WEISSENBERGER, ANNA MARIAN LUISE',
      gender: '女',
      renewalCount: '01',
      birthDate: '19850615',
      idNumber: '931124198506150017',
      validFrom: '20240301',
      validTo: '20340301',
      nationality: 'DEU',
      legacyNumberLink: 'X01',
    });
  });

  it('trims NUL padding as well as spaces', () => {
    const bytes = block([[0, '李四']]);
    bytes.fill(0, 4, 30); // NULs after the name instead of spaces
    expect(decodeTextBlock(bytes).name).toBe('李四');
  });

  it('refuses a block of the wrong size', () => {
    expect(() => decodeTextBlock(new Uint8Array(TEXT_BLOCK_LENGTH - 2))).toThrow(RangeError);
  });
});

describe('code tables', () => {
  it('maps the gender codes of the spec', () => {
    expect(['0', '1', '2', '9'].map(genderOf)).toEqual(['未知', '男', '女', '未说明']);
    expect(genderOf('7')).toBe('7');
  });

  it('has the 56 ethnic groups plus 97 and 98 of GB 3304', () => {
    expect(Object.keys(ETHNICITIES)).toHaveLength(58);
    expect(ethnicityOf('01')).toBe('汉');
    expect(ethnicityOf('29')).toBe('柯尔克孜');
    expect(ethnicityOf('56')).toBe('基诺');
    expect(ethnicityOf('97')).toBe('其他');
    expect(ethnicityOf('98')).toBe('外国血统中国籍人士');
    expect(ethnicityOf('57')).toBe('57');
  });
});
