import { z } from 'zod';

/** Free space on the disk of the data directory, checked at start and every minute. */
export const DiskSpaceSchema = z.object({
  /** ok · warning: IT should free space soon · critical: a write may fail any moment. */
  level: z.enum(['ok', 'warning', 'critical']),
  freeBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  /** What the clerk reads (Chinese); empty when ok. */
  message: z.string(),
});
export type DiskSpace = z.infer<typeof DiskSpaceSchema>;

/** Why the database cannot be used yet; the terminal retries until it can. */
export const StorageProblemSchema = z.object({
  /** locked: another program holds the write lock · readOnly: the data directory or database cannot be written · failed: anything else. */
  kind: z.enum(['locked', 'readOnly', 'failed']),
  /** Chinese: what is wrong and what the terminal does about it. */
  message: z.string(),
});
export type StorageProblem = z.infer<typeof StorageProblemSchema>;

/**
 * The storage as the clerk screen shows it. `waiting`: the services have not
 * started because the database could not be opened for writing; only the
 * snapshot and the citizen screen answer, and the terminal retries. When it
 * turns `ready`, the screens load their snapshot again.
 */
export const StorageStatusSchema = z.object({
  state: z.enum(['ready', 'waiting']),
  problem: StorageProblemSchema.nullable(),
  /** Null until the first check (or when the system does not tell). */
  disk: DiskSpaceSchema.nullable(),
  /** Other local accounts can still read the data directory and the start-up check could not fix it (Chinese, for the clerk and IT). */
  permissions: z.object({ message: z.string() }).nullable().optional(),
  /** The diagnostic log under logs/ cannot be written: the counter runs on, IT should look (Chinese). */
  log: z.object({ message: z.string() }).nullable().optional(),
});
export type StorageStatus = z.infer<typeof StorageStatusSchema>;
