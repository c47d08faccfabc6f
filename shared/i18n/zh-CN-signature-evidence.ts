/** The signature as evidence (issue 10): the stored record, slips that carry it, reprint verification. */
export const zhCNSignatureEvidence = {
  /** Issue refused: a slip that must be signed has neither a signature nor a recorded reason. */
  required: '请先请申请人签名，或记录未签名原因',
  /** Issue refused: the case changed after the applicant signed (the signed content differs). */
  contentChanged: '案件内容已变，请重新签名',
  /** The signature line of a slip. */
  slipLine: {
    signedAt: (at: string) => `签名时间：${at}`,
    code: (code: string) => `签名校验码 ${code}`,
    waived: (reason: string) => `未签名：${reason}`,
    imageAlt: '申请人签名',
  },
  /** Saving refused. */
  empty: '签名为空，请重新签名',
  waiveReasonEmpty: '请填写未签名原因',
  alreadyBound: '该签名已用于一份通知书，不能再用于其他通知书',
  screenPad: '屏幕签名',
  /** Verification (reprint, 办件记录); each says what changed. */
  problems: {
    record: '签名记录已被改动（记录校验值不符）',
    code: '签名校验码与记录不符',
    content: '通知书内容与签名时的内容不一致，已被改动',
    pdf: '归档的通知书 PDF 已被改动或缺失',
    unreadable: (reason: string) => `签名记录无法读取：${reason}`,
  },
  reprintRefused: (problem: string) => `不能补打：${problem}。此事已记录，请联系信息技术人员核查。`,
  noSignature: '这份通知书没有签名记录',
  notFound: '没有这份通知书',
} as const;
