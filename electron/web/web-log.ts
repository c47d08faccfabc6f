import { maskIdNumber } from '../../shared/domain/id-number';
import { createFileLog } from '../services/log/file-log';

/**
 * An 18-character resident ID number (17 digits and a digit or X) or a
 * 15-digit first-generation one, standing alone. Checksums are not tested on
 * purpose: a mistyped number is personal data all the same.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/** `line` with every full ID number masked the way the clerk screen masks it (first 6, last 4). */
export function withoutIdNumbers(line: string): string {
  return line.replace(ID_NUMBER, (found) => maskIdNumber(found));
}

/**
 * The web shell's log: the desktop shell's daily file under <dataDir>/logs
 * (electron/services/log/file-log.ts), echoed to stderr, with any full ID
 * number masked before it reaches either — callers should never pass one,
 * this is the net under them (an error message quoting a request, a
 * device's raw answer).
 */
export function createWebShellLog(dataDir: string, echo?: (line: string) => void): (line: string) => void {
  const write = createFileLog(dataDir, echo);
  return (line: string) => write(withoutIdNumbers(line));
}
