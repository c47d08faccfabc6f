/**
 * A byte search over a whole folder, as an attacker with a copy of the data
 * directory would run `grep -r`: every file read as bytes (the database, its
 * WAL and shm, logs, PDFs, exports, photos), looking for a full ID number
 * as UTF-8, as its plain digits and as UTF-16 (a Windows tool's way). PDFs
 * are also searched through their text (pdftotext), since their streams are
 * compressed. Plain Node, no vitest.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The forms a full ID number may take on disk. */
export function idNumberForms(idNumber: string): Buffer[] {
  const digits = idNumber.replace(/\D/g, '');
  const forms = [Buffer.from(idNumber, 'utf8'), Buffer.from(idNumber, 'utf16le'), Buffer.from(idNumber.toLowerCase(), 'utf8')];
  if (digits !== idNumber) forms.push(Buffer.from(digits, 'utf8'));
  return forms;
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** `file: idNumber` for every file under `dir` holding one of the numbers in any form; empty when none. */
export function findIdNumbers(dir: string, idNumbers: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    const texts = [bytes];
    if (file.endsWith('.pdf') && bytes.subarray(0, 5).toString() === '%PDF-') {
      try {
        texts.push(Buffer.from(execFileSync('pdftotext', ['-raw', file, '-']).toString().replace(/\s+/g, ''), 'utf8'));
      } catch {
        // Not a PDF pdftotext can read: its bytes were searched.
      }
    }
    for (const id of idNumbers) {
      if (idNumberForms(id).some((form) => texts.some((t) => t.includes(form)))) found.push(`${relative(dir, file)}: ${id}`);
    }
  }
  return found;
}

/** A valid 18-digit resident ID number (GB 11643 check character) for the n-th test applicant: distinct for n < 900 (the sequence digits). */
export function testIdNumber(n: number, checkChar: (first17: string) => string | null): string {
  const body = `110105198${n % 10}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${100 + (n % 900)}`;
  return `${body}${checkChar(body)}`;
}
