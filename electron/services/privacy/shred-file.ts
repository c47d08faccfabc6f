import { closeSync, fstatSync, openSync, unlinkSync, writeSync } from 'node:fs';

/**
 * Removes a file holding personal data (an expired slip, a photo of an ID
 * card), overwriting it with zeros first so its bytes do not linger in the
 * freed blocks (a best effort on SSDs). A file already gone is no error:
 * false then, true when this call removed it.
 */
export function shredFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let offset = 0; offset < size; offset += zeros.length) writeSync(fd, zeros, 0, Math.min(zeros.length, size - offset), offset);
  } finally {
    closeSync(fd);
  }
  unlinkSync(path);
  return true;
}
