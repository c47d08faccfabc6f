/**
 * Issue 11, captured materials: the pages of each material of the open case
 * kept beside its slips, one A4 PDF per material rebuilt on each change; a
 * bad image or a material of another item refused; a full disk or a kill -9
 * mid-change losing nothing already kept; 办件记录 saying what was captured.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureResult, CaseCaptures } from '../../../shared/contract';
import { tempDir } from '../../../test/support/temp-dir';
import { killCrashChildren, runUntilKilled } from '../../../test/support/crash-child';
import { CaseHistory } from '../history/case-history';
import type { Db } from '../storage/database';
import type { WriteBytes } from './capture-files';
import { writeAll } from './capture-files';
import { recoverCaptures } from './capture-recovery';
import { purgeCaptures } from './capture-retention';
import { A4_300DPI, buildTenPagePdf, samplePageJpeg } from './material-pdf-bench';
import { captureRig, catalogue, rigWithCase, type CaptureRig } from './test-kit';

const screenshots = join(__dirname, '..', '..', '..', 'test-results', 'screenshots');
const opened: Db[] = [];
afterEach(() => {
  killCrashChildren();
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function keep<T extends CaptureRig>(rig: T): T {
  opened.push(rig.db);
  return rig;
}

/** A page the capture panel would send: `label` picks its colour, the size tells pages apart in the PDF. */
function page(materialId: string, width: number, height: number, label: number, extra: Record<string, unknown> = {}) {
  return { materialId, kind: 'page' as const, mode: 'colour' as const, jpeg: samplePageJpeg(width, height, label).toString('base64'), width, height, ...extra };
}

function ok(result: CaptureResult): CaseCaptures {
  expect(result.message).not.toMatch(/失败|未能/);
  expect(result.ok, result.message).toBe(true);
  return result.captures!;
}

function pdfPath(rig: CaptureRig, caseId: string, materialId: string): string {
  const row = rig.db.prepare<[string, string], { file: string }>('SELECT file FROM capture_pdfs WHERE case_id = ? AND material_id = ?').get(caseId, materialId);
  return join(rig.archiveRoot, row!.file);
}

/** pdfinfo's page count and the page size line of every page. */
function pdfInfo(file: string): { pages: number; sizes: string[]; title: string; text: string } {
  const text = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(text)![1]),
    sizes: [...text.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]!.trim()),
    title: /^Title:\s+(.*)$/m.exec(text)?.[1] ?? '',
    text,
  };
}

/** The embedded images, in page order: width, height and ppi (pdfimages -list). */
function pdfImages(file: string): { page: number; width: number; height: number; xppi: number }[] {
  const lines = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    return { page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]), xppi: Number(cols[12]) };
  });
}

/** Every file under the case's materials folders, relative to the archive root. */
function materialFiles(archiveRoot: string): string[] {
  if (!existsSync(archiveRoot)) return [];
  return (readdirSync(archiveRoot, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((name) => name.includes('materials') && statSync(join(archiveRoot, name)).isFile())
    .map((name) => name.split('\\').join('/'))
    .sort();
}

/** The state is whole: every kept row has its file, every file a row, each PDF as many pages as its rows. */
function expectConsistent(rig: CaptureRig): void {
  const rows = rig.db.prepare<[], { file: string; case_id: string; material_id: string; bytes: number }>('SELECT file, case_id, material_id, bytes FROM capture_pages WHERE purged_at IS NULL').all();
  const pdfs = rig.db.prepare<[], { file: string; case_id: string; material_id: string; pages: number }>('SELECT file, case_id, material_id, pages FROM capture_pdfs').all();
  for (const row of rows) expect(statSync(join(rig.archiveRoot, row.file)).size).toBe(row.bytes);
  expect(materialFiles(rig.archiveRoot)).toEqual([...rows.map((r) => r.file), ...pdfs.map((p) => p.file)].map((f) => f.split('\\').join('/')).sort());
  for (const pdf of pdfs) {
    const count = rows.filter((r) => r.case_id === pdf.case_id && r.material_id === pdf.material_id).length;
    expect(pdf.pages).toBe(count);
    expect(pdfInfo(join(rig.archiveRoot, pdf.file)).pages).toBe(count);
  }
  // No material with pages lacks its PDF.
  for (const row of rows) expect(pdfs.some((p) => p.case_id === row.case_id && p.material_id === row.material_id)).toBe(true);
}

describe('CaptureService', () => {
  it('keeps two materials (one of three pages) beside the slips, reorders, deletes, replaces; each PDF has one A4 page per page, in order', async () => {
    const dataDir = tempDir('counter-captures-');
    const rig = keep(rigWithCase(dataDir));
    const caseId = rig.cases.current()!.id;

    // Three pages of the first material, each of its own size so the PDF's order can be read back.
    ok(await rig.captures.add(page(rig.first, 620, 877, 0)));
    ok(await rig.captures.add(page(rig.first, 600, 849, 1)));
    ok(await rig.captures.add(page(rig.first, 580, 820, 2)));
    // The second: a receipt-size page (80 × 150 mm) placed at true size on A4, then an A4 page.
    ok(await rig.captures.add(page(rig.second, 189, 354, 3, { sizeMm: { width: 80, height: 150 } })));
    let captures = ok(await rig.captures.add(page(rig.second, 620, 877, 4)));

    expect(captures.caseId).toBe(caseId);
    expect(captures.materials.map((m) => [m.materialId, m.pages.length, m.pdf?.pages])).toEqual([
      [rig.first, 3, 3],
      [rig.second, 2, 2],
    ]);
    const firstPdf = pdfPath(rig, caseId, rig.first);
    // Under the case's archive folder: archive/<year>/<month>/<case>/materials/<material>.pdf, beside the slips.
    const opened = new Date(rig.cases.current()!.openedAt);
    expect(relative(rig.archiveRoot, firstPdf).split('\\').join('/')).toBe(
      `${opened.getFullYear()}/${String(opened.getMonth() + 1).padStart(2, '0')}/${caseId}/materials/${rig.first}.pdf`,
    );
    let info = pdfInfo(firstPdf);
    expect(info.pages).toBe(3);
    expect(info.sizes).toEqual(Array(3).fill('595.28 x 841.89 pts (A4)'));
    // Metadata: the case number and the material's name, nothing of the applicant.
    const materialName = captures.materials[0]!.materialName;
    expect(info.title).toBe(`${caseId} ${materialName}`);
    expect(info.text).not.toMatch(/张晓明|110101/);
    // The JPEGs embedded as they are: the pixel sizes sent, in the order captured.
    expect(pdfImages(firstPdf).map((i) => i.width)).toEqual([620, 600, 580]);

    // Reorder: the third page first.
    const [p1, p2, p3] = captures.materials[0]!.pages.map((p) => p.id);
    captures = ok(await rig.captures.move(p3!, 0));
    expect(captures.materials[0]!.pages.map((p) => [p.id, p.index])).toEqual([
      [p3, 0],
      [p1, 1],
      [p2, 2],
    ]);
    expect(pdfImages(firstPdf).map((i) => i.width)).toEqual([580, 620, 600]);

    // Delete the middle page: the others close up, the PDF has two pages.
    captures = ok(await rig.captures.delete(p1!));
    expect(captures.materials[0]!.pages.map((p) => [p.id, p.index])).toEqual([
      [p3, 0],
      [p2, 1],
    ]);
    expect(pdfImages(firstPdf).map((i) => i.width)).toEqual([580, 600]);
    const p1File = readdirSync(dirname(firstPdf), { recursive: true, encoding: 'utf8' }).filter((n) => String(n).includes(p1!));
    expect(p1File).toEqual([]);

    // Replace (重拍) the first page: same position, a new page, the old file gone.
    captures = ok(await rig.captures.add({ ...page(rig.first, 640, 905, 1), mode: 'grey', replacePageId: p3! }));
    const replaced = captures.materials[0]!.pages;
    expect(replaced.map((p) => [p.index, p.width, p.mode])).toEqual([
      [0, 640, 'grey'],
      [1, 600, 'colour'],
    ]);
    expect(replaced[0]!.id).not.toBe(p3);
    expect(pdfImages(firstPdf).map((i) => i.width)).toEqual([640, 600]);
    expectConsistent(rig);

    // The receipt sits at true size: 80 mm wide on its A4 page (ppi = pixels / inches).
    const secondPdf = pdfPath(rig, caseId, rig.second);
    info = pdfInfo(secondPdf);
    expect(info.pages).toBe(2);
    expect(info.sizes.every((s) => s.includes('(A4)'))).toBe(true);
    const [receipt] = pdfImages(secondPdf);
    expect(receipt!.xppi).toBe(Math.round(189 / (80 / 25.4)));

    // Looked at: the first page of each PDF as PNG (test-results/screenshots/).
    mkdirSync(screenshots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '2', secondPdf, join(screenshots, 'capture-material-receipt')]);
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', firstPdf, join(screenshots, 'capture-material-a4')]);
    expect(existsSync(join(screenshots, 'capture-material-a4-1.png'))).toBe(true);

    // getCapturePage hands the kept JPEG back as it was sent.
    const kept = rig.captures.page(replaced[1]!.id);
    expect(kept.ok).toBe(true);
    expect(Buffer.from(kept.jpeg!, 'base64').equals(samplePageJpeg(600, 849, 1))).toBe(true);
    // The audit log says what changed (ids, never image data).
    expect(rig.db.prepare("SELECT kind FROM audit_log WHERE kind LIKE 'capture-%' ORDER BY id").pluck().all()).toEqual([
      ...Array(5).fill('capture-page-added'),
      'capture-page-moved',
      'capture-page-deleted',
      'capture-page-replaced',
    ]);
    expect(rig.logs).toEqual([]);
  });

  it('refuses what is not a whole JPEG of the size sent, in Chinese, and keeps nothing of it', async () => {
    const rig = keep(rigWithCase(tempDir('counter-captures-')));
    const good = samplePageJpeg(200, 283, 0);
    const tries: [Buffer, number, number, RegExp][] = [
      [Buffer.from('not a jpeg at all, just text'), 200, 283, /不是有效的 JPEG/],
      [PNG.sync.write(new PNG({ width: 200, height: 283 })), 200, 283, /不是有效的 JPEG/],
      [good.subarray(0, good.length - 100), 200, 283, /不完整/],
      [good, 201, 283, /200×283.*201×283.*不符/],
    ];
    for (const [bytes, width, height, message] of tries) {
      const result = await rig.captures.add({ materialId: rig.first, kind: 'page', mode: 'colour', jpeg: bytes.toString('base64'), width, height });
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(message), captures: null });
    }
    expect(rig.db.prepare('SELECT count(*) FROM capture_pages').pluck().get()).toBe(0);
    expect(materialFiles(rig.archiveRoot)).toEqual([]);
  });

  it('refuses a material that is not of the open case’s item, and any change without an open case', async () => {
    const rig = keep(rigWithCase(tempDir('counter-captures-')));
    const ownIds = new Set((rig.cases.current()!.state as { item: { materials: { id: string }[] } }).item.materials.map((m) => m.id));
    const foreign = catalogue.items.flatMap((i) => i.materials.map((m) => m.id)).find((id) => !ownIds.has(id));
    expect(foreign).toBeDefined();
    const refused = await rig.captures.add(page(foreign!, 100, 141, 0));
    expect(refused).toMatchObject({ ok: false, message: `材料“${foreign}”不属于本办件的事项，未保存` });
    expect(await rig.captures.add(page('../../etc', 100, 141, 0))).toMatchObject({ ok: false, message: expect.stringContaining('不属于本办件的事项') });
    expect(materialFiles(rig.archiveRoot)).toEqual([]);

    // A page of a past case cannot be changed from the new one.
    const kept = ok(await rig.captures.add(page(rig.first, 100, 141, 0)));
    rig.db.prepare("UPDATE cases SET status = 'closed', closed_at = ? WHERE id = ?").run(new Date().toISOString(), kept.caseId);
    expect(rig.captures.current()).toBeNull();
    expect(await rig.captures.add(page(rig.first, 100, 141, 0))).toMatchObject({ ok: false, message: expect.stringContaining('没有正在办理的办件') });
    expect(await rig.captures.delete(kept.materials[0]!.pages[0]!.id)).toMatchObject({ ok: false });
    // The past case's captures stay with it.
    expect(rig.captures.ofCase(kept.caseId).materials[0]!.pages).toHaveLength(1);
  });

  it('a full disk: the page is refused with a Chinese reason, no half file is left, and the pages kept before are whole', async () => {
    let failNext = false;
    const full: WriteBytes = (fd, data) => {
      if (!failNext) return writeAll(fd, data);
      // Half the bytes reach the disk, then it is full.
      writeAll(fd, data.subarray(0, data.length >> 1));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
    };
    const rig = keep(rigWithCase(tempDir('counter-captures-'), { writeBytes: full }));
    ok(await rig.captures.add(page(rig.first, 300, 424, 0)));
    const before = ok(await rig.captures.add(page(rig.first, 280, 396, 1)));
    const pdf = pdfPath(rig, before.caseId, rig.first);
    const pdfBytes = readFileSync(pdf);

    failNext = true;
    const refused = await rig.captures.add(page(rig.first, 260, 368, 2));
    expect(refused.ok).toBe(false);
    expect(refused.message).toBe('材料页未能保存：磁盘空间已满（ENOSPC）。已保存的页面不受影响');
    expect(refused.captures!.materials[0]!.pages.map((p) => p.width)).toEqual([300, 280]);
    expect(readFileSync(pdf).equals(pdfBytes)).toBe(true);
    expect(materialFiles(rig.archiveRoot).some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(rig.logs.join('\n')).toContain('ENOSPC');
    expectConsistent(rig);

    // The disk fills between the page and its PDF: the page stands (committed), the clerk is told the PDF lags,
    // and it is rebuilt once there is room (here: the start-up check).
    let writes = 0;
    const fullAfterPage: WriteBytes = (fd, data) => {
      if (++writes === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      writeAll(fd, data);
    };
    failNext = false;
    rig.db.close();
    const again = keep(captureRig(dirname(rig.archiveRoot), { writeBytes: fullAfterPage }));
    const lagging = await again.captures.add(page(rig.first, 260, 368, 2));
    expect(lagging).toMatchObject({ ok: true, message: '页面已保存，但材料 PDF 未能更新：磁盘空间已满（ENOSPC）。稍后自动重试' });
    expect(lagging.captures!.materials[0]!.pages).toHaveLength(3);
    expect(pdfInfo(pdf).pages).toBe(2);
    expect(await recoverCaptures(again.captures, again.db, again.archiveRoot, (l) => again.logs.push(l))).toMatchObject({ rebuilt: 1, dropped: 0 });
    expect(pdfInfo(pdf).pages).toBe(3);
    expectConsistent(again);
  });

  it('the start-up check drops a row whose file is gone (said in Chinese), removes files no row names, and rebuilds a stale PDF', async () => {
    const dataDir = tempDir('counter-captures-');
    const rig = keep(rigWithCase(dataDir));
    ok(await rig.captures.add(page(rig.first, 300, 424, 0)));
    const captures = ok(await rig.captures.add(page(rig.first, 280, 396, 1)));
    ok(await rig.captures.add(page(rig.first, 260, 368, 2)));
    const lost = rig.db.prepare<[string], { file: string }>('SELECT file FROM capture_pages WHERE id = ?').get(captures.materials[0]!.pages[1]!.id)!;
    const folder = dirname(join(rig.archiveRoot, lost.file));
    execFileSync('rm', [join(rig.archiveRoot, lost.file)]);
    writeFileSync(join(folder, 'stray.jpg.1a2b3c.tmp'), 'half');
    writeFileSync(join(folder, '00000000-0000-0000-0000-000000000000.jpg'), samplePageJpeg(50, 70));

    const logs: string[] = [];
    const report = await recoverCaptures(rig.captures, rig.db, rig.archiveRoot, (l) => logs.push(l));
    expect(report).toEqual({ dropped: 1, orphans: 2, rebuilt: 1 });
    expect(logs).toContain(`拍摄材料检查：办件 ${captures.caseId}“${captures.materials[0]!.materialName}”第 2 页的图像文件缺失，已删除该页记录`);
    expect(rig.captures.current()!.materials[0]!.pages.map((p) => [p.width, p.index])).toEqual([
      [300, 0],
      [260, 1],
    ]);
    expectConsistent(rig);
    expect(rig.db.prepare("SELECT count(*) FROM audit_log WHERE kind = 'capture-page-dropped'").pluck().get()).toBe(1);
  });

  for (const [change, step] of [
    ['add', 'pageWritten'],
    ['add', 'committed'],
    ['replace', 'committed'],
    ['delete', 'committed'],
    ['add', 'pdfWritten'],
  ] as const) {
    it(`kill -9 during ${change} at ${step}: after the start-up check the state is the old or the new one, whole`, { timeout: 60_000 }, async () => {
      const dataDir = tempDir('counter-capturecrash-');
      const rig = rigWithCase(dataDir);
      ok(await rig.captures.add(page(rig.first, 300, 424, 0)));
      ok(await rig.captures.add(page(rig.first, 280, 396, 1)));
      const before = rig.captures.current()!.materials[0]!.pages.map((p) => p.id);
      rig.db.close();

      await runUntilKilled('electron/services/captures/capture-crash-child.ts', [dataDir, change, step], `reached ${step}`, `the child ${change}s a page`);

      const after = keep(captureRig(dataDir));
      await recoverCaptures(after.captures, after.db, after.archiveRoot, (l) => after.logs.push(l));
      const pages = after.captures.current()!.materials[0]!.pages;
      const ids = pages.map((p) => p.id);
      // Killed before the commit: the old state; after it: the new one.
      const expected =
        step === 'pageWritten'
          ? { ids: before, modes: ['colour', 'colour'] }
          : change === 'add'
            ? { ids: [...before, expect.any(String)], modes: ['colour', 'colour', 'colour'] }
            : change === 'replace'
              ? { ids: [expect.not.stringMatching(before[0]!), before[1]], modes: ['grey', 'colour'] }
              : { ids: [before[0]], modes: ['colour'] };
      expect({ ids, modes: pages.map((p) => p.mode) }).toEqual(expected);
      expectConsistent(after);
    });
  }

  it('办件记录 says which materials were captured and when; the retention purges the images with the case and history still says so', async () => {
    const rig = keep(rigWithCase(tempDir('counter-captures-')));
    ok(await rig.captures.add(page(rig.first, 300, 424, 0)));
    ok(await rig.captures.add(page(rig.first, 280, 396, 1)));
    const captures = ok(await rig.captures.add(page(rig.second, 260, 368, 2)));
    const history = new CaseHistory(rig.db);
    const [row] = history.search({});
    expect(row!.captures).toEqual([
      { materialId: rig.first, materialName: captures.materials[0]!.materialName, pages: 2, capturedAt: expect.any(String), purged: false },
      { materialId: rig.second, materialName: captures.materials[1]!.materialName, pages: 1, capturedAt: expect.any(String), purged: false },
    ]);
    expect(rig.captures.pdf(captures.caseId, rig.first)!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(rig.db.prepare("SELECT count(*) FROM audit_log WHERE kind = 'capture-pdf-opened'").pluck().get()).toBe(1);

    // 办结, then past captureDays: the images and PDFs are shredded, the rows say purged.
    const closedAt = new Date();
    rig.db.prepare("UPDATE cases SET status = 'closed', closed_at = ? WHERE id = ?").run(closedAt.toISOString(), captures.caseId);
    const far = new Date(closedAt.getTime() - 86_400_000).toISOString();
    expect(purgeCaptures(rig.db, rig.archiveRoot, { endedBefore: far, openedBefore: far, capturedBefore: far }, new Date().toISOString())).toBe(0);
    const now = new Date(closedAt.getTime() + 1000).toISOString();
    expect(purgeCaptures(rig.db, rig.archiveRoot, { endedBefore: now, openedBefore: far, capturedBefore: far }, now)).toBe(5);
    expect(materialFiles(rig.archiveRoot)).toEqual([]);
    expect(history.search({})[0]!.captures!.map((c) => [c.pages, c.purged])).toEqual([
      [2, true],
      [1, true],
    ]);
    expect(rig.captures.pdf(captures.caseId, rig.first)).toBeNull();
    expect(rig.captures.page(captures.materials[0]!.pages[0]!.id)).toMatchObject({ ok: false, message: '该页图像已按保留期限删除' });
    expect(rig.captures.ofCase(captures.caseId).materials).toEqual([]);
    // Nothing left for the start-up check to find.
    expect(await recoverCaptures(rig.captures, rig.db, rig.archiveRoot, () => undefined)).toEqual({ dropped: 0, orphans: 0, rebuilt: 0 });
  });

  it('builds the 10-page A4 PDF the bench measures, each page at 300 dpi', async () => {
    const dir = tempDir('counter-capturepdf-');
    const { pdf, pages, bytes } = await buildTenPagePdf();
    expect(pages).toBe(10);
    const file = join(dir, 'ten.pdf');
    writeFileSync(file, pdf);
    expect(statSync(file).size).toBe(bytes);
    const info = pdfInfo(file);
    expect(info.pages).toBe(10);
    expect(new Set(info.sizes)).toEqual(new Set(['595.28 x 841.89 pts (A4)']));
    const images = pdfImages(file);
    expect(images.map((i) => [i.width, i.height])).toEqual(Array(10).fill([A4_300DPI.width, A4_300DPI.height]));
    expect(images.every((i) => i.xppi === 300)).toBe(true);
    mkdirSync(screenshots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, join(screenshots, 'capture-material-300dpi')]);
  });
});

