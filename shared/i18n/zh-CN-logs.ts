/**
 * The diagnostic log under logs/ in the data directory (electron/services/log):
 * its configuration (config.json `logs`) and what is said when it cannot be
 * written. Part of zh-CN.
 */
export const zhCNLogs = {
  validation: {
    totalBelowFile: '日志总量上限（logs.maxTotalMb）不能小于单个日志文件的上限（logs.maxFileKb）',
  },
  /** Said once (stderr and the clerk screen's storage notices) until writing works again. */
  unwritable: (dir: string, reason: string) =>
    `诊断日志无法写入 ${dir}：${reason}。终端照常运行，日志暂时只输出到控制台；请联系 IT 检查磁盘空间和该文件夹的写入权限。`,
  recovered: (dir: string) => `诊断日志：已恢复写入 ${dir}`,
  noticeTitle: '诊断日志无法写入',
};
