import { describe, expect, it } from 'vitest';
import { ServiceItemSchema } from './schema';
import { searchItems, type IndexedItem } from './search';
import { sampleItem } from './test-items';

function indexed(name: string, code: string, initials: string[], aliases?: string[]): IndexedItem {
  const item = ServiceItemSchema.parse(sampleItem({ name, implementationCode: code, basicCode: code.slice(0, 10), ...(aliases ? { aliases } : {}) }));
  return { ...item, initials };
}

const items = [
  indexed('个体工商户设立登记', '0100120001-419900-001', ['gtgshsldj', 'gthyyzz'], ['个体户营业执照']),
  indexed('社会保障卡补换', '2000520003-419900-001', ['shbzkbh', 'sbkbb'], ['社保卡补办']),
  indexed('食品经营许可（新办）', '0100230001-419900-001', ['spjyxkxb']),
  indexed('公共场所卫生许可（新办）', '0101350005-419900-001', ['ggcswsxkxb']),
];
const names = (list: IndexedItem[]) => list.map((i) => i.name);

describe('searchItems', () => {
  it('finds by part of the name or an alias', () => {
    expect(names(searchItems(items, '许可'))).toEqual(['食品经营许可（新办）', '公共场所卫生许可（新办）']);
    expect(names(searchItems(items, '社保卡'))).toEqual(['社会保障卡补换']);
  });

  it('finds by pinyin initials, prefix before infix', () => {
    expect(names(searchItems(items, 'sbk'))).toEqual(['社会保障卡补换']);
    expect(names(searchItems(items, 'xk'))).toEqual(['食品经营许可（新办）', '公共场所卫生许可（新办）']);
    expect(names(searchItems(items, 'GGCS'))).toEqual(['公共场所卫生许可（新办）']);
  });

  it('finds by code, an exact code first', () => {
    expect(names(searchItems(items, '0100230001-419900-001'))).toEqual(['食品经营许可（新办）']);
    expect(names(searchItems(items, '0100'))).toEqual(['个体工商户设立登记', '食品经营许可（新办）']);
  });

  it('takes full-width input and needs every term to match', () => {
    expect(names(searchItems(items, 'ｓｂｋ'))).toEqual(['社会保障卡补换']);
    expect(names(searchItems(items, '许可 gg'))).toEqual(['公共场所卫生许可（新办）']);
    expect(searchItems(items, '护照')).toEqual([]);
  });

  it('lists everything for an empty query, up to the limit', () => {
    expect(searchItems(items, '  ')).toHaveLength(4);
    expect(searchItems(items, '', 2)).toHaveLength(2);
  });
});
