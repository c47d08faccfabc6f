/** Roles on every connection (issue 13): what a screen may call, and the citizen screen's rating. */
export const zhCNRoles = {
  /** A connection called a method its role may not (the citizen screen asking for the clerk's). */
  forbidden: (method: string) => `此屏幕无权执行该操作（${method}）`,
  /** The log line of a refusal: method and role only, never the params. */
  logForbidden: (method: string, role: string) => `已拒绝请求 ${method}：连接角色 ${role} 无权调用`,
  /** The citizen screen may only rate the case it was asked to rate. */
  notAskedToRate: '只能评价本窗口正在请您评价的办件',
};
