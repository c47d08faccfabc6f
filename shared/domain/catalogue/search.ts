import type { ServiceItem } from './schema';

/**
 * An item ready to be searched: `initials` holds the pinyin initials of the
 * name and of each alias (个体工商户设立登记 → gtgshsldj). They are computed
 * where the catalogue is loaded (electron/services/catalogue), so the
 * renderer searches without shipping a pinyin dictionary.
 */
export type IndexedItem = ServiceItem & { initials: string[] };

/** Lower rank is a better match. */
const RANK = {
  codeExact: 0,
  codePrefix: 1,
  namePrefix: 2,
  nameContains: 3,
  initialsPrefix: 4,
  initialsContains: 5,
  codeContains: 6,
} as const;

function normalise(text: string): string {
  // Full-width letters and digits come from Chinese input methods left in full-width mode.
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, '');
}

function rankTerm(item: IndexedItem, term: string): number | null {
  const codes = [item.implementationCode, item.basicCode].map(normalise);
  const names = [item.name, ...(item.aliases ?? [])].map(normalise);
  const initials = item.initials.map(normalise);
  const ranks: number[] = [];
  if (codes.includes(term)) ranks.push(RANK.codeExact);
  if (codes.some((c) => c.startsWith(term))) ranks.push(RANK.codePrefix);
  if (names.some((n) => n.startsWith(term))) ranks.push(RANK.namePrefix);
  if (names.some((n) => n.includes(term))) ranks.push(RANK.nameContains);
  if (initials.some((p) => p.startsWith(term))) ranks.push(RANK.initialsPrefix);
  if (initials.some((p) => p.includes(term))) ranks.push(RANK.initialsContains);
  if (codes.some((c) => c.includes(term))) ranks.push(RANK.codeContains);
  return ranks.length === 0 ? null : Math.min(...ranks);
}

/**
 * Items matching every space-separated term of the query, by name, alias,
 * code or pinyin initials; best matches first, catalogue order among equals.
 * An empty query lists the whole catalogue.
 */
export function searchItems<T extends IndexedItem>(items: readonly T[], query: string, limit = 50): T[] {
  const terms = query.split(/[\s\u3000]+/).map(normalise).filter((t) => t !== '');
  if (terms.length === 0) return items.slice(0, limit);
  const hits: { item: T; rank: number; order: number }[] = [];
  items.forEach((item, order) => {
    let worst = 0;
    for (const term of terms) {
      const rank = rankTerm(item, term);
      if (rank === null) return;
      worst = Math.max(worst, rank);
    }
    hits.push({ item, rank: worst, order });
  });
  hits.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return hits.slice(0, limit).map((h) => h.item);
}
