import { z } from 'zod';
import { strings } from '../../i18n';
import { creditCodeCheckCharacter, isValidCreditCode, isWellFormedCreditCode } from './credit-code';
import { isServicePhone } from './phone';
import { IdTypeSchema } from '../case/vocabulary';

/**
 * The service-item catalogue (事项目录): what each item requires, as
 * specs/acceptance.md lists it after GB/T 39046-2020 table 4. The data shape
 * of `resources/catalogue/default.json` and of a centre's import. Codes of
 * enumerations are English; their Chinese labels live in shared/i18n and are
 * what an XLSX import writes.
 */

const s = strings.catalogue;

export const ITEM_TYPES = ['licensing', 'confirmation', 'payment', 'levy', 'award', 'ruling', 'otherPower', 'publicService'] as const;
export const HANDLING_KINDS = ['immediate', 'promised'] as const;
export const LIMIT_UNITS = ['workingDays', 'naturalDays'] as const;
export const MATERIAL_SOURCES = ['applicant', 'government', 'intermediary', 'other'] as const;
export const MATERIAL_FORMS = ['paper', 'electronic', 'either'] as const;
export const CHECK_METHODS = ['keepOriginal', 'verifyOriginalKeepCopy', 'keepOriginalAndCopy', 'verifyOriginal'] as const;
export const SIGNATURE_RULES = ['none', 'signature', 'seal', 'signatureAndSeal'] as const;

export type LimitUnit = (typeof LIMIT_UNITS)[number];
export type CheckMethod = (typeof CHECK_METHODS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
/** 基本编码 ≤ 10, 实施编码 ≤ 24 (GB/T 39046): letters, digits and dashes as provinces write them. */
const code = (max: number) => z.string().trim().min(1).max(max).regex(/^[0-9A-Za-z-]+$/, s.badCode);
const fileName = z
  .string()
  .trim()
  .regex(/^[^\\/:*?"<>|]+\.(?:pdf|docx?|xlsx?|wps|ofd|jpe?g|png)$/i, s.badFileName);
const servicePhone = z.string().trim().refine(isServicePhone, s.badPhone);

const creditCode = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!isWellFormedCreditCode(value)) ctx.addIssue({ code: 'custom', message: s.badCreditCode, input: value });
    else if (!isValidCreditCode(value))
      ctx.addIssue({ code: 'custom', message: s.badCreditCheck(creditCodeCheckCharacter(value.slice(0, 17))!), input: value });
  });

export const TimeLimitSchema = z
  .object({
    days: z.number().int().min(0).max(365),
    unit: z.enum(LIMIT_UNITS),
  })
  .strict();
export type TimeLimit = z.infer<typeof TimeLimitSchema>;

/** Where to send a citizen whose item this window does not handle (行政许可法 art. 32 (2)). */
export const ReferralSchema = z
  .object({
    department: text(60),
    window: text(40).optional(),
    address: text(100).optional(),
    phone: servicePhone.optional(),
  })
  .strict();
export type Referral = z.infer<typeof ReferralSchema>;

/** How many originals / copies each check method takes in, when the material is on paper. */
const COUNT_RULES: Record<CheckMethod, (originals: number, copies: number) => boolean> = {
  keepOriginal: (o) => o >= 1,
  verifyOriginalKeepCopy: (o, c) => o === 0 && c >= 1,
  keepOriginalAndCopy: (o, c) => o >= 1 && c >= 1,
  verifyOriginal: (o, c) => o === 0 && c === 0,
};

/**
 * Runs a cross-field rule once the fields it reads are valid, even when other
 * fields of the object are not (zod would skip it then), so that a centre
 * sees every problem of its file in one go.
 */
const reading = (...fields: string[]) => ({
  when: (payload: z.core.ParsePayload) =>
    !payload.issues.some((issue) => {
      const field = issue.path?.[0];
      // An issue about the object itself: only unknown keys leave it readable.
      if (field === undefined) return issue.code !== 'unrecognized_keys';
      return fields.includes(String(field));
    }),
});

export const MaterialSchema = z
  .object({
    /** Stable key within the item: the case refers to materials by it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, s.badMaterialId),
    name: text(100),
    source: z.enum(MATERIAL_SOURCES),
    form: z.enum(MATERIAL_FORMS),
    /** Originals taken in (a shown-and-returned original counts 0). */
    originals: z.number().int().min(0).max(20),
    copies: z.number().int().min(0).max(20),
    checkMethod: z.enum(CHECK_METHODS),
    /** false: needed only in some cases (an agent's power of attorney …); the clerk marks it 不适用 otherwise. */
    required: z.boolean(),
    /** May be missing at 容缺受理 against a signed commitment. */
    tolerable: z.boolean().default(false),
    signature: z.enum(SIGNATURE_RULES).default('none'),
    notes: text(300).optional(),
    template: fileName.optional(),
    example: fileName.optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.tolerable && !m.required) ctx.addIssue({ code: 'custom', message: s.tolerableNotRequired, path: ['tolerable'] });
  }, reading('tolerable', 'required'))
  .superRefine((m, ctx) => {
    // An electronic material (电子证照) is looked up, not handed in: no paper counts to check.
    if (m.form !== 'electronic' && !COUNT_RULES[m.checkMethod](m.originals, m.copies))
      ctx.addIssue({ code: 'custom', message: s.countRule[m.checkMethod], path: ['checkMethod'] });
  }, reading('form', 'checkMethod', 'originals', 'copies'));
export type Material = z.infer<typeof MaterialSchema>;

export const ServiceItemSchema = z
  .object({
    name: text(60),
    /** Other names clerks and citizens use (社保卡补卡); searched like the name. */
    aliases: z.array(text(30)).max(10).optional(),
    basicCode: code(10),
    implementationCode: code(24),
    type: z.enum(ITEM_TYPES),
    implementingBody: z.object({ name: text(60), creditCode }).strict(),
    handling: z.enum(HANDLING_KINDS),
    /** null: no statutory limit (many public services). */
    statutoryLimit: TimeLimitSchema.nullable(),
    promisedLimit: TimeLimitSchema,
    conditions: z.array(text(500)).min(1),
    fee: z.object({ charged: z.boolean(), basis: text(300).optional() }).strict(),
    phones: z.object({ consultation: servicePhone, supervision: servicePhone }).strict(),
    materials: z.array(MaterialSchema).max(60),
    /** Present when this window does not handle the item: where the citizen should go. */
    referral: ReferralSchema.optional(),
    notes: text(500).optional(),
    /**
     * The identity documents an applicant may use for this item, by the ID
     * types of the case (residentId, hmtResidencePermit,
     * foreignerPermanentResident, …). Absent: any.
     */
    acceptedIdTypes: z.array(IdTypeSchema).min(1).optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    const days = item.promisedLimit.days;
    if (item.handling === 'immediate' && days !== 0)
      ctx.addIssue({ code: 'custom', message: s.immediateNeedsZero, path: ['promisedLimit', 'days'] });
    if (item.handling === 'promised' && days < 1) ctx.addIssue({ code: 'custom', message: s.promisedNeedsDays, path: ['promisedLimit', 'days'] });
  }, reading('handling', 'promisedLimit'))
  .superRefine((item, ctx) => {
    const { statutoryLimit: statutory, promisedLimit: promised } = item;
    if (statutory && statutory.unit === promised.unit && promised.days > statutory.days)
      ctx.addIssue({
        code: 'custom',
        message: s.promisedExceedsStatutory(promised.days, statutory.days, s.limitUnits[promised.unit]),
        path: ['promisedLimit', 'days'],
      });
  }, reading('statutoryLimit', 'promisedLimit'))
  .superRefine((item, ctx) => {
    if (item.fee.charged && !item.fee.basis) ctx.addIssue({ code: 'custom', message: s.feeBasisNeeded, path: ['fee', 'basis'] });
  }, reading('fee'))
  .superRefine((item, ctx) => {
    if (!item.referral && item.materials.length === 0) ctx.addIssue({ code: 'custom', message: s.materialsNeeded, path: ['materials'] });
  }, reading('referral', 'materials'))
  .superRefine((item, ctx) => {
    if (item.materials.some((m) => m.tolerable) && !item.materials.some(isMainMaterial))
      ctx.addIssue({ code: 'custom', message: s.noMainMaterial, path: ['materials'] });
    const ids = new Set<string>();
    const names = new Set<string>();
    item.materials.forEach((m, i) => {
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', message: s.duplicateMaterialId(m.id), path: ['materials', i, 'id'] });
      if (names.has(m.name)) ctx.addIssue({ code: 'custom', message: s.duplicateMaterialName(m.name), path: ['materials', i, 'name'] });
      ids.add(m.id);
      names.add(m.name);
    });
  }, reading('materials'));
export type ServiceItem = z.infer<typeof ServiceItemSchema>;
/** An item as written in a file, before defaults are filled in. */
export type ServiceItemInput = z.input<typeof ServiceItemSchema>;

/**
 * The envelope of a catalogue file. Items are checked one by one by the
 * loader (so every bad item is reported at once, not only the first).
 */
export const CatalogueFileSchema = z
  .object({
    version: z.literal(1),
    title: text(60).optional(),
    items: z.array(z.unknown()).min(1),
  })
  .strict();

export interface Catalogue {
  version: 1;
  title?: string;
  items: ServiceItem[];
}

/** A material that must be complete even at 容缺受理: required and not tolerable. */
export function isMainMaterial(m: Material): boolean {
  return m.required && !m.tolerable;
}

/** True when this window does not handle the item and sends the citizen elsewhere. */
export function isReferred(item: ServiceItem): item is ServiceItem & { referral: Referral } {
  return item.referral !== undefined;
}

/** Cross-item rule: implementation codes identify items, so they must be unique. Returns the indexes of repeats. */
export function duplicateCodeIndexes(items: readonly Pick<ServiceItem, 'implementationCode'>[]): number[] {
  const seen = new Set<string>();
  const repeats: number[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.implementationCode)) repeats.push(i);
    seen.add(item.implementationCode);
  });
  return repeats;
}
