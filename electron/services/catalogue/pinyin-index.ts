import { pinyin } from 'pinyin-pro';
import type { ServiceItem } from '../../../shared/domain/catalogue/schema';
import type { IndexedItem } from '../../../shared/domain/catalogue/search';

/**
 * Pinyin initials of a name, letters and digits only: 食品经营许可（新办） →
 * spjyxkxb. pinyin-pro reads each word in context, so 银行 gives yh, not yx.
 * Computed here, once per load, so the renderer does not ship the dictionary.
 */
export function pinyinInitials(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function indexItems(items: readonly ServiceItem[]): IndexedItem[] {
  return items.map((item) => ({ ...item, initials: [item.name, ...(item.aliases ?? [])].map(pinyinInitials) }));
}
