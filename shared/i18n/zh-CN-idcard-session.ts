/** The ID card reader's session checks and 模拟刷证 (electron/devices/idcard), Simplified Chinese. */
export const zhCNIdcardSession = {
  /** The line does not behave like a SAM: noise, another device, a reader in a vendor mode. */
  invalidSession: (detail: string) => `阅读器应答不符合协议（${detail}），可能线路受干扰或所接设备不是身份证阅读器，请检查连线和端口配置，或重新插拔阅读器`,
  within: (seconds: number, what: string) => `${seconds} 秒内多次收到${what}`,
  strayFrames: '未经请求的应答',
  badAnswers: '与命令不符的应答',
  samCheckAnswer: (message: string) => `阅读器应答不符合协议（安全模块检查应答：${message}），请重新插拔阅读器或联系信息化技术人员`,
  samIdAnswer: (message: string) => `阅读器应答不符合协议（读取安全模块编号应答：${message}），请重新插拔阅读器或联系信息化技术人员`,
  samIdChanged: '阅读器应答不符合协议（安全模块编号与连接时不一致），请重新插拔阅读器或联系信息化技术人员',
  /** 模拟刷证 while the simulated reader is not connected. */
  simulateCardNotConnected: '模拟阅读器当前未连接，无法模拟刷证；请等待设备状态恢复为“模拟”后再试',
};
