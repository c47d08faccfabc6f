/** The Wacom STU signature pads (electron/devices/signature/wacom-stu): statuses and messages for the clerk and IT. */
export const zhCNWacomStu = {
  driverName: '签名板（Wacom STU）',
  simulatedDriverName: '模拟签名板（Wacom STU）',
  connecting: (where: string) => `正在连接 Wacom 签名板（${where}）…`,
  connected: (model: string, firmware: string) => `Wacom ${model} 签名板就绪（固件 ${firmware}）`,
  unplugged: (where: string) => `Wacom 签名板已断开（${where}），插回后将自动重新连接`,
  openFailed: (where: string, reason: string) => `无法打开 Wacom 签名板（${where}）：${reason}`,
  unknownModel: (productId: string) => `不支持的 Wacom 设备（产品编号 ${productId}），不是 STU 系列签名板`,
  tlsNotSupported: (model: string) => `不支持 ${model} 签名板：该型号只能以 TLS 加密方式通信，本终端不支持，请更换为 STU-430/530/540`,
  encryptedReports: (model: string) =>
    `${model} 签名板正在发送加密的笔迹数据（可能由其他程序开启了加密），本终端无法读取签名。请关闭其他签名软件，拔下签名板再插回后重试`,
  busyTimeout: (model: string) => `${model} 签名板长时间忙碌，未能显示签名提示，请拔下签名板再插回`,
  screenFailed: (model: string, reason: string) => `${model} 签名板屏幕显示失败：${reason}`,
  promptFailed: (reason: string) => `签名提示画面生成失败，签名板上只显示签名框：${reason}`,
};
