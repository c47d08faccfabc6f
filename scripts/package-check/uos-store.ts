/**
 * Whether `npm run package:uos-store` can package this project: the appId,
 * version and executable name the store accepts (scripts/uos-store/layout.ts),
 * and package.json's desktopName matching the appId — Electron derives the
 * window's app id from it, and both desktop entries name the appId as
 * StartupWMClass, so without it the running window is not grouped under its
 * launcher.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeAppFromProject } from '../uos-store/build';
import { rowFor, type Row } from './report';

const AREA = 'UOS 商店 store';

export function checkStoreReadiness(root: string): Row[] {
  const problems: string[] = [];
  let appId = '';
  try {
    appId = storeAppFromProject(root, 'x64').appId;
  } catch (error) {
    problems.push((error as Error).message.replace(/\n/g, '；'));
  }
  const desktopName = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { desktopName?: unknown }).desktopName;
  const desktopProblems = appId && desktopName !== `${appId}.desktop` ? [`package.json 的 desktopName 应为「${appId}.desktop」，现为「${String(desktopName)}」`] : [];
  return [rowFor(AREA, 'appId/version', problems, appId), rowFor(AREA, 'desktopName', desktopProblems, String(desktopName))];
}
