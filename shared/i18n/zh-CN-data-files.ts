/**
 * The files a centre edits by hand (config.json, catalogue.json,
 * phrases.json, calendar.json): a file saved in the wrong encoding, a JSON
 * syntax error by line and column, and the state of the service-item
 * catalogue as the clerk screen shows it. Part of zh-CN.
 */
export const zhCNDataFiles = {
  /** GBK (ANSI) or otherwise not UTF-8: refused rather than read as mojibake. */
  notUtf8: (name: string) =>
    `${name} 不是 UTF-8 编码（可能是以 GBK/ANSI 编码保存的），为免中文变成乱码，未读取此文件。请用记事本打开它，“另存为”时把编码选为“UTF-8”，保存后重启终端`,
  /** NUL bytes: UTF-16 without its byte-order mark, or not a text file at all. */
  notText: (name: string) => `${name} 不是 UTF-8 编码的文本文件（可能是不带 BOM 的 UTF-16 或其他格式），未读取。请另存为“UTF-8”编码后重启终端`,
  /** A UTF-16 byte-order mark followed by something that is not UTF-16. */
  badUtf16: (name: string) => `${name} 标明为 UTF-16 编码，但内容不完整或已损坏，未读取。请另存为“UTF-8”编码后重启终端`,
  /** What is wrong and where, e.g. 缺少英文逗号“,”或右花括号“}”（第 3 行第 5 列）. */
  jsonAt: (line: number, column: number, what: string) => `${what}（第 ${line} 行第 ${column} 列）`,
  json: {
    empty: '文件是空的',
    unexpectedEnd: '文件在此处意外结束（可能缺少右括号“}”“]”或结尾的英文双引号）',
    expectedCommaOrBrace: '缺少英文逗号“,”或右花括号“}”',
    expectedCommaOrBracket: '缺少英文逗号“,”或右方括号“]”',
    expectedKey: '此处应为用英文双引号括起的字段名',
    trailingComma: '最后一项后面多了逗号',
    expectedColon: '字段名后缺少英文冒号“:”',
    unterminatedString: '文字缺少结尾的英文双引号',
    controlChar: '文字中有换行或制表符（请写成 \\n 或 \\t）',
    badEscape: '文字中的反斜杠“\\”用法不正确（文件路径请写成“\\\\”或“/”）',
    badNumber: '数字的写法不正确',
    singleQuote: '文字和字段名须用英文双引号，不能用单引号',
    fullWidth: (char: string) => `此处不应出现中文标点“${char}”，请改用英文标点`,
    unexpected: (char: string) => `此处不应出现“${char}”`,
    extraAfterEnd: 'JSON 内容结束后还有多余的字符',
    unknown: '格式错误',
  },
  /** The catalogue in use, on the clerk screen (renderer/components/CatalogueNotice). */
  catalogue: {
    sampleTag: '示例',
    sampleTitle: '正在使用示例事项目录',
    sampleBody: (items: number) =>
      `当前可选的 ${items} 个事项是随软件提供的示例，不是本中心的事项，仅供试用。请联系信息化技术人员导入本中心的事项目录。`,
    issuesTitle: {
      lastGood: '本中心事项目录文件有误，已沿用上次有效的目录',
      none: '本中心事项目录文件有误，且没有上次有效的目录：当前没有可办理的事项，请联系信息化技术人员',
      centre: '本中心事项目录有误',
      sample: '事项目录有误',
    },
    /** catalogue.json is gone although the centre had one. */
    fileMissing: 'catalogue.json 不存在（本终端以前使用过本中心的事项目录）',
    /** Said instead of quietly falling back to the shipped sample. */
    noGoodCopy: '没有上次有效的本中心事项目录，也不会改用示例目录：当前事项检索为空，请修正 catalogue.json 或重新导入后重启终端',
    /** The file that records that this counter has had the centre's own catalogue. */
    markerText: (since: string) => `本终端自 ${since} 起使用本中心的事项目录；此文件存在时，终端不会再改用随软件提供的示例事项目录。\n`,
    /** One issue on the screen: where (spreadsheet row, item, material, field), then what. */
    where: (location: string, item: string, material: string, field: string) =>
      [location, item, material, field].filter((part) => part !== '').join(' · '),
  },
};
