import {
  CatalogueFileSchema,
  ServiceItemSchema,
  duplicateCodeIndexes,
  type Catalogue,
  type ServiceItem,
} from '../../../shared/domain/catalogue/schema';
import type { CatalogueIssue } from '../../../shared/domain/catalogue/issues';
import { strings } from '../../../shared/i18n';
import { explainDataFileError, parseJsonText } from '../config/json-text';
import { NO_LOCATION, describeFileIssues, describeItemIssues, fileIssue, itemLabel, type Locator, type ValueStyle } from './catalogue-issues';

const c = strings.catalogue;

/** `original`: the platform's wording when the file could not be read or parsed, for the log. */
export type ParsedCatalogue = { ok: true; catalogue: Catalogue } | { ok: false; issues: CatalogueIssue[]; original?: string };

/**
 * Validates a whole catalogue. Each item is checked on its own so that every
 * bad item is reported in one go; one bad item fails the whole catalogue,
 * because a centre's catalogue is replaced as a whole or not at all.
 */
export function validateCatalogue(json: unknown, locator: Locator = NO_LOCATION, style: ValueStyle = 'code'): ParsedCatalogue {
  // reportInput tells a missing field (undefined) from a wrong one.
  const envelope = CatalogueFileSchema.safeParse(json, { reportInput: true });
  if (!envelope.success) return { ok: false, issues: describeFileIssues(envelope.error.issues) };

  const issues: CatalogueIssue[] = [];
  const items: ServiceItem[] = [];
  /** For each valid item, its index in the file (to name it in a cross-item issue). */
  const fileIndex: number[] = [];
  envelope.data.items.forEach((raw, index) => {
    const parsed = ServiceItemSchema.safeParse(raw, { reportInput: true });
    if (parsed.success) {
      items.push(parsed.data);
      fileIndex.push(index);
    } else issues.push(...describeItemIssues(parsed.error.issues, raw, index, locator, style));
  });
  for (const at of duplicateCodeIndexes(items)) {
    const index = fileIndex[at]!;
    issues.push({
      location: locator.item(index),
      item: itemLabel(envelope.data.items[index], index),
      material: '',
      field: c.fields.implementationCode!,
      message: c.duplicateCode(items[at]!.implementationCode),
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const { version, title } = envelope.data;
  return { ok: true, catalogue: { version, ...(title ? { title } : {}), items } };
}

/** Parses the text of a JSON catalogue file (or the reason readText gave): a BOM tolerated, bad JSON reported by line and column. */
export function parseCatalogueText(text: string | Error): ParsedCatalogue {
  if (text instanceof Error) {
    const { message, original } = explainDataFileError(text);
    return { ok: false, issues: [fileIssue(c.unreadable(message))], original };
  }
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    const { message, original } = explainDataFileError(error);
    return { ok: false, issues: [fileIssue(c.notJson(message))], original };
  }
  return validateCatalogue(json);
}
