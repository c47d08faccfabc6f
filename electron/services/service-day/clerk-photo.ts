import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLERK_PHOTO_MAX_BYTES, STAFF_NUMBER_PATTERN } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';

/** Folder of clerk photos in the data directory, one file per staff number. */
export const PHOTO_DIR = 'clerk-photos';

type PhotoType = 'image/png' | 'image/jpeg';
const EXTENSION: Record<PhotoType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg' };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type PhotoCheck = { ok: true; bytes: Buffer; type: PhotoType } | { ok: false; message: string };

/** What the bytes are, by their signature (the declared type is not trusted). */
export function sniffPhotoType(bytes: Buffer): PhotoType | null {
  if (bytes.length >= PNG_SIGNATURE.length && bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** Checks an uploaded photo: base64, size, and that the bytes are the PNG or JPEG it claims to be. */
export function checkPhoto(upload: { mediaType: PhotoType; base64: string }): PhotoCheck {
  const s = strings.serviceDay.service;
  const text = upload.base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return { ok: false, message: s.photoBadType };
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > CLERK_PHOTO_MAX_BYTES) return { ok: false, message: s.photoTooLarge(CLERK_PHOTO_MAX_BYTES / 1024) };
  const sniffed = sniffPhotoType(bytes);
  if (!sniffed) return { ok: false, message: s.photoBadType };
  if (sniffed !== upload.mediaType) return { ok: false, message: s.photoMismatch };
  return { ok: true, bytes, type: sniffed };
}

/**
 * The clerk photos shown on the evaluator and the citizen screen, kept in
 * the data directory under the staff number. The staff number is checked
 * against the contract's pattern again here, since it names a file.
 */
export class ClerkPhotos {
  constructor(private readonly dataDir: string) {}

  /** Saves the photo, replacing an earlier one of the same clerk; returns the path relative to the data directory. */
  save(staffNumber: string, photo: { bytes: Buffer; type: PhotoType }): string {
    if (!STAFF_NUMBER_PATTERN.test(staffNumber)) throw new Error(strings.serviceDay.validation.staffNumber);
    const dir = join(this.dataDir, PHOTO_DIR);
    mkdirSync(dir, { recursive: true });
    const name = `${staffNumber}.${EXTENSION[photo.type]}`;
    const tmp = join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(tmp, photo.bytes);
    renameSync(tmp, join(dir, name));
    for (const other of Object.values(EXTENSION)) {
      if (`${staffNumber}.${other}` !== name) rmSync(join(dir, `${staffNumber}.${other}`), { force: true });
    }
    return `${PHOTO_DIR}/${name}`;
  }

  /** The photo kept from an earlier sign-in, if any. */
  existing(staffNumber: string): string | null {
    if (!STAFF_NUMBER_PATTERN.test(staffNumber)) return null;
    for (const ext of Object.values(EXTENSION)) {
      const relative = `${PHOTO_DIR}/${staffNumber}.${ext}`;
      if (existsSync(join(this.dataDir, relative))) return relative;
    }
    return null;
  }

  /** The photo as a data: URL for the screens (the CSP allows data: images), or null when missing or unreadable. */
  dataUrl(relative: string | null): string | null {
    if (!relative || !relative.startsWith(`${PHOTO_DIR}/`) || relative.includes('..')) return null;
    try {
      const bytes = readFileSync(join(this.dataDir, relative));
      const type = sniffPhotoType(bytes);
      return type ? `data:${type};base64,${bytes.toString('base64')}` : null;
    } catch {
      return null;
    }
  }
}
