import { zhCN, type Strings } from './zh-CN';

export type { Strings };

/** The strings of the product's locale. Simplified Chinese is the only locale today. */
export const strings: Strings = zhCN;
