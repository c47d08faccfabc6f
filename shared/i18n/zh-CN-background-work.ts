/**
 * Work the terminal does on its own, outside a clerk's request (timers,
 * device callbacks, the print queue): what IT reads in the log when such
 * work meets a locked database or fails otherwise. The work goes on; these
 * lines only say what was put off. Part of zh-CN.
 */

export const zhCNBackgroundWork = {
  /** Names of the jobs, as the log lines quote them. */
  jobs: {
    evaluationSweep: '好差评定时处理（超时未评、差评补充原因、默认评价）',
    evaluationThanks: '评价器致谢画面结束后的刷新',
    outbox: '好差评上报',
    serviceDayCheck: '隔夜未签退的自动签退',
    printQueue: '打印队列',
    printerWake: '打印机恢复后唤醒打印队列',
    keypadRating: '评价器按键评价的保存',
    cardRead: '读卡建档后的界面刷新',
    afterRating: '评价保存后的通知',
  },
  log: {
    /** The database was locked: the job runs again by itself. */
    busy: (job: string) => `数据库被占用：${job} 暂缓，稍后自动重试`,
    /** Any other failure: the Chinese reason with the system's own words for IT. */
    failed: (job: string, message: string, original: string) =>
      message === original ? `${job} 出错：${message}` : `${job} 出错：${message}（原始信息：${original}）`,
    /** The job went through again after a failure was logged. */
    recovered: (job: string) => `${job} 已恢复正常`,
    /** The last-resort logger of the web shell: a promise nobody handled (a bug; the terminal keeps running). */
    unhandledRejection: (message: string, original: string) =>
      message === original ? `未处理的异步错误（终端继续运行）：${message}` : `未处理的异步错误（终端继续运行）：${message}（原始信息：${original}）`,
  },
};
