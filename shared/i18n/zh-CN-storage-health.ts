/**
 * The database and the disk under trouble: a database another program holds,
 * a read-only data directory, free space running out (electron/services/app/
 * storage-gate.ts, electron/services/disk). Shown on the clerk screen and
 * written to the log for IT. Part of zh-CN.
 */

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** 12.3 GB / 850 MB: enough precision to act on, in the units Windows and Linux show. */
export function formatBytes(bytes: number): string {
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(1)} GB`;
  return `${Math.max(0, Math.round(bytes / MIB))} MB`;
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

export const zhCNStorageHealth = {
  problemTitle: '本地数据库暂不可用',
  /** Another process holds the database's write lock at start-up. */
  locked: (retryMs: number) =>
    `数据库被占用：另一个程序正在写入本终端的数据库（counter.sqlite），暂时无法保存任何办件。终端每 ${seconds(retryMs)} 秒自动重试，占用解除后自动恢复，无需重启。如长时间未恢复，请联系 IT 关闭占用数据库的程序。`,
  /** The data directory (or the database file) cannot be written. */
  readOnly: (dir: string, retryMs: number) =>
    `数据目录为只读：无法写入 ${dir}，办件无法保存。请联系 IT 检查该磁盘或文件夹的写入权限。终端每 ${seconds(retryMs)} 秒自动重试，恢复后自动启动，无需重启。`,
  /** Any other reason the database does not open; `reason` is already Chinese. */
  failed: (reason: string, retryMs: number) => `无法打开本地数据库：${reason}。终端每 ${seconds(retryMs)} 秒自动重试；如一直失败，请联系 IT。`,
  waitingHint: '恢复前无法签到或办件；恢复后本屏幕自动刷新。',
  /** Lines for the diagnostic log. */
  log: {
    waiting: (message: string, original: string) => `存储：${message}（原始信息：${original}）`,
    recovered: '存储：数据库已可写入，终端服务已启动',
    startFailed: (message: string, original: string) => `存储：终端服务启动失败，稍后重试：${message}（原始信息：${original}）`,
    lockSkipped: '桌面外壳：数据目录为只读，无法建立单实例锁，继续启动以显示原因',
    diskUnknown: (reason: string) => `磁盘空间：无法读取数据目录所在磁盘的剩余空间：${reason}`,
    disk: (message: string) => `磁盘空间：${message}`,
    diskOk: (free: number, total: number) => `磁盘空间：已恢复正常，剩余 ${formatBytes(free)}（共 ${formatBytes(total)}）`,
    checkpointFailed: (reason: string) => `数据库：整理预写日志（WAL）失败：${reason}`,
    busyRetry: (what: string) => `数据库被占用：${what} 稍后自动重试`,
    busyGaveUp: (what: string) => `数据库被占用：${what} 多次重试仍未保存`,
  },
  disk: {
    warningTitle: '磁盘剩余空间不足',
    criticalTitle: '磁盘空间即将用尽',
    warning: (free: number, total: number) =>
      `数据目录所在磁盘仅剩 ${formatBytes(free)}（共 ${formatBytes(total)}）。请通知 IT 清理磁盘空间，以免办件和通知书无法保存。`,
    critical: (free: number, total: number) =>
      `数据目录所在磁盘仅剩 ${formatBytes(free)}（共 ${formatBytes(total)}），办件和通知书随时可能无法保存。请立即通知 IT 清理磁盘空间。`,
  },
  /** A card read that waited for the database and could not be stored. */
  cardNotStored: (reason: string) => `证件信息未能保存：${reason}。请重新刷证。`,
};
