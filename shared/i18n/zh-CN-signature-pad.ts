/**
 * The signature pad as a device (issue 10): driver names, statuses and
 * messages about the pad itself, for the clerk's status bar and IT. The
 * signing step's own words live with the signing service.
 */
export const zhCNSignaturePad = {
  hidDriverName: '签名板（USB HID 手写笔）',
  simulatedDriverName: '模拟签名板',
  simulatedReason: '未配置硬件：模拟签名板，签名由“模拟签名”回放一段录制的笔迹，经真实解码器送达',
  connecting: (port: string) => `正在连接签名板（${port}）…`,
  connected: (model: string, port: string) => `签名板就绪：${model}（${port}）`,
  unplugged: (port: string) => `签名板已断开（${port}），插回后将自动重新连接`,
  openFailed: (port: string, reason: string) => `无法打开签名板 ${port}：${reason}`,
  portMissing: (port: string) => `找不到签名板 ${port}，请检查连线`,
  portDenied: (port: string) =>
    `没有权限打开签名板 ${port}，请联系信息化技术人员安装 udev 规则（resources/udev/70-counter-terminal-signature.rules）`,
  badPort: (port: string) => `无法识别的签名板端口配置：${port}（例：hid:056a:00a8、hid:/dev/hidraw3）`,
  notStandardPen: (usbId: string) =>
    `不是标准 HID 手写笔（${usbId}）：报告描述符中没有数字化仪笔（Digitizer Pen）的坐标字段，本版本无法使用此签名板`,
  noDescriptor: (port: string) =>
    `无法读取签名板 ${port} 的报告描述符：请在配置文件 devices.signature.descriptorFile 中指定描述符文件（可用 doctor -- signature 导出）`,
  descriptorMalformed: (usbId: string, reason: string) => `签名板（${usbId}）的报告描述符无法解析：${reason}`,
  descriptorFileUnreadable: (file: string, reason: string) => `无法读取签名板描述符文件 ${file}：${reason}`,
  stuPending: (usbId: string) => `此签名板是 Wacom STU 系列（${usbId}），本版本的 STU 驱动尚未接入`,
  simulatorMissingRecording: (reason: string) => `模拟签名板缺少录制的签名样例：${reason}`,
  simulatedPadModel: '模拟签名板（HID 数字化仪）',
} as const;
