import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SlipKind } from '../../../shared/domain/slips/slip-data';
import { strings } from '../../../shared/i18n';
import { chineseMessage } from '../errors/system-error';

export interface ArchivedSlip {
  /** Path relative to the archive root, stored with the case. */
  relativePath: string;
  /** SHA-256 of the PDF: a signature on the slip is bound to this. */
  sha256: string;
  bytes: number;
}

/** The archive already holds a different PDF under the name a slip needs: it is never replaced. */
export class ArchiveConflictError extends Error {
  override readonly name = 'ArchiveConflictError';
}

/** Names of files set aside (a void attempt's PDF, an unrecorded one) and of unfinished writes: not slips. */
const NOT_A_SLIP = /\.(void-[\w-]+|orphan(-\d+)?)\.pdf$|\.tmp$/;

/**
 * Keeps every slip as a PDF under <dataDir>/archive/<year>/<month>/<case>/.
 * A reprint is a new file (suffix -2, -3 …), never an overwrite, so the
 * archive shows exactly what was handed out. Written atomically: a full disk
 * leaves no half PDF, and the error says so in Chinese.
 *
 * Idempotent for the same slip, so that a retry after any failure goes
 * through: a .tmp left by a crash is simply written again, and a target that
 * already holds the very same bytes is accepted. A target holding other
 * bytes is refused (ArchiveConflictError); the slip service first moves a PDF
 * left by a failed attempt aside (setAside), under a name that says so.
 */
export class SlipArchive {
  constructor(private readonly root: string) {}

  /** Where a slip of a case is archived: decided before the number is taken, so the number's record can name it. */
  relativePathOf(caseId: string, kind: SlipKind, issuedAt: Date, copy = 1): string {
    const safeCase = caseId.replace(/[^\w.-]/g, '_');
    const dir = join(String(issuedAt.getFullYear()), String(issuedAt.getMonth() + 1).padStart(2, '0'), safeCase);
    return join(dir, `${kind}${copy > 1 ? `-${copy}` : ''}.pdf`);
  }

  store(caseId: string, kind: SlipKind, issuedAt: Date, pdf: Buffer, copy = 1): ArchivedSlip {
    const relativePath = this.relativePathOf(caseId, kind, issuedAt, copy);
    const file = join(this.root, relativePath);
    const tmp = `${file}.tmp`;
    const archived = { relativePath, sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.length };
    try {
      mkdirSync(dirname(file), { recursive: true });
      // 'w' truncates a .tmp an earlier attempt left behind.
      writeFileSync(tmp, pdf);
      try {
        // link() refuses an existing name: an archived slip is never replaced.
        linkSync(tmp, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // A retry of the same slip (its row was not written the first time): the same bytes are already there.
        if (!readFileSync(file).equals(pdf)) throw new ArchiveConflictError(strings.slipService.archiveOccupied(relativePath), { cause: error });
      }
      rmSync(tmp);
    } catch (error) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // the directory itself is unusable; nothing was written
      }
      if (error instanceof ArchiveConflictError) throw error;
      throw new Error(strings.slipService.archiveFailed(chineseMessage(error)), { cause: error });
    }
    return archived;
  }

  pathOf(relativePath: string): string {
    return join(this.root, relativePath);
  }

  exists(relativePath: string): boolean {
    return existsSync(this.pathOf(relativePath));
  }

  /**
   * Moves a PDF that is no slip (left by a failed attempt) out of a slip's
   * name, to <name>.<label>.pdf beside it (e.g. receipt.void-000002.pdf), and
   * returns the new relative path; null when there was no such file. Never
   * deletes and never overwrites: a taken name gets a further suffix.
   */
  setAside(relativePath: string, label: string): string | null {
    const file = this.pathOf(relativePath);
    if (!existsSync(file)) return null;
    for (let n = 1; ; n++) {
      const target = asideName(relativePath, label, n);
      try {
        linkSync(file, this.pathOf(target));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw new Error(strings.slipService.archiveFailed(chineseMessage(error)), { cause: error });
      }
      unlinkSync(file);
      return target;
    }
  }

  /** The latest file set aside from a name under a label (moved earlier, its record not written then), or null. */
  setAsideEarlier(relativePath: string, label: string): string | null {
    let found: string | null = null;
    for (let n = 1; this.exists(asideName(relativePath, label, n)); n++) found = asideName(relativePath, label, n);
    return found;
  }

  /**
   * The slip PDFs in the folder of a relative path (not the set-aside ones,
   * not unfinished .tmp), as relative paths; removes .tmp files, which are
   * unfinished writes and never a slip.
   */
  slipFilesBeside(relativePath: string): string[] {
    const dir = dirname(relativePath);
    let names: string[];
    try {
      names = readdirSync(this.pathOf(dir));
    } catch {
      return [];
    }
    for (const name of names.filter((n) => n.endsWith('.tmp'))) rmSync(join(this.pathOf(dir), name), { force: true });
    return names.filter((n) => n.endsWith('.pdf') && !NOT_A_SLIP.test(n)).map((n) => join(dir, basename(n)));
  }
}

/** receipt.pdf → receipt.void-000002.pdf, then receipt.void-000002-2.pdf … */
function asideName(relativePath: string, label: string, n: number): string {
  return `${relativePath.replace(/\.pdf$/, '')}.${label}${n > 1 ? `-${n}` : ''}.pdf`;
}
