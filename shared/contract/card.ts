import { z } from 'zod';

export const CARD_TYPES = ['resident', 'hmt', 'foreigner2017', 'foreigner2023'] as const;
export const CardTypeSchema = z.enum(CARD_TYPES);
export type CardType = z.infer<typeof CardTypeSchema>;

const yyyymmdd = z.string().regex(/^\d{8}$/, '日期应为 8 位数字 YYYYMMDD');

/**
 * A card as the device layer decodes it. Contains the full ID number:
 * it stays in the main process and the local database and never crosses
 * the contract as is (see ApplicantView).
 */
export const IdCardSchema = z.object({
  cardType: CardTypeSchema,
  name: z.string().min(1),
  gender: z.string(),
  ethnicity: z.string().optional(),
  birthDate: yyyymmdd,
  address: z.string().optional(),
  idNumber: z.string().min(1),
  issuingAuthority: z.string().optional(),
  validFrom: yyyymmdd,
  /** YYYYMMDD or 长期 */
  validTo: z.string(),
  // Fields of the other card types (specs/idcard-sam.md). All optional so a
  // resident card stays as it was; `name` is the Chinese name when the card
  // has one, else the English name.
  /** Foreigner cards: the English name (2023: both parts joined). */
  englishName: z.string().optional(),
  /** Foreigner cards: GB/T 2659 alpha-3 code, e.g. CAN. */
  nationality: z.string().optional(),
  /** HK/Macau/Taiwan residence permit: the travel permit number (通行证号码). */
  permitNumber: z.string().optional(),
  /** HK/Macau/Taiwan residence permit: how many times a permit was issued (签发次数). */
  issueCount: z.string().optional(),
  /** Foreigner card 2023: renewal count (换证次数). */
  renewalCount: z.string().optional(),
  /** Foreigner card 2017: card version (证件版本号). */
  cardVersion: z.string().optional(),
  /** Foreigner card 2017: code of the issuing office (受理机关代码). */
  issuingOfficeCode: z.string().optional(),
  /** Foreigner card 2023: link to the holder's legacy 15-character number (unverified field). */
  legacyNumberLink: z.string().optional(),
});
export type IdCard = z.infer<typeof IdCardSchema>;

/**
 * What the renderer receives of a card: the ID number is masked, and the
 * birth date is given only as an age — the 8 digits a mask of 6 + 4 hides
 * are exactly the birth date, so printing it beside the masked number
 * showed the whole number (issue 13).
 */
export const ApplicantViewSchema = IdCardSchema.omit({ idNumber: true, birthDate: true }).extend({
  idNumberMasked: z.string(),
  /** Full years (周岁) on the day the card was read; null when the card's birth date is not a date. */
  age: z.number().int().min(0).nullable(),
  /** When the card was read (ISO timestamp). */
  readAt: z.string(),
  /** The reader that produced it, e.g. 模拟身份证阅读器. */
  source: z.string(),
  /**
   * The card photo: decoded through the vendor library IT configured, or
   * kept raw because no decoder is installed (the screen says so; it never
   * shows a made-up photo). Absent for cards read without photo data.
   */
  photo: z
    .discriminatedUnion('status', [
      z.object({ status: z.literal('decoded'), dataUrl: z.string().startsWith('data:image/bmp;base64,') }),
      z.object({ status: z.literal('noDecoder') }),
    ])
    .optional(),
  /** What the clerk must check: expired card, wrong check digit (Chinese). */
  warnings: z.array(z.string()).optional(),
});
export type ApplicantView = z.infer<typeof ApplicantViewSchema>;
