/**
 * System errors (Node's errno codes, SQLite's result codes, CUPS' and the
 * JSON parser's English wording) in words a clerk or IT can act on. The
 * original text is kept for the log by electron/services/errors. Part of zh-CN.
 */
export const zhCNSystemErrors = {
  /** Node / libuv errno codes. */
  errno: {
    ENOENT: '文件或文件夹不存在',
    EACCES: '没有访问权限',
    EPERM: '操作不被允许（权限不足）',
    EROFS: '磁盘为只读，无法写入',
    ENOSPC: '磁盘空间已满',
    EDQUOT: '磁盘配额已用完',
    EEXIST: '同名文件已存在',
    EISDIR: '目标是文件夹而不是文件',
    ENOTDIR: '路径中的某一级不是文件夹',
    EBUSY: '文件或设备正被占用',
    EMFILE: '打开的文件过多',
    ENFILE: '系统打开的文件过多',
    EIO: '磁盘或设备读写出错',
    ENXIO: '设备不存在或已拔出',
    ENODEV: '设备不存在',
    ETIMEDOUT: '操作超时',
    ECONNREFUSED: '连接被拒绝',
    ECONNRESET: '连接被对方断开',
    EPIPE: '连接已断开',
    ENOTFOUND: '找不到服务器地址',
    EAI_AGAIN: '域名解析暂时失败',
    EHOSTUNREACH: '无法连接到服务器所在网络',
    ENETUNREACH: '网络不可用',
    EAGAIN: '资源暂时不可用',
  } as Record<string, string>,
  /** SQLite result codes (better-sqlite3 puts them on error.code). */
  sqlite: {
    SQLITE_BUSY: '数据库正被其他程序占用，请稍后再试',
    SQLITE_LOCKED: '数据库正被其他程序占用，请稍后再试',
    SQLITE_READONLY: '数据库为只读，无法保存',
    SQLITE_FULL: '磁盘空间已满，数据库无法写入',
    SQLITE_IOERR: '数据库读写出错（磁盘故障或空间不足）',
    SQLITE_CORRUPT: '数据库文件已损坏',
    SQLITE_NOTADB: '数据库文件已损坏或不是数据库文件',
    SQLITE_CANTOPEN: '无法打开数据库文件（文件夹不存在或没有权限）',
    SQLITE_PERM: '没有访问数据库的权限',
  } as Record<string, string>,
  /** English messages from tools that have no code (CUPS' lp/lpstat, the JSON parser). */
  patterns: [
    { pattern: /database is locked|database table is locked/i, text: '数据库正被其他程序占用，请稍后再试' },
    { pattern: /attempt to write a readonly database|readonly database/i, text: '数据库为只读，无法保存' },
    { pattern: /database or disk is full|no space left on device/i, text: '磁盘空间已满' },
    { pattern: /disk I\/O error/i, text: '数据库读写出错（磁盘故障或空间不足）' },
    { pattern: /read-only file system/i, text: '磁盘为只读，无法写入' },
    { pattern: /permission denied/i, text: '没有访问权限' },
    { pattern: /The printer or class does not exist/i, text: '系统中没有这台打印机' },
    { pattern: /Destination .* is not accepting jobs|not accepting jobs/i, text: '打印机当前不接受打印任务（已暂停或停用）' },
    { pattern: /scheduler is not running|Unable to connect to server|cups.*not running/i, text: '打印服务（CUPS）未运行' },
    { pattern: /Unexpected token|Unexpected end of JSON|JSON at position|is not valid JSON|Bad control character|Unterminated string/i, text: 'JSON 格式错误' },
  ] as { pattern: RegExp; text: string }[],
  /** Shown when nothing above matched: the text is passed on as it is. */
  unknown: '系统错误',
  /** "<Chinese>（<code>）": the code lets IT search the log and documents. */
  withCode: (text: string, code: string) => `${text}（${code}）`,
};
