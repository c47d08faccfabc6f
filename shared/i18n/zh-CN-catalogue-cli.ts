/**
 * `npm run catalogue -- …`: IT's tool to check, import, export a centre's
 * service-item catalogue and to get a blank workbook. Part of zh-CN.
 */
export const zhCNCatalogueCli = {
  usage: [
    '用法：',
    '  npm run --silent catalogue -- check <目录文件.json|.xlsx>      检查事项目录文件，逐条列出问题（不写入任何文件）',
    '  npm run --silent catalogue -- import <目录文件.json|.xlsx>     导入为本终端的事项目录（有任何问题则不导入），原目录留作备份',
    '  npm run --silent catalogue -- template <模板.xlsx>             生成填写模板（含一行示例和填写说明）',
    '  npm run --silent catalogue -- export <导出.xlsx|.json>          导出本终端当前使用的事项目录',
    '选项：--data-dir <目录> 指定数据目录（默认同终端，或环境变量 COUNTER_DATA_DIR）；--force 覆盖已存在的输出文件',
  ].join('\n'),
  unknownCommand: (name: string) => `未知的命令：${name}`,
  fileNeeded: (command: string) => `请指定文件：npm run catalogue -- ${command} <文件>`,
  outputExists: (path: string) => `文件已存在：${path}（如需覆盖，请加 --force）`,
  badOutputType: (path: string) => `无法识别的输出文件类型：${path}（请使用 .xlsx 或 .json）`,
  templateOnlyXlsx: (path: string) => `模板只能是 .xlsx 文件：${path}`,
  summary: (items: number, handled: number, materials: number) =>
    `共 ${items} 个事项（本窗口办理 ${handled} 个${items > handled ? `、转办 ${items - handled} 个` : ''}），${materials} 项申请材料`,
  valid: (file: string, summary: string) => `事项目录有效：${file}，${summary}`,
  invalid: (file: string, n: number) => `事项目录有误：${file}，发现 ${n} 处问题，未导入：`,
  imported: (dir: string, summary: string) => `已导入到数据目录 ${dir}：${summary}`,
  backup: (path: string) => `原事项目录已备份为 ${path}`,
  noBackup: '此前使用的是默认事项目录，无需备份',
  added: (names: string) => `新增事项：${names}`,
  removed: (names: string) => `删除事项：${names}`,
  changed: (name: string, fields: string) => `修改事项：${name}（${fields}）`,
  unchanged: '事项与此前的目录相同，未发生变化',
  restart: '终端下次启动时使用新的事项目录；正在运行的终端请重新启动。',
  templateWritten: (path: string) => `已生成填写模板：${path}（“填写说明”工作表列出每一列的要求）`,
  exported: (path: string, source: string, summary: string) => `已导出${source}到 ${path}：${summary}`,
  writeFailed: (path: string, reason: string) => `无法写入 ${path}：${reason}`,
  /** The workbook the tool writes. */
  workbook: {
    guideSheet: '填写说明',
    guideColumns: { sheet: '工作表', column: '列名', required: '必填', values: '可填写的内容' },
    idTypesHint: (names: string) => `本事项可受理的身份证件，多个用“、”或“，”分隔；不填表示任何证件均可。可选：${names}`,
    conditionsHint: '每行一条受理条件（单元格内换行：Alt+Enter）',
    aliasesHint: '其他常用名称，多个用“、”分隔',
    statutoryHint: '没有法定时限的，法定办结时限和法定时限单位都不填',
    referralHint: '本窗口不办理的事项填写转办部门（及窗口、地址、电话）',
    itemCodeHint: '所属事项的实施编码，与“事项”表一致；材料按行的先后顺序列出',
    materialIdHint: '本事项内唯一的编号：小写字母、数字和连字符，如 application、id-card',
  },
};
