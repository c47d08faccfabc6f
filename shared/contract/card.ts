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
});
export type IdCard = z.infer<typeof IdCardSchema>;

/** What the renderer receives of a card: the ID number is masked. */
export const ApplicantViewSchema = IdCardSchema.omit({ idNumber: true }).extend({
  idNumberMasked: z.string(),
  /** When the card was read (ISO timestamp). */
  readAt: z.string(),
  /** The reader that produced it, e.g. 模拟身份证阅读器. */
  source: z.string(),
});
export type ApplicantView = z.infer<typeof ApplicantViewSchema>;
