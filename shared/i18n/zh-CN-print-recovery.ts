/**
 * Print jobs across a crash: what the queue found when it asked the spooler
 * about a slip interrupted mid-print, every physical copy as the slip's
 * print status shows it, and the log lines. Part of zh-CN.
 */
export const zhCNPrintRecovery = {
  lpTimedOut: '打印服务 15 秒内没有答复，已中止；通知书可能已被收下，重试前会先核对，避免重复打印',
  lpstatTimedOut: '查询打印机状态超时（打印服务没有响应）',
  cupsPending: '打印服务已收下，正在等待打印',
  cupsCompleted: '打印服务已打印完成',
  cupsUnlisted: '打印服务已收下（其记录中已查不到这份任务）',
  cupsUnreachable: (reason: string) => `打印服务已收下，当前状态无法查询：${reason}`,
  lpNeverStarted: '程序退出时尚未交给打印服务',
  lpSilent: '打印命令已结束但没有答复，无法确认打印服务是否收下',
  simulatedFound: (dir: string) => `模拟打印机文件夹中已有这份（${dir}）`,
  simulatedMissing: '模拟打印机文件夹中没有这份',
  /** A slip whose title cannot be read (its row is gone). */
  slipFallback: '通知书',
  noSpoolerToAsk: '这种打印方式无法查询打印记录',
  /** Notice after a restart: the slip had reached the printer, it is not printed again. */
  recoveredDone: (title: string, detail: string) => `${title}在程序退出前已交给打印机，不再重复打印（${detail}）`,
  /** Notice after a restart: nothing could tell whether the copy came out. */
  uncertain: (title: string) => `${title}打印时程序意外退出，无法确认是否已打出，已重新打印，可能多出一份`,
  /** The slip's print status: the copies sent, with the spooler's ids. */
  printed: (copies: number, ids: string) => `已打印（送出 ${copies} 份${ids ? `，打印任务 ${ids}` : ''}）`,
  /** Appended to the slip's print status for copies that may have come out. */
  uncertainCopies: (copies: number) => `；另有 ${copies} 份可能已打出（打印中程序意外退出，无法确认）`,
  log: {
    failed: (job: number, message: string, original: string) => `打印任务 ${job} 失败：${message}${original && original !== message ? `（原文：${original}）` : ''}`,
    recovered: (job: number, state: string, detail: string) => `打印任务 ${job} 重启后核对：${state}（${detail}）`,
  },
};
