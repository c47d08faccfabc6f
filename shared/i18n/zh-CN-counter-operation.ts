/**
 * Counter operation in the desktop shell (electron/shell): the kiosk clerk
 * window, the display kept awake while the window is open for service, crash
 * dumps kept in the data directory, the citizen screen following the second
 * display. Log lines for IT; part of zh-CN.
 */
export const zhCNCounterOperation = {
  kiosk: '桌面外壳：全屏自助（kiosk）模式，受理窗口全屏显示、不显示菜单（config.json shell.kiosk）',
  configUnreadable: (reason: string) => `桌面外壳：无法读取外壳设置，按默认设置打开窗口：${reason}`,
  displayAwake: {
    started: '桌面外壳：窗口正在服务，已阻止显示器休眠',
    stopped: '桌面外壳：窗口未在服务，已允许显示器休眠',
    unknownPhase: (reason: string) => `桌面外壳：无法读取服务状态，显示器按系统设置休眠：${reason}`,
  },
  crashDumps: {
    folder: (dir: string) => `桌面外壳：崩溃转储保存在本机 ${dir}（不上传）`,
    folderFailed: (dir: string, reason: string) => `桌面外壳：无法使用崩溃转储文件夹 ${dir}（${reason}），改用 Electron 的默认位置（不上传）`,
    startFailed: (reason: string) => `桌面外壳：崩溃报告未能启动：${reason}`,
  },
  citizenScreen: {
    opened: (displayId: number, width: number, height: number) => `桌面外壳：评价页已在第二台显示器（${displayId}，${width}×${height}）上打开`,
    moved: (displayId: number, width: number, height: number) => `桌面外壳：显示器有变化，评价页已移到显示器 ${displayId}（${width}×${height}）`,
    closed: '桌面外壳：第二台显示器已断开，已关闭评价页，以免挡住受理窗口',
  },
};
