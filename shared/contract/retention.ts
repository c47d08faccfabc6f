import { z } from 'zod';

/** Days, from 0 (purged at the next run, daily and at start) to ten years. */
const days = (fallback: number) => z.number().int().min(0).max(3650).default(fallback);

/**
 * How long the counter keeps each kind of personal data (PIPL art. 19: the
 * shortest time the purpose needs; art. 47: deleted after). Run at start
 * and daily (electron/services/privacy/retention.ts); each purge is audited
 * with its counts. What a case keeps for good: the applicant's name, the
 * masked ID number, the item, the outcome and the slips' records.
 */
export const RetentionConfigSchema = z
  .object({
    /**
     * The full card (ID number, address, photo, agent's card, contact phone) of a closed or
     * abandoned case, counted from 办结 / the abandon. Needed only while the case is open and
     * until it has been handed to the centre's system, which happens at 办结: one day leaves
     * time to re-check a case that very day.
     */
    cardDays: days(1),
    /**
     * The same card data of a case still open this many days after it was opened: a case the
     * clerk never ended (a crash, a forgotten case) must not keep a card for ever. The case stays
     * open with the name and the masked number; a returning applicant's card is simply read again.
     */
    openCardDays: days(3),
    /**
     * Archived slip PDFs (archive/), the simulated printer's copies and lp's answers
     * (print-spool/). They show masked numbers only; a year covers an administrative
     * reconsideration (60 days) and a lawsuit (6 months) about the case, while the official
     * file is kept by the centre's system.
     */
    slipPdfDays: days(365),
    /**
     * Captured materials (the document camera's pages and material PDFs, kept under the case's archive folder,
     * archive/…/<case>/materials/): images of the applicant's documents and ID card, handed over with the case;
     * counted like the card, from 办结 / the abandon (a case still open: openCardDays).
     */
    captureDays: days(1),
    /** Lead exports left in exports/: the lead saves them elsewhere at once; a copy here only adds risk. */
    exportDays: days(7),
    /** Name and phone of a call-back ticked done: a month covers a second call about the same fault. */
    callbackDays: days(30),
    /**
     * The rater's name of a real-name rating (and the sent upload carrying it), counted from the rating:
     * a quarter covers the 差评 follow-up and the quarterly statistics; never while a follow-up is
     * open or the upload is still pending.
     */
    raterDays: days(90),
  })
  .strict();
export type RetentionConfig = z.infer<typeof RetentionConfigSchema>;
