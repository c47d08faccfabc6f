/**
 * The wording of the printed slips (受理通知书, 一次性告知书, 容缺受理通知书,
 * 不予受理通知书), Simplified Chinese. Part of zh-CN; kept in its own file
 * because it is legal text a centre reviews as a whole.
 */
export const zhCNSlips = {
  titles: {
    receipt: '受理通知书',
    oneTimeNotice: '一次性告知书',
    toleratedAcceptance: '容缺受理通知书',
    rejection: '不予受理通知书',
  },
  subtitles: {
    receipt: '（收件凭证）',
    oneTimeNotice: '（补正材料通知书）',
    toleratedAcceptance: '',
    rejection: '',
  },
  number: '编号',
  salutation: (name: string) => `${name}：`,
  opening: (date: string, item: string) => `您于 ${date} 申请办理的“${item}”事项，`,
  body: {
    receipt: '经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。',
    oneTimeNotice:
      '经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现将需要补正的全部内容一次性告知如下：',
    toleratedAcceptance: '经审查，主要申请材料齐全、符合法定形式，部分次要材料尚需补正。根据容缺受理的有关规定，决定予以容缺受理。请按下表补齐材料：',
    rejection: '经审查，决定不予受理。理由如下：',
  },
  receivedTitle: '已收取的申请材料',
  supplyTitle: '需补正的材料',
  columns: { index: '序号', name: '材料名称', form: '材料形式', detail: '说明', receivedCount: '收取情况', problem: '问题及要求' },
  promised: (date: string, note: string) => `承诺于 ${date} 前办结${note ? `（${note}）` : ''}。`,
  delivery: (how: string) => `办理结果送达方式：${how}。`,
  supplyBy: (date: string, place: string) => `请于 ${date} 前将上述材料补正齐全后送至${place}。`,
  supplyRule: '补正的材料齐全、符合法定形式的，予以受理。',
  commitmentTitle: '申请人承诺',
  toleratedConsequence: '逾期未补齐材料的，本次容缺受理自动终止，已开展的审查工作不再继续，申请人应当重新申请。',
  legalBasis: (basis: string) => `依据：${basis}。`,
  referral: (where: string) => `请向${where}提出申请。`,
  rights:
    '如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。',
  priority: '绿色通道',
  item: '办理事项',
  itemCode: '事项编码',
  implementingBody: '实施主体',
  applicant: '申请人',
  idNumber: '证件号码',
  agent: '代办人',
  officer: '经办人',
  staffNumber: '工号',
  window: (n: string) => `${n} 号窗口`,
  issuedAt: '日期',
  supervisionPhone: '监督电话',
  lookup: '扫码查询办理进度',
  lookupCode: '查询码',
  signature: '申请人（代办人）签名：',
  seal: '（受理专用章）',
  copies: '本通知书一式两份，申请人与受理窗口各执一份。',
};

/** Messages of the slip service (rendering, archiving, printing). */
export const zhCNSlipService = {
  noChromium: '未找到 Chromium，无法生成通知书 PDF。请安装 Chromium 或在配置中指定其路径。',
  chromiumFailed: (reason: string) => `启动 Chromium 生成 PDF 失败：${reason}`,
  archiveFailed: (reason: string) => `通知书归档失败：${reason}`,
  notDecided: '请先作出受理决定，再出具通知书。',
  renderFailed: (reason: string) => `通知书生成失败：${reason}。办件已保留，可稍后重试。`,
  issued: (title: string, number: string) => `${title}已生成并归档（${number}）`,
  reprinted: (copy: number) => `已重新打印（第 ${copy} 份），已记录`,
  nothingToReprint: '本办件还没有出具通知书。',
  printed: '已打印',
  printQueued: '等待打印',
  // Numbering, archiving and the reconciliation after a failure (issue 14).
  notStarted: (reason: string) => `通知书未出具：${reason}。未使用编号，可稍后重试。`,
  recordFailed: (reason: string) => `通知书未能保存到办件记录：${reason}`,
  failedVoided: (reason: string, number: string) => `${reason}（编号 ${number} 已登记作废，重试时使用新编号）`,
  failedVoidPending: (reason: string, number: string) => `${reason}（编号 ${number} 作废，待数据库可写时自动登记；重试时使用新编号）`,
  archiveOccupied: (path: string) => `通知书归档失败：归档位置已有另一份内容不同的 PDF（${path}），不会覆盖，请联系信息化技术人员`,
  numberNotReserved: (number: string) => `编号 ${number} 已作废，不能再出具`,
  interrupted: '程序中断，未出具',
  legacyUnused: '升级前已取用，未找到以此编号出具的通知书',
  pdfMissing: (number: string, path: string) => `通知书 ${number} 的归档 PDF 缺失：${path}`,
  orphanSetAside: (from: string, to: string) => `归档中有一份没有记录的 PDF（${from}），已移到 ${to}`,
};

/** Messages of printer discovery and the print queue. */
export const zhCNPrinting = {
  simulatedReason: (dir: string) => `未配置打印机：通知书“打印”到文件夹 ${dir}`,
  simulatedStopped: '模拟打印机未启动',
  cupsDriver: (name: string) => `打印机 ${name}（CUPS）`,
  notInstalled: (name: string) => `系统中没有名为“${name}”的打印机，请检查打印机是否连接并已添加`,
  disabled: (detail: string) => `打印机已停用或暂停：${detail}`,
  noCups: '本机未安装 CUPS 打印服务（找不到 lp 命令），通知书已归档为 PDF，可在浏览器中打印。',
  printFailed: (printer: string, reason: string) => `打印机“${printer}”打印失败：${reason}`,
  noPrinter: '未配置打印机，通知书已归档为 PDF，可稍后打印。',
  queued: (n: number) => `有 ${n} 份通知书等待打印`,
  retrying: (printer: string, minutes: number) => `打印机“${printer}”暂不可用，${minutes} 分钟内自动重试`,
  done: (title: string) => `${title}已打印`,
  gaveUp: (title: string) => `${title}多次打印失败，请检查打印机后点“重新打印”`,
};

/** Wording the slip service puts into a slip's fields from a case. */
export const zhCNSlipContent = {
  received: '已收取',
  immediate: '即办件，当场办结',
  promisedLimit: (days: number, unit: string) => `承诺 ${days} 个${unit}`,
  post: (address: string) => `邮寄送达（${address}）`,
  deliveryWithPhone: (how: string, phone: string) => `${how}，办理结果将通知 ${phone}`,
  phone: (p: string) => `电话 ${p}`,
  supplyPlace: (centre: string, window: string) => `${centre} ${window} 号窗口`,
  commitment: '本人承诺于上述期限内补齐所列材料，并对所提交材料的真实性负责；逾期未补齐的，愿意承担相应后果。',
  legalBasis: {
    outsideCompetence: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
    noLicenceNeeded: '《中华人民共和国行政许可法》第三十二条第一款第（一）项',
    other: '',
  } as Record<string, string>,
};
