import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localIsoDate } from '../../../shared/domain/calendar';

/**
 * Where a case's captured materials live and how their files are written.
 * Beside the case's slips (slips/slip-archive.ts): <archive>/<year>/<month>/<case>/materials/,
 * one folder per material with its pages (<pageId>.jpg) and the material's PDF
 * beside it (<materialId>.pdf). Paths stored in the database are relative to
 * the archive root, as the slips' are.
 */

/** The case's materials folder, relative to the archive root: the year and month the case was opened (local time). */
export function materialsFolderOf(caseId: string, openedAt: string): string {
  const [year, month] = localIsoDate(new Date(openedAt)).split('-');
  // The same file-safe form of the case id as the slip archive's.
  return join(year!, month!, caseId.replace(/[^\w.-]/g, '_'), 'materials');
}

export const pageFileOf = (materialsFolder: string, materialId: string, pageId: string) => join(materialsFolder, materialId, `${pageId}.jpg`);
export const pdfFileOf = (materialsFolder: string, materialId: string) => join(materialsFolder, `${materialId}.pdf`);
/** The materials folder of a page's file (<folder>/<materialId>/<pageId>.jpg). */
export const materialsFolderOfPage = (pageFile: string) => dirname(dirname(pageFile));

/** Writes a whole buffer to an open file; a test replaces it to run out of disk halfway. */
export type WriteBytes = (fd: number, data: Uint8Array) => void;

export const writeAll: WriteBytes = (fd, data) => {
  for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset, data.length - offset);
};

/**
 * Writes `file` so that it holds either its old content or all of `data`,
 * never part: a temporary file beside it, synced, renamed over the name,
 * the folder synced. On any failure (a full disk) the temporary file is
 * removed and the error thrown; the old file is untouched.
 */
export function writeFileAtomically(file: string, data: Uint8Array, write: WriteBytes = writeAll): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      write(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  syncFolder(dirname(file));
}

/** The rename itself made durable (a power cut after the commit must not lose the name); not possible on Windows. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // A file system that cannot sync a folder: the file itself is synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
