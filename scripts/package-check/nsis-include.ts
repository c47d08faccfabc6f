/**
 * The NSIS include (nsis.include): makensis is not available here, so the
 * script is read for what would break the Windows build or the fleet install:
 * the two macros electron-builder inserts, balanced !macro / LogicLib blocks,
 * every ${…} a define of its own or one electron-builder, LogicLib or FileFunc
 * provides, the /CONFIG= switch copying centre.json to ProgramData, and an
 * uninstall that deletes nothing on an upgrade.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fail, rowFor, type Row } from './report';

const AREA = 'NSIS';

/** Defines electron-builder passes (NsisTarget) and the LogicLib / FileFunc / its own macros this include may use. */
const PROVIDED = new Set([
  'APP_EXECUTABLE_FILENAME',
  'PRODUCT_FILENAME',
  'PRODUCT_NAME',
  'APP_FILENAME',
  'APP_ID',
  'VERSION',
  'If',
  'IfNot',
  'ElseIf',
  'ElseIfNot',
  'Else',
  'EndIf',
  'OrIf',
  'OrIfNot',
  'AndIf',
  'AndIfNot',
  'Cmd',
  'Errors',
  'FileExists',
  'Silent',
  'isUpdated',
  'GetParameters',
  'GetOptions',
]);

export function checkNsisInclude(file: string): Row[] {
  if (!existsSync(file)) return [fail(AREA, file, '不存在')];
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/^\s*[;#].*$/, '').trim());
  const text = lines.join('\n');
  const problems: string[] = [];

  const macros = [...text.matchAll(/^!macro\s+(\w+)/gm)].map((m) => m[1]!);
  for (const needed of ['customInstall', 'customUnInstall']) if (!macros.includes(needed)) problems.push(`缺少 !macro ${needed}`);
  if (macros.length !== (text.match(/^!macroend\b/gm) ?? []).length) problems.push('!macro 与 !macroend 数量不一致');

  const opened = (text.match(/\$\{(If|IfNot)\}/g) ?? []).length;
  const closed = (text.match(/\$\{EndIf\}/g) ?? []).length;
  if (opened !== closed) problems.push(`\${If} ${opened} 个，\${EndIf} ${closed} 个`);

  const defined = new Set([...text.matchAll(/^!define\s+(\w+)/gm)].map((m) => m[1]!));
  const unknown = [...new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!))].filter((n) => !defined.has(n) && !PROVIDED.has(n));
  if (unknown.length) problems.push(`未定义：${unknown.map((n) => `\${${n}}`).join('、')}`);

  const install = /^!macro customInstall\b([\s\S]*?)^!macroend/m.exec(text)?.[1] ?? '';
  if (!/GetOptions\}\s+\$\w+\s+"\/CONFIG="/.test(install)) problems.push('customInstall 不读取 /CONFIG=');
  if (!/CopyFiles\b.*\\centre\.json"/.test(install)) problems.push('customInstall 不复制到 centre.json');
  if (!/SetShellVarContext all/.test(install)) problems.push('centre.json 应放在 %ProgramData%（SetShellVarContext all）');
  if (!/Abort\b/.test(install)) problems.push('/CONFIG= 的文件复制失败时应中止安装');

  const uninstall = /^!macro customUnInstall\b([\s\S]*?)^!macroend/m.exec(text)?.[1] ?? '';
  const body = uninstall.trim().split('\n');
  if (!/^\$\{IfNot\} \$\{isUpdated\}$/.test(body[0] ?? '') || !/^\$\{EndIf\}$/.test(body[body.length - 1] ?? ''))
    problems.push('customUnInstall 应整体包在 ${IfNot} ${isUpdated} 中（升级时不删除任何数据）');
  if (/RMDir/.test(uninstall) && !/--delete-app-data/.test(uninstall)) problems.push('卸载删除数据前应询问或要求 --delete-app-data');

  return [rowFor(AREA, file.split('/').pop()!, problems, '/S /D= /CONFIG= /AUTOSTART · 卸载默认保留数据 keeps data')];
}
