/**
 * Who may read the counter's files (the data directory's permissions), the
 * rating upload's transport and the applicant card as the clerk sees it
 * (electron/services/permissions, shared/domain/evaluation/upload-url.ts,
 * shared/domain/case/view.ts). Part of zh-CN.
 */

/** At most this many paths are named in a warning; the log has the count. */
const NAMED = 3;

const listed = (paths: readonly string[]) =>
  paths.length <= NAMED ? paths.join('、') : `${paths.slice(0, NAMED).join('、')} 等 ${paths.length} 项`;

export const zhCNDataProtection = {
  permissions: {
    /** The clerk screen's notice when the data directory stays readable by other accounts. */
    title: '数据目录权限不安全',
    /** POSIX: modes the counter could not change (another account owns them, a read-only disk …). */
    unfixable: (dir: string, paths: readonly string[]) =>
      `本机其他账户可以读取终端数据（数据库、评价、配置或通知书），终端无法自动更正：${listed(paths)}。请联系 IT 将数据目录 ${dir} 及其中全部文件的所有者改为运行终端的账户，并去掉其他账户的权限（文件夹 700、文件 600）。`,
    /** Windows: icacls failed. */
    aclFailed: (dir: string, reason: string) =>
      `无法将数据目录 ${dir} 的访问权限限制为本账户、SYSTEM 和管理员：${reason}。本机其他账户可能读取终端数据，请联系 IT 设置该文件夹的权限。`,
    log: {
      fixed: (path: string, from: string, to: string) => `数据目录权限：已将 ${path} 的权限由 ${from} 改为 ${to}（其他账户不可再读取）`,
      fixedSummary: (count: number) => `数据目录权限：共更正 ${count} 项，其他账户已不能读取终端数据`,
      unfixable: (path: string, mode: string, reason: string) => `数据目录权限：无法更正 ${path}（当前 ${mode}）：${reason}`,
      otherOwner: (uid: number) => `属于另一账户（uid ${uid}）`,
      symlinkSkipped: (path: string) => `数据目录权限：${path} 是符号链接，未跟随（不修改数据目录以外的文件）`,
      aclApplied: (dir: string) => `数据目录权限：已将 ${dir} 的访问权限限制为本账户、SYSTEM 和管理员（不继承上级权限）`,
      aclFailed: (dir: string, original: string) => `数据目录权限：设置 ${dir} 的访问控制列表失败：${original}`,
      walkFailed: (original: string) => `数据目录权限：检查未完成：${original}`,
    },
  },
  upload: {
    /** Config validation of evaluation.upload.url. */
    notHttps: '上报地址必须以 https:// 开头：令牌（token）和评价记录不得以明文 http 传输；仅本机测试地址（127.0.0.1、localhost）可用 http://',
    /** At send time (a config that slipped through). */
    refusedAtSend: '好差评上报地址不是 https://，已拒绝发送（令牌不得明文传输）。请联系 IT 在 config.json 的 evaluation.upload.url 中改用 https 地址',
  },
  applicant: {
    /** Shown instead of the birth date: with the masked number beside it the date would complete the ID number. */
    age: '年龄',
    years: (age: number) => `${age} 岁`,
    ageUnknown: '—',
  },
};
