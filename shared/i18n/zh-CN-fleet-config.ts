/**
 * Fleet configuration: the machine-wide centre file layered under each
 * counter's config.json, its locked fields, and `doctor -- config`
 * (electron/services/config/config-layers.ts, centre-config.ts,
 * electron/cli/config-doctor.ts). Part of zh-CN.
 */
export const zhCNFleetConfig = {
  /** Where a value came from, as `doctor -- config` shows it. */
  sources: {
    default: '默认值',
    centre: '中心配置',
    counter: '本窗口配置',
    'last-good': '上次有效配置',
  },
  /** A value the centre file locked (whatever its source): the counter file cannot change it. */
  locked: '中心锁定',
  /** A problem in the centre file, naming the file (the field is given beside it). */
  centreIssue: (file: string, message: string) => `中心配置文件 ${file}：${message}`,
  /** A value in config.json at a path the centre locked: ignored. Never repeats the value (it may be the upload token). */
  lockedIgnored: (file: string) => `此项已由中心配置文件 ${file} 统一锁定，本窗口 config.json 中的设置未生效，以中心的设置为准。如需修改，请联系中心信息化技术人员`,
  notObject: '文件内容应为一个 JSON 对象（以“{”开头）',
  badLockList: 'locked 应为字段路径的列表，例如 ["evaluation.upload.url", "retention"]',
  unknownLockPath: (path: string) => `locked 中的“${path}”不是可以配置的字段`,
  /** The centre file is broken: the counter keeps what it ran on before. */
  centreBrokenLastGood: (file: string) => `中心配置文件 ${file} 有误，未采用；终端沿用上次有效的配置`,
  centreBrokenDefaults: (file: string) => `中心配置文件 ${file} 有误，未采用；终端暂用默认配置，请尽快修正该文件`,
  /** The log at start: which centre file lies under config.json. */
  centreUsed: (file: string) => `配置：使用中心配置文件 ${file}（本窗口 config.json 覆盖其中未锁定的项）`,
  /** `npm run lead|clerk` on a counter whose centre file locks the accounts. */
  accountsLocked: (section: string, file: string) =>
    `${section} 已由中心配置文件 ${file} 统一锁定，本窗口的 config.json 不能修改它（改了也不会生效）。请在中心配置文件中修改`,
  doctor: {
    usage: [
      '用法：npm run --silent doctor -- config [--json] [--data-dir 目录]',
      '  显示本窗口实际使用的配置，以及每一项来自哪里（默认值 / 中心配置 / 本窗口配置 / 中心锁定）',
      '  中心配置文件：Linux 为 /etc/counter-terminal/centre.json，Windows 为 %ProgramData%\\counter-terminal\\centre.json（环境变量 COUNTER_CENTRE_CONFIG 可另指定）',
      '  退出状态：0 配置无问题；1 用法错误；2 配置有问题（已列出）',
    ].join('\n'),
    title: '本窗口实际使用的配置',
    centreFile: (file: string) => `中心配置文件：${file}`,
    centreFileMissing: (file: string) => `中心配置文件：${file}（不存在，未使用）`,
    counterFile: (file: string) => `本窗口配置文件：${file}`,
    columns: { path: '字段', value: '值', source: '来源' },
    lockedSource: (source: string) => `中心锁定（${source}）`,
    issuesTitle: '配置问题：',
    noIssues: '配置无问题。',
    secretNote: '（上传令牌和 PIN 摘要不显示，以 *** 代替）',
  },
};
