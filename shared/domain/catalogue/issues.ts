import { z } from 'zod';

/**
 * A problem found in a catalogue file, in Chinese, naming where it is: the
 * row of a spreadsheet (when imported from XLSX), the item, the material and
 * the field. Empty strings where a part does not apply.
 */
export const CatalogueIssueSchema = z.object({
  /** e.g. “材料”表第 7 行; empty for JSON. */
  location: z.string(),
  /** The item's name, or 第 n 项事项 when it has none. */
  item: z.string(),
  /** The material's name, or 第 n 项材料. */
  material: z.string(),
  /** The field's Chinese name, e.g. 承诺办结时限 · 天数. */
  field: z.string(),
  message: z.string(),
});
export type CatalogueIssue = z.infer<typeof CatalogueIssueSchema>;
