import type { Catalogue, ServiceItem } from './schema';

/** What an import changes, item by item (items are identified by their implementation code). */
export interface CatalogueDiff {
  added: ServiceItem[];
  removed: ServiceItem[];
  /** Items in both, with the top-level fields that differ. */
  changed: { item: ServiceItem; fields: (keyof ServiceItem)[] }[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffCatalogues(before: Catalogue, after: Catalogue): CatalogueDiff {
  const old = new Map(before.items.map((item) => [item.implementationCode, item]));
  const next = new Set(after.items.map((item) => item.implementationCode));
  const diff: CatalogueDiff = { added: [], removed: before.items.filter((item) => !next.has(item.implementationCode)), changed: [] };
  for (const item of after.items) {
    const was = old.get(item.implementationCode);
    if (!was) {
      diff.added.push(item);
      continue;
    }
    const keys = [...new Set([...Object.keys(was), ...Object.keys(item)])] as (keyof ServiceItem)[];
    const fields = keys.filter((key) => !same(was[key], item[key]));
    if (fields.length > 0) diff.changed.push({ item, fields });
  }
  return diff;
}
