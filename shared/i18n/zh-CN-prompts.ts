/**
 * The special prompts of the prompt area (特殊情形提示): green channel, a
 * long wait, extended service after closing time, the system fault and its
 * call-back record. Notes to the clerk, Simplified Chinese; the standard
 * phrases themselves stay the norms' wording in resources/phrases.
 */
export const zhCNPrompts = {
  title: '特殊情形',
  priority: {
    categories: { elderly: '老年人', disabled: '残疾人', pregnant: '孕妇', military: '军人', other: '其他' } as Record<string, string>,
    heading: (category: string | null) => (category ? `绿色通道 · ${category}` : '绿色通道'),
    todo: '优先办理，主动帮办代办；需要时请代办人协助，尽量一次办结。',
    reason: (reason: string) => `原因：${reason}`,
  },
  suggestElderly: {
    text: (age: number, threshold: number) => `申请人 ${age} 周岁（据证件号码），满 ${threshold} 周岁可走绿色通道。`,
    action: '标记为优先（老年人）',
    /** The reason stored with the flag; the same word as the case screen's list. */
    reason: '老年人',
    done: '已标记为优先办理（老年人）。',
  },
  longWait: {
    heading: '群众久等',
    previousCase: (minutes: number, threshold: number) => `上一件办理用时 ${minutes} 分钟（超过 ${threshold} 分钟），本位群众可能等候较久：先致歉。`,
    ticket: (minutes: number) => `取号后已等候 ${minutes} 分钟：先致歉。`,
  },
  extended: {
    heading: '延时服务',
    text: '请继续为群众办完本件，已自动记录。',
    since: (since: string, minutes: number) => `自 ${since} 起 · 已延时 ${minutes} 分钟`,
  },
  fault: {
    shortNote: '短时故障：向群众致歉，请其稍候，恢复后继续办理。',
    longNote: '长时故障：向群众致歉，登记联系电话，系统恢复后回电通知来办理。',
  },
  callback: {
    title: '回电登记',
    name: '申请人姓名',
    phone: '联系电话',
    phonePlaceholder: '手机或带区号的固话',
    item: '办理事项',
    itemPlaceholder: '可不填',
    note: '备注',
    notePlaceholder: '如：方便接听的时段',
    save: '登记回电',
    saving: '正在登记…',
    saved: (name: string, phone: string) => `已登记：${name}，${phone}。系统恢复后请及时回电。`,
    failed: (reason: string) => `登记未成功：${reason}（已填内容保留，请重试）`,
    nameNeeded: '请填写申请人姓名。',
    phoneNeeded: '请填写联系电话。',
    badPhone: '电话号码不正确：请填写 11 位手机号，或带区号的固定电话（如 0371-12345678）。',
    tooLong: (n: number) => `不能超过 ${n} 个字。`,
    notFound: '没有这条回电登记。',
    listTitle: '待回电',
    listEmpty: '今天没有回电登记。',
    done: '已回电',
    doneLabel: (name: string) => `${name} 已回电`,
    recordedAt: (time: string) => `${time} 登记`,
    doneAt: (time: string) => `${time} 已回电`,
    pending: (n: number) => `待回电 ${n}`,
    pendingHint: '查看回电登记',
    summary: '回电登记',
    summaryCount: (recorded: number, open: number) => `${recorded} 件${open > 0 ? `，其中待回电 ${open} 件` : ''}`,
  },
} as const;
