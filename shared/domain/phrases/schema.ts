import { z } from 'zod';
import { strings } from '../../i18n';

/**
 * The standard-phrase catalogue (服务用语): the data shape of
 * `resources/phrases/default.json`, of a centre's `phrases.json` override,
 * and of the filled phrases the clerk screen receives.
 */

/** Stages of norms.md §3 (Zhumadian §5) plus the phone and the system fault. */
export const PHRASE_STAGES = ['问候', '受理', '接收', '办理', '退回', '回执', '告别', '接待', '电话', '系统故障'] as const;
export const PhraseStageSchema = z.enum(PHRASE_STAGES);
export type PhraseStage = z.infer<typeof PhraseStageSchema>;

/**
 * The gaps a phrase may have ("......", "XXX", "…" in the norms) and how a
 * value of each is written into the sentence:
 *  - text:   a name as is (事项名称, 依据)
 *  - list:   several names joined with 、 (缺少的材料)
 *  - window: a window number gets 号 (3 → 3号), a named window stays (社保 → 社保)
 *  - date:   an ISO date YYYY-MM-DD written as M月D日
 *  - count:  a positive whole number of days
 */
export const SLOT_KINDS = {
  itemName: 'text',
  windowNumber: 'window',
  targetWindow: 'window',
  department: 'text',
  missingMaterials: 'list',
  requiredMaterials: 'list',
  materialName: 'text',
  defect: 'text',
  formName: 'text',
  lawBasis: 'text',
  dueDate: 'date',
  pickupDate: 'date',
  days: 'count',
  workingDays: 'count',
  clerkName: 'text',
  centreName: 'text',
} as const;
export type SlotName = keyof typeof SLOT_KINDS;
export type SlotKind = (typeof SLOT_KINDS)[SlotName];
export const SLOT_NAMES = Object.keys(SLOT_KINDS) as [SlotName, ...SlotName[]];
export const SlotNameSchema = z.enum(SLOT_NAMES);

/**
 * Situations that make a phrase the most fitting of its stage. The case
 * workflow (or the clerk, for a system fault) sets them in the context.
 */
export const PHRASE_CUES = [
  /** The citizen waited long (the previous case ran long, a long queue). */
  'longWait',
  /** The system failed, expected back soon: apologise and ask to wait. */
  'faultShort',
  /** The system failed for long: apologise and take a phone number to call back. */
  'faultLong',
  /** Materials are missing (一次性告知). */
  'materialsIncomplete',
  /** A material has a defect (unsigned, unfilled, inconsistent). */
  'materialDefect',
  /** A form was filled in wrongly. */
  'formError',
  /** A fee is due. */
  'payment',
  /** The citizen thanks the clerk. */
  'thanks',
  /** The citizen raises a complaint or an opinion. */
  'complaint',
  /** The clerk made a mistake. */
  'clerkMistake',
  /** A priority citizen (绿色通道): elderly, disabled, pregnant, military. */
  'priority',
] as const;
export const PhraseCueSchema = z.enum(PHRASE_CUES);
export type PhraseCue = z.infer<typeof PhraseCueSchema>;

/** `{slotName}` in a template. */
export const SLOT_PATTERN = /\{([^{}]*)\}/g;
/** How the norms write a gap: "......" (or more dots), "XXX", "…". */
export const GAP_PATTERN = /\.{3,}|…|XXX/;

const s = strings.phraseCatalogue;

function checkTemplate(template: string, path: (string | number)[], ctx: z.RefinementCtx): void {
  const names = [...template.matchAll(SLOT_PATTERN)].map((m) => m[1] ?? '');
  const unknown = names.filter((name) => !(SLOT_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    ctx.addIssue({ code: 'custom', path, message: s.unknownSlots(unknown.map((n) => `{${n}}`).join('、'), SLOT_NAMES.join('、')) });
  }
  // A lone brace is a typo that would otherwise be shown to the citizen.
  if (template.replace(SLOT_PATTERN, '').match(/[{}]/)) ctx.addIssue({ code: 'custom', path, message: s.strayBrace });
}

const templateSchema = z.string().trim().min(1).max(200);

/** The fields of one standard phrase, before the checks across fields. */
const PhraseFields = z
  .object({
    /** Stable id, referenced by a centre's override file. */
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, s.badId),
    stage: PhraseStageSchema,
    /** Further stages the phrase is also offered in (e.g. a fault apology while handling). */
    alsoIn: z.array(PhraseStageSchema).max(PHRASE_STAGES.length).optional(),
    /** The norm's wording, verbatim, gaps and all. */
    text: z.string().trim().min(1).max(200),
    /** The text with `{slot}` where a gap is filled; may be left out when the text has no gap. */
    template: templateSchema.optional(),
    /** Further wordings (the norm's "或：…"), used when the template's slots are not known but theirs are. */
    alternatives: z.array(templateSchema).max(4).optional(),
    /** Situations in which this phrase comes first. */
    fits: z.array(PhraseCueSchema).max(PHRASE_CUES.length).optional(),
    /** Where the wording comes from, e.g. 驻马店 第5章. */
    source: z.string().trim().min(1).max(60).optional(),
    /** Hidden from the clerk (a centre's choice). */
    disabled: z.boolean().optional(),
  })
  .strict();

/** One standard phrase of the catalogue. */
export const PhraseSchema = PhraseFields.superRefine((phrase, ctx) => {
  if (phrase.template === undefined) {
    if (GAP_PATTERN.test(phrase.text)) ctx.addIssue({ code: 'custom', path: ['template'], message: s.templateNeeded });
  } else checkTemplate(phrase.template, ['template'], ctx);
  phrase.alternatives?.forEach((alternative, i) => checkTemplate(alternative, ['alternatives', i], ctx));
  if (phrase.alsoIn?.includes(phrase.stage)) ctx.addIssue({ code: 'custom', path: ['alsoIn'], message: s.alsoInOwnStage });
});
export type Phrase = z.infer<typeof PhraseSchema>;

/**
 * The shape of a catalogue file. Its phrases are checked one by one (see
 * the loader) so that one bad entry does not hide the others.
 */
export const PhraseFileSchema = z
  .object({
    version: z.literal(1),
    phrases: z.array(z.unknown()),
  })
  .strict();

/**
 * One entry of a centre's `phrases.json`: an existing id with the fields to
 * change (or `"disabled": true`), or a new id with at least stage and text.
 */
export const PhraseOverrideSchema = PhraseFields.partial().required({ id: true }).strict();
export type PhraseOverride = z.infer<typeof PhraseOverrideSchema>;

/** A problem in a phrase file, in Chinese, naming the phrase and the field. */
export const PhraseIssueSchema = z.object({
  /** default.json or phrases.json */
  file: z.string(),
  /** The phrase's id, or 第 N 条 when it has none; empty for the whole file. */
  phrase: z.string(),
  /** Dotted field, e.g. template or alternatives.0; empty for the whole entry. */
  field: z.string(),
  message: z.string(),
});
export type PhraseIssue = z.infer<typeof PhraseIssueSchema>;

/** A piece of a filled phrase: literal words or a gap with its value (null when not known). */
export const PhraseSegmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('slot'), slot: SlotNameSchema, label: z.string(), value: z.string().nullable() }),
]);
export type PhraseSegment = z.infer<typeof PhraseSegmentSchema>;

/** A phrase as the clerk sees it: gaps filled from the context or visibly marked. */
export const FilledPhraseSchema = z.object({
  id: z.string(),
  stage: PhraseStageSchema,
  /** The norm's wording, verbatim. */
  text: z.string(),
  /** What the clerk says or copies: filled, Chinese punctuation, unknown gaps as 【label】. */
  filled: z.string(),
  segments: z.array(PhraseSegmentSchema),
  /** True when every gap is filled. */
  complete: z.boolean(),
  /** The slots still unknown. */
  missing: z.array(SlotNameSchema),
  /** The context's cues this phrase fits. */
  matchedCues: z.array(PhraseCueSchema),
  source: z.string().nullable(),
});
export type FilledPhrase = z.infer<typeof FilledPhraseSchema>;
