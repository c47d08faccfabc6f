import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir';
import { ArchiveConflictError, SlipArchive } from './slip-archive';

const CASE = '08-20261123-0001';
const when = new Date(2026, 10, 23, 9, 30);

function archive() {
  const root = tempDir('counter-archive-');
  const a = new SlipArchive(root);
  const target = a.relativePathOf(CASE, 'receipt', when);
  return { a, root, target, file: a.pathOf(target), folder: dirname(a.pathOf(target)) };
}

describe('SlipArchive: a retry of the same slip after any failure goes through', () => {
  it('a .tmp left by a crash is written over', () => {
    const { a, file, folder } = archive();
    mkdirSync(folder, { recursive: true });
    writeFileSync(`${file}.tmp`, 'half a PDF');
    a.store(CASE, 'receipt', when, Buffer.from('%PDF whole'));
    expect(readFileSync(file, 'utf8')).toBe('%PDF whole');
    expect(readdirSync(folder)).toEqual(['receipt.pdf']);
  });

  it('the same bytes already archived are accepted (the row was not written the first time)', () => {
    const { a, target, folder } = archive();
    const first = a.store(CASE, 'receipt', when, Buffer.from('%PDF same'));
    const again = a.store(CASE, 'receipt', when, Buffer.from('%PDF same'));
    expect(again).toEqual(first);
    expect(again.relativePath).toBe(target);
    expect(readdirSync(folder)).toEqual(['receipt.pdf']);
  });

  it('other bytes under the name are refused and left as they are', () => {
    const { a, file, folder } = archive();
    a.store(CASE, 'receipt', when, Buffer.from('%PDF issued'));
    expect(() => a.store(CASE, 'receipt', when, Buffer.from('%PDF other'))).toThrow(ArchiveConflictError);
    expect(() => a.store(CASE, 'receipt', when, Buffer.from('%PDF other'))).toThrow(/^通知书归档失败：归档位置已有另一份内容不同的 PDF/);
    expect(readFileSync(file, 'utf8')).toBe('%PDF issued');
    expect(readdirSync(folder)).toEqual(['receipt.pdf']);
  });

  it('sets a failed attempt aside under a name that says so, never overwriting one already there', () => {
    const { a, target, file, folder } = archive();
    a.store(CASE, 'receipt', when, Buffer.from('%PDF attempt 1'));
    expect(a.setAside(target, 'void-000002')).toBe(join(dirname(target), 'receipt.void-000002.pdf'));
    a.store(CASE, 'receipt', when, Buffer.from('%PDF attempt 2'));
    expect(a.setAside(target, 'void-000002')).toBe(join(dirname(target), 'receipt.void-000002-2.pdf'));
    expect(a.setAside(target, 'void-000002')).toBeNull();
    expect(readdirSync(folder).sort()).toEqual(['receipt.void-000002-2.pdf', 'receipt.void-000002.pdf']);
    expect(readFileSync(join(folder, 'receipt.void-000002.pdf'), 'utf8')).toBe('%PDF attempt 1');
    expect(readFileSync(join(folder, 'receipt.void-000002-2.pdf'), 'utf8')).toBe('%PDF attempt 2');
    // The name is free again for the slip that goes out.
    a.store(CASE, 'receipt', when, Buffer.from('%PDF issued'));
    expect(readFileSync(file, 'utf8')).toBe('%PDF issued');
  });

  it('lists the slips of a folder without the set-aside files, and clears unfinished writes', () => {
    const { a, target, folder } = archive();
    a.store(CASE, 'receipt', when, Buffer.from('%PDF 1'));
    a.setAside(target, 'void-000001');
    a.store(CASE, 'receipt', when, Buffer.from('%PDF 2'));
    a.store(CASE, 'receipt', when, Buffer.from('%PDF 2'), 2);
    writeFileSync(join(folder, 'rejection.pdf'), '%PDF');
    a.setAside(a.relativePathOf(CASE, 'rejection', when), 'orphan');
    writeFileSync(join(folder, 'receipt-3.pdf.tmp'), 'half');
    expect(a.slipFilesBeside(target).sort()).toEqual([join(dirname(target), 'receipt-2.pdf'), target]);
    expect(readdirSync(folder).sort()).toEqual(['receipt-2.pdf', 'receipt.pdf', 'receipt.void-000001.pdf', 'rejection.orphan.pdf']);
  });
});
