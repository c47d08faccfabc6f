/**
 * The audit log's check (`npm run --silent audit -- verify`, electron/cli/audit.ts). Part of zh-CN.
 */
export const zhCNAudit = {
  cli: {
    usage:
      '用法：npm run --silent audit -- verify [--data-dir 目录] [--expect 行号:哈希]\n' +
      '  verify  校验审计日志的哈希链：完好时退出码 0，被改动时 1（指出第一处断链），无法读取时 2。\n' +
      '  --expect 行号:哈希  另核对该行的哈希仍是此前记下的值（verify 输出的末条行号和哈希，请保存在终端电脑以外）。',
    anchorMismatch: (id: number) => `审计日志第 ${id} 行的哈希与此前记下的不符（或该行已不存在）：哈希链自该行起已被整体重写。`,
    intact: (rows: number, head: string) => `审计日志完好：共 ${rows} 条记录，哈希链完整${head}。`,
    head: (id: number, hash: string) => `（末条第 ${id} 行，哈希 ${hash.slice(0, 16)}…）`,
    noDatabase: (file: string) => `找不到终端数据库：${file}（请用 --data-dir 或 COUNTER_DATA_DIR 指定数据目录）。`,
    unreadable: (file: string, reason: string) => `无法读取数据库 ${file}：${reason}`,
    tooOld: (version: number) => `数据库版本为 ${version}，尚未建立审计哈希链：请先启动一次终端完成升级，再校验。`,
    tableAltered: '审计日志已被破坏：audit_log 表或其哈希链字段已被删除或改动。',
    unprotected: (rows: number, names: readonly string[]) =>
      `审计日志的 ${rows} 条记录哈希链完整，但防篡改触发器已被删除或改动（${names.join('、')}）：数据库曾被绕过终端修改，请检查。`,
  },
  /** The first broken link, by row id. */
  broken: {
    unsealed: (id: number) => `审计日志第 ${id} 行没有哈希：该记录绕过了哈希链写入。`,
    edited: (id: number) => `审计日志第 ${id} 行已被改动：内容与其哈希不符，或其后一行不再与它相连（内容被改且哈希被重算）。`,
    deleted: (id: number, from: number, to: number) =>
      from === to ? `审计日志第 ${from} 行已被删除（第 ${id} 行之前缺少该行）。` : `审计日志第 ${from}–${to} 行已被删除（第 ${id} 行之前缺少这些行）。`,
    reordered: (id: number, after: number) => `审计日志顺序被调换：第 ${id} 行原本应在第 ${after} 行之后。`,
    unlinked: (id: number) => `审计日志第 ${id} 行与前面的记录接不上：之前的记录已被删除或替换。`,
    tailDeleted: (id: number, sequence: number) =>
      id === sequence ? `审计日志末尾的第 ${id} 行已被删除。` : `审计日志末尾的第 ${id}–${sequence} 行已被删除。`,
  },
};
