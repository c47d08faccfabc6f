/**
 * 高拍仪 (issue 11): texts of the camera's page operations and of the IT
 * command `npm run camera -- detect|crop`. Organised by area; other camera
 * parts add their own area here (the capture panel's own texts are in
 * zh-CN-capture.ts). Part of zh-CN.
 */
import { zhCNCapture } from './zh-CN-capture';
import { zhCNCameraCaptures } from './zh-CN-camera-captures';

const PAGE_KINDS = { a4: 'A4', a5: 'A5', receipt: '80 毫米小票', idCard: '身份证', other: '其他尺寸' } as const;
const MODES = { colour: '彩色', grey: '灰度', bw: '黑白' } as const;

export const zhCNCamera = {
  /** The clerk's capture panel (renderer/capture). */
  capture: zhCNCapture,
  /** Captured materials as kept: the capture service, material PDFs, 办件记录 (electron/services/captures). */
  captures: zhCNCameraCaptures,
  /** Names of the page formats pageSizeFor recognises and of the capture modes. */
  page: {
    kinds: PAGE_KINDS,
    modes: MODES,
    /** Why an outline cannot be a page (quadProblem). */
    problems: {
      notFinite: '四角坐标无效',
      notConvex: '四边形不凸、自相交或有三点几乎共线',
      tooSmall: '框出的面积太小',
      tooThin: '有过尖的角',
      outsideFrame: '四角超出画面',
    },
  },
  /** `npm run --silent camera -- …` (electron/cli/camera.ts). */
  cli: {
    usage: [
      '用法：',
      '  npm run --silent camera -- detect <图像>… [--json]',
      '      找出每张图像（JPEG 或 PNG）中的页面四角；--json 时每张图像输出一行 {"file","corners","ms"}，',
      '      corners 为原图像素坐标（左上、右上、右下、左下），未找到页面为 null，ms 为检测用时（毫秒）',
      '  npm run --silent camera -- crop <图像> --out <文件.jpg> [--mode colour|grey|bw] [--dpi N] [--quality N] [--corners JSON] [--json]',
      '      拉正裁切页面并保存为 JPEG（与拍摄面板保存的相同）：colour 彩色、grey 灰度、bw 黑白（扫描件效果）；',
      '      --dpi 默认 300，--quality 为 JPEG 质量 50–95（默认 85），--corners 指定四角（如 [[10,20],[900,25],[910,1200],[5,1190]]）不做自动检测',
      '退出状态：0 全部图像已读取；1 有图像无法读取或未能保存；2 参数错误',
    ].join('\n'),
    unknownCommand: (name: string) => `未知的 camera 命令：${name}`,
    missingImages: '请给出至少一个图像文件',
    missingValue: (flag: string) => `${flag} 后缺少取值`,
    badMode: (mode: string) => `不支持的模式：${mode}（可选 colour 彩色、grey 灰度、bw 黑白）`,
    badNumber: (flag: string, value: string, range: string) => `${flag} 的取值无效：${value}（应为 ${range}）`,
    badCorners: (text: string) => `--corners 的格式无效：${text}（应为四个点 [[x,y],[x,y],[x,y],[x,y]]，顺序为左上、右上、右下、左下）`,
    cornersRefused: (reason: string) => `--corners 给出的四角不能作为页面：${reason}`,
    oneImageOnly: 'crop 一次只处理一张图像',
    unreadable: (file: string, reason: string) => `无法读取图像 ${file}：${reason}`,
    reasons: {
      empty: '文件为空',
      notImage: '不是 JPEG 或 PNG 图像',
      corrupt: (detail: string) => `图像数据已损坏（${detail}）`,
    },
    found: (file: string, corners: string, ms: number) => `${file}：找到页面，四角 ${corners}，用时 ${ms} 毫秒`,
    notFound: (file: string, ms: number) => `${file}：未找到页面（或把握不足），用时 ${ms} 毫秒`,
    noPage: (file: string) => `${file}：未找到页面（或把握不足），未保存；可用 --corners 指定四角`,
    unsurePage: (file: string, corners: string) => `${file}：找到的页面把握不足，未保存；它的四角约为 ${corners}，核对后可用 --corners '${corners}' 保存`,
    saved: (out: string, width: number, height: number, kind: string, mode: string) => `已保存 ${out}：${width}×${height} 像素，${kind}，${mode}`,
    writeFailed: (out: string, reason: string) => `无法保存 ${out}：${reason}`,
  },
};
