import { z } from 'zod';

/**
 * The fixed lists of the case workflow. Codes are English and stable (they
 * are persisted); the Chinese wording is in shared/i18n (strings.caseFlow).
 */

export const ID_TYPES = [
  'residentId',
  'temporaryResidentId',
  'hmtResidencePermit',
  'foreignerPermanentResident',
  'hkMacauPermit',
  'taiwanPermit',
  'passport',
  'other',
] as const;
export const IdTypeSchema = z.enum(ID_TYPES);
export type IdType = z.infer<typeof IdTypeSchema>;

/** Numbers of these documents follow GB 11643 (18 characters, ISO 7064 check). */
export const GB11643_ID_TYPES: readonly IdType[] = ['residentId', 'temporaryResidentId', 'hmtResidencePermit'];

/**
 * 绿色通道 categories (norms §2: the elderly, the disabled, pregnant women,
 * the military). 'other' is a reason the clerk writes out. Stored with the
 * priority flag; cases stored before the category existed have none.
 */
export const PRIORITY_CATEGORIES = ['elderly', 'disabled', 'pregnant', 'military', 'other'] as const;
export const PriorityCategorySchema = z.enum(PRIORITY_CATEGORIES);
export type PriorityCategory = z.infer<typeof PriorityCategorySchema>;

/** Why identity was typed in rather than read from a card. */
export const MANUAL_ENTRY_REASONS = ['readFailed', 'readerFault', 'temporaryId', 'otherDocument', 'other'] as const;
export const ManualEntryReasonSchema = z.enum(MANUAL_ENTRY_REASONS);

export const CHECK_STATUSES = ['pending', 'received', 'missing', 'defective', 'notApplicable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** The standard defects of a handed-in material (norms §3 退回, acceptance.md one-time notice). */
export const DEFECTS = ['unsigned', 'unsealed', 'expired', 'inconsistent', 'wrongFormat', 'unclearCopy', 'other'] as const;
export const DefectSchema = z.enum(DEFECTS);
export type Defect = z.infer<typeof DefectSchema>;

export const DECISION_KINDS = ['accept', 'tolerate', 'notify', 'reject'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** 行政许可法 art. 32 (1) and (2), and anything else the clerk must spell out. */
export const REJECT_REASONS = ['outsideCompetence', 'noLicenceNeeded', 'other'] as const;
export const RejectReasonSchema = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

export const DELIVERY_METHODS = ['window', 'locker', 'post'] as const;

/** 失信名单 check before 容缺受理: the case records that it was made. */
export const CREDIT_CHECKS = ['clear', 'listed', 'notRequired'] as const;
export const CreditCheckSchema = z.enum(CREDIT_CHECKS);

/** 好差评: the five grades of the national evaluation system. */
export const RATINGS = ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'] as const;
export const RatingSchema = z.enum(RATINGS);

export const SKIP_EVALUATION_REASONS = ['declined', 'applicantLeft', 'deviceFault', 'other'] as const;
export const SkipEvaluationReasonSchema = z.enum(SKIP_EVALUATION_REASONS);

export const ABANDON_REASONS = ['applicantWithdrew', 'applicantLeft', 'openedByMistake', 'other'] as const;
export const AbandonReasonSchema = z.enum(ABANDON_REASONS);

export const PHASES = [
  'started',
  'identified',
  'materialCheck',
  'decided',
  'slipPrinted',
  'evaluated',
  'closed',
  'abandoned',
] as const;
export type Phase = (typeof PHASES)[number];
