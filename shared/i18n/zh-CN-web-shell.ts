/**
 * The local web shell (electron/web): its refusals, the addresses it prints
 * at launch, and its log lines. Part of zh-CN.
 */
export const zhCNWebShell = {
  refused: {
    badRequest: '请求格式有误，已拒绝。',
    foreignHost: '拒绝访问：只接受本机地址 127.0.0.1 的访问。',
    foreignOrigin: '拒绝访问：请求来自其他网站。',
    noSession: '拒绝访问：本页的访问已失效或尚未建立。请在终端窗口按回车键获取新的访问地址，或重新启动窗口受理终端后打开新地址。',
    codeSpent: '拒绝访问：此访问地址已使用过或已过期（每个地址只能打开一次）。请在终端窗口按回车键获取新的访问地址，或重新启动窗口受理终端。',
    clerkOnly: '拒绝访问：只有工作人员页面可以打开此内容。',
    notFound: '未找到',
    serverError: '服务器内部错误',
  },
  console: {
    started: '窗口受理终端（本地网页版）已启动。',
    clerkAddress: (url: string) => `工作人员页面：${url}`,
    citizenAddress: (url: string) => `面向群众的评价页（在第二台显示器上打开）：${url}`,
    onlyLocal: '仅本机可访问；每个地址只能打开一次，15 分钟内有效。在本窗口按回车键可获取一组新地址。',
    freshAddresses: '新的访问地址（旧地址仍可用至其有效期结束）：',
    logFile: (dir: string) => `网页外壳日志写入：${dir}`,
  },
  roles: { clerk: '工作人员页面', citizen: '群众评价页' },
  log: {
    sessionOpened: (role: string) => `网页外壳：访问地址已换取会话（${role}）`,
    codeRefused: '网页外壳：访问地址已使用过、已过期或无效，已拒绝',
    requestFailed: (reason: string) => `网页外壳：处理请求时出错：${reason}`,
    upgradeFailed: (reason: string) => `网页外壳：处理连接请求时出错：${reason}`,
  },
} as const;
