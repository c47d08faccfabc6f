/** The clerk's case history (办件记录), Simplified Chinese. */
export const zhCNHistory = {
  open: '办件记录',
  shortcut: 'F7 办件记录',
  title: '办件记录',
  /** A case's time in the list: 11月23日 16:29. */
  rowTime: (month: number, day: number, time: string) => `${month}月${day}日 ${time}`,
  close: '关闭',
  search: '搜索',
  searchPlaceholder: '申请人姓名、证件号码（脱敏）、事项、办件编号或通知书编号',
  from: '起',
  to: '止',
  outcome: '结果',
  anyOutcome: '全部',
  outcomes: { accept: '受理', tolerate: '容缺受理', notify: '一次性告知', reject: '不予受理', abandoned: '已结束（未出具）', open: '办理中' } as Record<string, string>,
  columns: { id: '办件编号', openedAt: '时间', applicant: '申请人', idNumber: '证件号码', item: '事项', outcome: '结果', slips: '通知书' },
  today: (date: string) => `${date} 当日办件`,
  counts: { total: '合计', accept: '受理', tolerate: '容缺', notify: '告知', reject: '不予受理', abandoned: '已结束', open: '办理中' } as Record<string, string>,
  empty: '没有符合条件的办件。',
  loading: '正在查询…',
  copy: (n: number) => `（第 ${n} 份）`,
  noSlip: '—',
};
