/**
 * The app icon electron-builder takes from buildResources: icon.png, at least
 * 512×512 and square (it makes the Windows .ico and the Linux sizes from it,
 * and falls back to Electron's own icon without a word when it is missing),
 * and its source icon.svg, which the UOS store package ships as the scalable
 * icon (`npm run icon` renders one from the other).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rowFor, type Row } from './report';

const AREA = '图标 icon';
const PNG_SIGNATURE = '89504e470d0a1a0a';

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== PNG_SIGNATURE || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function checkAppIcon(buildResources: string): Row[] {
  const png = join(buildResources, 'icon.png');
  const svg = join(buildResources, 'icon.svg');
  const pngProblems: string[] = [];
  if (!existsSync(png)) pngProblems.push(`缺少 ${png}（npm run icon 由 icon.svg 生成）`);
  else {
    const size = pngSize(readFileSync(png));
    if (!size) pngProblems.push(`${png} 不是 PNG 图片`);
    else if (size.width !== size.height || size.width < 512) pngProblems.push(`${png} 是 ${size.width}×${size.height}，应为不小于 512×512 的正方形`);
  }
  const svgProblems: string[] = [];
  if (!existsSync(svg)) svgProblems.push(`缺少 ${svg}`);
  else if (!/<svg[\s>]/.test(readFileSync(svg, 'utf8'))) svgProblems.push(`${svg} 不是 SVG 图片`);
  return [rowFor(AREA, 'icon.png', pngProblems, '512×512 以上的正方形 PNG'), rowFor(AREA, 'icon.svg', svgProblems, 'UOS 商店包的矢量图标')];
}
