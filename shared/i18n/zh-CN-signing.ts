/** The 签名 step of a case (issue 10): what the signing service tells the clerk and the applicant. */
export const zhCNSigning = {
  /** Shown in the signing box (on the pad's own screen too). */
  instruction: '请在框内签名',
  /** The on-screen pad, as the evidence names the device. */
  screenPadModel: '屏幕签名',
  started: {
    pad: (padName: string) => `已请申请人在${padName}上签名`,
    screen: '已请申请人在屏幕上签名',
  },
  reset: '已清除，请重新签名',
  cancelled: '已取消签名',
  signed: '已签名',
  waived: (reason: string) => `已记录未签名原因：${reason}`,
  simulated: '模拟签名已完成',
  refused: {
    noCase: '当前没有待签名的办件（需先作出受理决定）',
    alreadySigned: '本通知书已签名',
    notSigning: '当前未在签名，请先点击“请申请人签名”',
    empty: '尚未签名，请在框内签名',
    tooShort: '签名过短，请重新签名',
    padMissing: '签名板未连接，请改用屏幕签名',
    padNotSimulated: '签名板不是模拟设备，无法模拟签名',
    simulatePadOffline: '模拟签名板未连接，无法模拟签名',
    saving: '正在保存签名，请稍候',
    waiveWhileSigned: '本通知书已签名，无需记录未签名原因',
  },
  /** SigningView.message */
  notice: {
    padDisconnected: '签名板已断开，请改用屏幕签名或重新连接',
    caseChanged: '办件内容已修改，原签名不再对应，请重新签名',
    saveFailed: (reason: string) => `签名保存失败，请重试：${reason}`,
  },
};
