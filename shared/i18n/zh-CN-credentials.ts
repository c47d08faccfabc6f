/** What `npm run lead` and `npm run clerk` say alike (electron/cli/staff-accounts-cli.ts). */
export const accountCliCommon = {
  pinPrompt: '请输入 PIN（8–12 位数字），回车后再输入一次确认：',
  pinMismatch: '两次输入的 PIN 不一致，未修改',
  noPin: '没有读到 PIN，未修改',
  missingArgs: '缺少参数',
  unknownCommand: (c: string) => `未知命令：${c}`,
};

/** Staff credentials: clerk accounts and sign-in PINs, PIN strength, lock-outs (issue 13). */
export const zhCNCredentials = {
  limits: {
    /** The staff number typed was locked after wrong PINs. */
    staffLocked: (minutes: number) => `输错次数过多，请 ${minutes} 分钟后再试`,
    /** This connection (screen) made too many wrong attempts, whatever staff numbers. */
    connectionLocked: (minutes: number) => `此屏幕验证失败次数过多，已暂停验证，请 ${minutes} 分钟后再试`,
    /** The whole counter: too many wrong attempts from anywhere. */
    globalLocked: (minutes: number) => `本机验证失败次数过多，已暂停所有验证，请 ${minutes} 分钟后再试；如非本人操作，请报告 IT`,
  },
  /** Appended to a successful sign-in/unlock when the PIN is shorter than IT may now set. */
  shortPinNote: (digits: number) => `（PIN 少于 ${digits} 位，请联系 IT 重设）`,
  /** A slip names the clerk who issued it: none without a signed-in clerk. */
  slipNeedsSignIn: '请先上岗签到，再出具通知书（通知书须注明经办人）。',
  newPin: (digits: number) => `新 PIN 须为 ${digits} 到 12 位数字`,
  log: {
    rehashed: (kind: string, staffNo: string) => `PIN 摘要已升级为新参数：${kind} ${staffNo}`,
    rehashFailed: (kind: string, staffNo: string, reason: string) => `PIN 摘要升级未写入（下次验证再试）：${kind} ${staffNo}：${reason}`,
  },
  clerk: {
    noAccounts: '本机尚未设置窗口工作人员账号，不能签到。请 IT 用 npm run --silent clerk -- add <工号> <姓名> 设置工号和 PIN 后重启终端。',
    wrong: (left: number) => (left > 0 ? `工号或 PIN 不正确，还可再试 ${left} 次` : '工号或 PIN 不正确'),
    noConnection: '此连接不能签到',
    pinNeeded: '请输入 PIN',
    badPin: 'PIN 须为 6 到 12 位数字',
  },
  clerkConfig: {
    badPinHash: 'PIN 摘要格式不对：请用 npm run clerk -- add 或 reset 生成，不要手写',
    duplicateStaffNo: (staffNo: string) => `工作人员工号重复：${staffNo}`,
    staffNo: '工号只能是 1 到 20 位字母、数字或连字符',
  },
  /** Shown by `lead list` / `clerk list` beside an account whose hash is at the old, cheaper cost. */
  weakHash: '需重设',
  clerkCli: {
    usage: [
      '用法：npm run clerk -- <命令> [--data-dir 目录]',
      '  add <工号> <姓名>   新增窗口工作人员；从标准输入读取 PIN（8–12 位数字，可输入两次确认）',
      '  reset <工号>        重设 PIN（同上）',
      '  remove <工号>       删除窗口工作人员',
      '  list                列出窗口工作人员（不显示 PIN；需重设 = PIN 摘要为旧参数）',
    ].join('\n'),
    ...accountCliCommon,
    notFound: (staffNo: string) => `没有工号为 ${staffNo} 的窗口工作人员`,
    exists: (staffNo: string) => `工号 ${staffNo} 的窗口工作人员已存在；要改 PIN 请用 reset`,
    added: (staffNo: string, name: string, file: string) => `已新增窗口工作人员 ${name}（${staffNo}），已写入 ${file}`,
    reset: (staffNo: string, file: string) => `已重设 ${staffNo} 的 PIN，已写入 ${file}`,
    removed: (staffNo: string, file: string) => `已删除窗口工作人员 ${staffNo}，已写入 ${file}`,
    none: '尚未设置窗口工作人员',
    notObject: (file: string) => `${file}：顶层须为 JSON 对象`,
    badConfig: (file: string) => `${file} 有问题，请先修正后再设置窗口工作人员：`,
    restartNote: '重新启动终端后生效。',
  },
  signIn: {
    pin: 'PIN',
    pinPlaceholder: '6–12 位数字',
    pinInvalid: 'PIN 须为 6 到 12 位数字',
    nameFromAccount: '姓名按 IT 设置的账号显示',
  },
};
