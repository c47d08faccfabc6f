/**
 * Export files as the shells hand them out: only names the export writes
 * (ratings-….csv / .xlsx / .json, nothing with a path separator or a dot
 * segment), only inside <dataDir>/exports, and with a Chinese download name.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** The names electron/services/evaluation/exports.ts writes. */
export const EXPORT_FILE_NAME = /^ratings-(?:exchange-(?:national|provincial)-)?\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.(csv|xlsx|json)$/;

export function isExportFileName(name: string): boolean {
  return EXPORT_FILE_NAME.test(name);
}

/** The file's absolute path when the name is one of ours and the file is there, inside `dir`; null otherwise. */
export function exportFilePath(dir: string, name: string): string | null {
  if (!isExportFileName(name)) return null;
  const path = join(dir, name);
  if (!existsSync(path)) return null;
  // A link planted in the folder must not lead out of it.
  const real = realpathSync(path);
  const root = realpathSync(dir);
  if (!real.startsWith(root + sep) || !statSync(real).isFile()) return null;
  return real;
}

const TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

export function exportContentType(name: string): string {
  return TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/** 好差评-2025-01-01至2025-01-31.xlsx, 好差评交换-国标-….json: what the lead sees in the Downloads folder. */
export function downloadName(name: string): string {
  const m = EXPORT_FILE_NAME.exec(name);
  if (!m) return name;
  const dates = /(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})/.exec(name)!;
  const kind = name.includes('exchange-national') ? '好差评交换-国标' : name.includes('exchange-provincial') ? '好差评交换-省级' : '好差评';
  return `${kind}-${dates[1]}至${dates[2]}.${m[1]}`;
}

/** attachment with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  return `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(downloadName(name))}`;
}
