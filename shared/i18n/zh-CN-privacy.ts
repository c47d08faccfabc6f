/**
 * Personal data at rest: the field key, its absence, the retention runs
 * (electron/services/privacy). Part of zh-CN. Never a value of the data in
 * these lines: paths, counts and reasons only.
 */
export const zhCNPrivacy = {
  cipher: {
    badKeyLength: (bytes: number) => `加密密钥长度不对（${bytes} 字节，应为 32 字节）`,
    wrongKey: '个人信息是用另一把密钥加密的，当前密钥无法解开',
    damaged: '加密的个人信息已损坏或被改动，无法解开',
  },
  key: {
    missing: (path: string) =>
      `找不到个人信息加密密钥（${path}），数据库中已有加密的申请人信息。为避免数据丢失，终端不会生成新密钥，也不会改动任何数据。请联系 IT 从备份恢复该密钥文件（或恢复原系统账户的密钥），终端每隔几秒自动重试，恢复后无需重启。`,
    mismatch: (path: string) =>
      `个人信息加密密钥（${path}）与本机数据库不匹配（可能是另一台终端的密钥）。为避免数据丢失，终端不会改动任何数据。请联系 IT 恢复本机原来的密钥文件，终端每隔几秒自动重试。`,
    unreadable: (path: string, code: string) => `无法读取个人信息加密密钥（${path}${code ? `，${code}` : ''}）。请联系 IT 检查该文件的所有者和权限（应仅运行终端的账户可读）。终端每隔几秒自动重试。`,
    damaged: (path: string) => `个人信息加密密钥文件已损坏（${path}）。请联系 IT 从备份恢复该文件；终端不会生成新密钥覆盖它。`,
    cannotCreate: (path: string, code: string) => `无法创建个人信息加密密钥（${path}${code ? `，${code}` : ''}）。请联系 IT 检查该文件夹是否可写。`,
    sealUnavailable: (reason: string) => `操作系统无法加密保存密钥（${reason}），改用仅本账户可读的密钥文件`,
    log: {
      created: (path: string) => `个人信息加密：已生成新密钥 ${path}（仅本账户可读）。IT 请将其与数据目录分开备份：没有它，数据库中加密的申请人信息无法读取`,
      inUse: (path: string) => `个人信息加密：使用密钥 ${path}`,
      replaced: (path: string) => `个人信息加密：数据库中已无旧密钥加密的数据，改用密钥 ${path}`,
      legacySealed: (count: number) => `个人信息加密：已将 ${count} 件旧办件的明文个人信息加密，并重写数据库文件、清空预写日志（WAL）`,
    },
  },
  retention: {
    job: '个人信息定期清除',
    log: {
      purged: (counts: string) => `个人信息定期清除：${counts}`,
    },
  },
};
