import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlipKind } from '../../../shared/domain/slips/slip-data';
import { strings } from '../../../shared/i18n';

export interface ArchivedSlip {
  /** Path relative to the archive root, stored with the case. */
  relativePath: string;
  /** SHA-256 of the PDF: a signature on the slip is bound to this. */
  sha256: string;
  bytes: number;
}

/**
 * Keeps every slip as a PDF under <dataDir>/archive/<year>/<month>/<case>/.
 * A reprint is a new file (suffix -2, -3 …), never an overwrite, so the
 * archive shows exactly what was handed out. Written atomically: a full disk
 * leaves no half PDF, and the error says so in Chinese.
 */
export class SlipArchive {
  constructor(private readonly root: string) {}

  store(caseId: string, kind: SlipKind, issuedAt: Date, pdf: Buffer, copy = 1): ArchivedSlip {
    const safeCase = caseId.replace(/[^\w.-]/g, '_');
    const dir = join(String(issuedAt.getFullYear()), String(issuedAt.getMonth() + 1).padStart(2, '0'), safeCase);
    const name = `${kind}${copy > 1 ? `-${copy}` : ''}.pdf`;
    const relativePath = join(dir, name);
    const file = join(this.root, relativePath);
    const tmp = `${file}.tmp`;
    try {
      mkdirSync(join(this.root, dir), { recursive: true });
      writeFileSync(tmp, pdf);
      // link() refuses an existing name: an archived slip is never replaced.
      linkSync(tmp, file);
      rmSync(tmp);
    } catch (error) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // the directory itself is unusable; nothing was written
      }
      throw new Error(strings.slipService.archiveFailed((error as Error).message), { cause: error });
    }
    return { relativePath, sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.length };
  }

  pathOf(relativePath: string): string {
    return join(this.root, relativePath);
  }
}
