/**
 * Captured materials as the counter keeps them (issue 11, electron/services/captures): the capture service's
 * answers, its log lines, the material PDFs' metadata and the captures in 办件记录. Under strings.camera.captures.
 */
export const zhCNCameraCaptures = {
  noCase: '当前没有正在办理的办件，拍摄的材料无法保存',
  noItem: '请先选择办理事项，再拍摄材料',
  notOfItem: (materialId: string) => `材料“${materialId}”不属于本办件的事项，未保存`,
  notJpeg: '拍摄的图像不是有效的 JPEG 图像，未保存',
  truncated: '拍摄的图像不完整（JPEG 结尾缺失），未保存，请重拍',
  components: (n: number) => `拍摄的图像颜色格式不受支持（${n} 个颜色分量），未保存`,
  sizeMismatch: (width: number, height: number, sentWidth: number, sentHeight: number) =>
    `拍摄的图像尺寸 ${width}×${height} 与页面报告的 ${sentWidth}×${sentHeight} 不符，未保存`,
  pageNotFound: '未找到该页（可能已删除），请刷新后重试',
  pageNotOpenCase: '只能修改正在办理的办件的材料页',
  pagePurged: '该页图像已按保留期限删除',
  saveFailed: (reason: string) => `材料页未能保存：${reason}。已保存的页面不受影响`,
  changeFailed: (reason: string) => `操作未完成：${reason}。已保存的页面不受影响`,
  pdfFailed: (reason: string) => `页面已保存，但材料 PDF 未能更新：${reason}。稍后自动重试`,
  added: (material: string, n: number) => `已保存“${material}”第 ${n} 页`,
  replaced: (material: string, n: number) => `已替换“${material}”第 ${n} 页`,
  deleted: (material: string) => `已删除“${material}”的一页`,
  moved: (material: string, n: number) => `已将该页移到“${material}”第 ${n} 页`,
  pdf: {
    title: (caseId: string, material: string) => `${caseId} ${material}`,
    subject: '高拍仪拍摄的办件材料',
    creator: '窗口受理终端',
  },
  log: {
    rowWithoutFile: (caseId: string, material: string, n: number) => `拍摄材料检查：办件 ${caseId}“${material}”第 ${n} 页的图像文件缺失，已删除该页记录`,
    orphansRemoved: (n: number) => `拍摄材料检查：已删除 ${n} 个未登记的材料文件（程序中断时留下）`,
    pdfRebuilt: (caseId: string, material: string) => `拍摄材料检查：已重新生成办件 ${caseId}“${material}”的 PDF`,
    pdfFailed: (caseId: string, material: string, reason: string) => `材料 PDF 生成失败：办件 ${caseId}“${material}”：${reason}`,
    saveFailed: (caseId: string, reason: string) => `材料页保存失败：办件 ${caseId}：${reason}`,
    checkFailed: (reason: string) => `拍摄材料检查失败：${reason}`,
  },
  /** 办件记录: the materials captured with each case. */
  history: {
    column: '拍摄材料',
    entry: (material: string, pages: number, time: string) => `${material}（${pages} 页，${time}）`,
    purged: '图像已按期删除',
    openPdf: (material: string) => `打开“${material}”的 PDF`,
    notFound: '未找到该材料的 PDF（可能已按保留期限删除）',
  },
};
