import { z } from 'zod';
import { strings } from '../i18n';

/**
 * The diagnostic log under logs/ in the data directory (electron/services/log):
 * one file a day, `counter-YYYY-MM-DD.log`, continued in `.1.log`, `.2.log` …
 * when a file reaches `maxFileKb`; files older than `keepDays` days are
 * deleted, and the oldest first while all of them together pass `maxTotalMb`.
 * Pruned at start, at each new file and at each new day.
 */
export const LogsConfigSchema = z
  .object({
    /** One file at most this many KiB (5 MiB: an editor still opens it; a busy day is a few files). */
    maxFileKb: z.number().int().min(64).max(1024 * 1024).default(5 * 1024),
    /** Days kept, today included (30: a month covers a fault reported late and the diagnostic bundle's 7 days). */
    keepDays: z.number().int().min(1).max(3650).default(30),
    /** All log files together at most this many MiB: a log storm never fills the disk the database lives on. */
    maxTotalMb: z.number().int().min(1).max(100 * 1024).default(200),
  })
  .strict()
  .superRefine((logs, ctx) => {
    if (logs.maxTotalMb * 1024 < logs.maxFileKb) {
      ctx.addIssue({ code: 'custom', path: ['maxTotalMb'], message: strings.logs.validation.totalBelowFile });
    }
  });
export type LogsConfig = z.infer<typeof LogsConfigSchema>;
