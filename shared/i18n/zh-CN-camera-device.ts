/** 高拍仪 as a device (issue 11): its status from the page's reports, and `doctor camera`. Part of zh-CN (strings.cameraDevice). */

/** 3264×2448，15 帧/秒 (the frame rate only when the camera says it). */
const mode = (width: number, height: number, fps: number | null) =>
  `${width}×${height}${fps !== null && fps > 0 ? `，${Math.round(fps * 10) / 10} 帧/秒` : ''}`;

export const zhCNCameraDevice = {
  simulatedDriver: '模拟高拍仪',
  /** The hardware driver's name until the page has named the camera. */
  hardwareDriver: '高拍仪（USB 摄像头）',
  /** Hardware, before the clerk's page has said anything (the camera is seen only by the page). */
  waitingForPage: '等待工作台页面检测摄像头',
  /** No clerk page has reported for a while: nobody can tell whether the camera is there (state 未知). */
  pageGone: '页面未连接，无法检测高拍仪',
  notFound: '未找到摄像头',
  fault: '高拍仪故障',
  /** The granted mode in the status tooltip and the doctor. */
  granted: mode,
  /** The page reported the camera without an open stream: the mode it granted when last opened. */
  grantedEarlier: (text: string) => `上次打开：${text}`,
  doctor: {
    title: '高拍仪诊断：系统所见的摄像头（由 Chromium 列出并逐个以最大分辨率打开）',
    /** devices.camera.document / face as configured (a device id or a part of the label). */
    heads: (document: string | null, face: string | null) =>
      `  指定：${[document ? `文档摄像头“${document}”` : '', face ? `人像摄像头“${face}”` : ''].filter((p) => p).join('，')}`,
    none: '  未发现摄像头',
    camera: (index: number, label: string, id: string) => `  ${index}. ${label || '（无名称）'}  [编号 ${id.slice(0, 16) || '—'}]`,
    max: (width: number | null, height: number | null, fps: number | null) =>
      `     最大：${width !== null && height !== null ? mode(width, height, fps) : '未知'}`,
    granted: (width: number, height: number, fps: number | null) => `     实际打开：${mode(width, height, fps)}`,
    openFailed: (reason: string) => `     无法打开：${reason}`,
    chosen: (role: string) => `     ← ${role}`,
    roles: { document: '文档摄像头（按配置）', face: '人像摄像头（按配置）' },
    captured: (file: string, width: number, height: number) => `已保存一帧：${file}（${width}×${height}）`,
    captureNone: '未发现摄像头，未保存图像',
    captureFailed: (reason: string) => `保存图像失败：${reason}`,
    noChromium: '未找到 Chromium（apt-get install chromium，或设置 CHROMIUM_PATH），无法列出摄像头',
    listFailed: (reason: string) => `列出摄像头失败：${reason}`,
    /** doctor all: opening cameras is left to `doctor camera` (it may disturb a capture in progress). */
    overviewNote: '运行 doctor camera 列出摄像头及其分辨率（会逐个打开摄像头）',
    missingValue: (flag: string) => `${flag} 需要一个值`,
    unknownFlag: (flag: string) => `未知参数：${flag}`,
  },
};
