/**
 * Printing slips from the desktop (Electron) shell to a system printer, and
 * from the web shell through the browser's print dialog. Part of zh-CN.
 */
export const zhCNDesktopPrinting = {
  driver: (name: string) => `打印机 ${name}`,
  defaultDriver: '系统默认打印机',
  /** The printer names IT may write into devices.printer.port, listed when the configured one is not there. */
  unknownPrinter: (name: string, known: string) =>
    known ? `系统中没有名为“${name}”的打印机。本机的打印机有：${known}` : `系统中没有名为“${name}”的打印机，本机未安装任何打印机`,
  noPrinters: '本机未安装任何打印机，请安装打印机或在配置中指定打印机名称',
  stopped: (name: string, detail: string) => `打印机“${name}”已停用或暂停${detail ? `：${detail}` : ''}`,
  listFailed: (reason: string) => `无法读取系统打印机列表：${reason}`,
  noHtml: '缺少通知书内容，无法打印',
  /** Reasons Electron's print callback reports, in words a clerk can act on. */
  failures: {
    cancelled: (name: string) => `打印机“${name}”的打印任务被取消`,
    failed: (name: string) => `打印机“${name}”打印失败，请检查打印机是否开机、联机，是否缺纸或卡纸`,
    badSettings: (name: string) => `打印机“${name}”不支持此纸张设置，请检查打印机的纸张规格`,
    badDevice: (name: string) => `系统中没有名为“${name}”的打印机，请检查配置中的打印机名称`,
    other: (name: string, reason: string) => `打印机“${name}”打印失败：${reason}`,
  },
  defaultName: '默认打印机',
  /** The web shell: the browser's own print dialog. */
  browser: {
    print: '打印',
    printHint: '用浏览器的打印对话框打印本通知书，打印记录会保存',
    recorded: '已记录在浏览器中打印',
    recordedCopy: (copy: number) => `已记录在浏览器中补打（第 ${copy} 份）`,
    printerName: '浏览器打印',
    notFound: '未找到该通知书',
  },
};
