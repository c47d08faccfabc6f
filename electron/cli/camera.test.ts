/**
 * `npm run --silent camera -- detect|crop`, run exactly as IT runs it (a
 * child process through npm and tsx) on generated JPEG and PNG files: one
 * JSON line per readable image in order, a Chinese line on stderr and exit 1
 * for one that cannot be read while the others are still done, and crop
 * writing a JPEG of the page's size in each mode.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { applyHomography, meanCornerError, rectQuad, solveHomography, type Quad } from '../../shared/domain/camera/geometry';
import { createRgba, warpPerspective, type RgbaImage } from '../../shared/domain/camera/image';
import { faintPageFrame } from '../../test/camera/accuracy-scenes';
import { decodeImage, encodeJpeg, encodePng } from './camera-images';
import { runItCommand } from './it-commands';

const root = join(__dirname, '..', '..');

function camera(args: string[]) {
  const ran = spawnSync('npm', ['run', '--silent', 'camera', '--', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

const FRAME = { width: 960, height: 720 };
/** Where the page lies in the generated frames (TL, TR, BR, BL): a slightly tilted A4. */
const TRUTH: Quad = [
  [300, 90],
  [640, 110],
  [680, 620],
  [260, 600],
];

/** A white page (a grey block on it, top left) on a dark green desk mat, the page at TRUTH. */
function scene(): RgbaImage {
  const page = createRgba(420, 594);
  page.data.fill(240);
  for (let y = 60; y < 160; y++) for (let x = 60; x < 200; x++) page.data.set([90, 90, 90, 255], (y * 420 + x) * 4);
  const toPage = solveHomography(TRUTH, rectQuad(420, 594))!;
  const frame = warpPerspective(page, rectQuad(FRAME.width, FRAME.height).map((p) => applyHomography(toPage, p)) as unknown as Quad, FRAME.width, FRAME.height);
  for (let y = 0; y < FRAME.height; y++) {
    for (let x = 0; x < FRAME.width; x++) {
      const [u, v] = applyHomography(toPage, [x + 0.5, y + 0.5]);
      if (!(u >= 0 && v >= 0 && u <= 420 && v <= 594)) frame.data.set([45, 70, 55, 255], (y * FRAME.width + x) * 4);
    }
  }
  return frame;
}

/** The test files: the scene as JPEG and PNG, a truncated JPEG, a text file named .png. */
function files(): { dir: string; jpg: string; png: string; corrupt: string; notImage: string } {
  const dir = tempDir('camera-cli-');
  const image = scene();
  const jpegBytes = encodeJpeg(image, 92);
  const paths = {
    dir,
    jpg: join(dir, 'scene.jpg'),
    png: join(dir, 'scene.png'),
    corrupt: join(dir, 'truncated.jpg'),
    notImage: join(dir, 'notes.png'),
  };
  writeFileSync(paths.jpg, jpegBytes);
  writeFileSync(paths.png, encodePng(image));
  writeFileSync(paths.corrupt, jpegBytes.subarray(0, 600));
  writeFileSync(paths.notImage, '这不是图像\n');
  return paths;
}

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function expectDetectionShape(line: Record<string, unknown>, file: string): void {
  expect(Object.keys(line)).toEqual(['file', 'corners', 'ms']);
  expect(line.file).toBe(file);
  expect(Number.isInteger(line.ms) && (line.ms as number) >= 0).toBe(true);
  if (line.corners !== null) {
    const corners = line.corners as number[][];
    expect(corners).toHaveLength(4);
    for (const [x, y, ...rest] of corners) {
      expect(rest).toEqual([]);
      expect(x).toBeGreaterThanOrEqual(-0.05 * FRAME.width);
      expect(x).toBeLessThanOrEqual(1.05 * FRAME.width);
      expect(y).toBeGreaterThanOrEqual(-0.05 * FRAME.height);
      expect(y).toBeLessThanOrEqual(1.05 * FRAME.height);
    }
  }
}

describe('camera detect', { timeout: 60_000 }, () => {
  it('prints one JSON line per readable image in order, says in Chinese which could not be read, exits 1, and keeps going', () => {
    const f = files();
    const missing = join(f.dir, 'missing.jpg');
    const ran = camera(['detect', f.jpg, f.corrupt, f.png, missing, f.notImage, '--json']);
    expect(ran.status).toBe(1);
    const lines = jsonLines(ran.stdout);
    expect(lines.map((l) => l.file)).toEqual([f.jpg, f.png]);
    expectDetectionShape(lines[0]!, f.jpg);
    expectDetectionShape(lines[1]!, f.png);
    const errors = ran.stderr.trim().split('\n');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^无法读取图像 .*truncated\.jpg：图像数据已损坏/);
    expect(errors[1]).toMatch(/^无法读取图像 .*missing\.jpg：.*ENOENT/);
    expect(errors[2]).toMatch(/^无法读取图像 .*notes\.png：不是 JPEG 或 PNG 图像/);
  });

  it('exits 0 when every image was read, with the page found where it lies in source pixels', () => {
    const f = files();
    const ran = camera(['detect', f.png, f.jpg, '--json']);
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const lines = jsonLines(ran.stdout);
    expect(lines.map((l) => l.file)).toEqual([f.png, f.jpg]);
    for (const line of lines) {
      expectDetectionShape(line, line.file as string);
      // The detector (shared/domain/camera/detect) on a plain page on a dark mat: within a few pixels of the truth.
      expect(line.corners).not.toBeNull();
      expect(meanCornerError(line.corners as unknown as Quad, TRUTH)).toBeLessThan(3);
    }
  });

  it('says what is wrong with the arguments, in Chinese, with exit 2', () => {
    const ran = camera(['detect', '--json']);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toContain('请给出至少一个图像文件');
    expect(ran.stderr).toContain('用法');
  });
});

describe('the installed app: 窗口受理终端 --camera', { timeout: 60_000 }, () => {
  it('runs the same command with the same lines and exit status', async () => {
    const f = files();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => err.push(text), input: process.stdin };
    const status = await runItCommand(['--camera', 'detect', f.png, f.corrupt, '--json'], io);
    const cli = camera(['detect', f.png, f.corrupt, '--json']);
    expect(status).toBe(1);
    expect(cli.status).toBe(1);
    const strip = (line: string) => ({ ...(JSON.parse(line) as object), ms: 0 });
    expect(out.map(strip)).toEqual(cli.stdout.trim().split('\n').map(strip));
    expect(err.join('\n')).toBe(cli.stderr.trim());
  });
});

describe('camera crop', { timeout: 60_000 }, () => {
  it('writes the straightened page as a JPEG of the page size, in each mode', () => {
    const f = files();
    for (const mode of ['colour', 'grey', 'bw'] as const) {
      const out = join(f.dir, `page-${mode}.jpg`);
      const ran = camera(['crop', f.png, '--out', out, '--mode', mode, '--dpi', '100', '--corners', JSON.stringify(TRUTH), '--json']);
      expect(ran.stderr).toBe('');
      expect(ran.status).toBe(0);
      const reported = jsonLines(ran.stdout)[0]!;
      expect(reported).toMatchObject({ file: f.png, out, mode, width: 827, height: 1169, size: { kind: 'a4', widthMm: 210, heightMm: 297 } });
      const page = decodeImage(readFileSync(out), out);
      // A4 at 100 dpi.
      expect([page.width, page.height]).toEqual([827, 1169]);
      const at = (x: number, y: number) => [...page.data.subarray((y * page.width + x) * 4, (y * page.width + x) * 4 + 3)];
      // The grey block lies at the page's top left (60–200 × 60–160 of 420 × 594), paper elsewhere.
      const block = at(Math.round((130 / 420) * 827), Math.round((110 / 594) * 1169));
      const paper = at(Math.round((300 / 420) * 827), Math.round((400 / 594) * 1169));
      if (mode === 'colour') {
        expect(Math.max(...block)).toBeLessThan(110);
        expect(Math.min(...paper)).toBeGreaterThan(225);
      } else {
        // Grey and black-and-white: no colour left.
        let coloured = 0;
        for (let i = 0; i < page.data.length; i += 4) if (Math.max(page.data[i]!, page.data[i + 1]!, page.data[i + 2]!) - Math.min(page.data[i]!, page.data[i + 1]!, page.data[i + 2]!) > 12) coloured++;
        expect(coloured).toBe(0);
        expect(block[0]).toBeLessThan(mode === 'bw' ? 40 : 110);
        expect(paper[0]).toBeGreaterThan(mode === 'bw' ? 240 : 225);
      }
    }
  });

  it('finds the page itself when no corners are given', () => {
    const f = files();
    const out = join(f.dir, 'auto.jpg');
    const ran = camera(['crop', f.jpg, '--out', out, '--dpi', '100']);
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/^已保存 .*auto\.jpg：827×1169 像素，A4，彩色/);
    const page = decodeImage(readFileSync(out), out);
    expect([page.width, page.height]).toEqual([827, 1169]);
  });

  it('for a page it is unsure of, saves nothing, exits 1 and gives the corners it found, which --corners then saves', () => {
    // A page 4 levels lighter than a plain grey desk: found, but too faintly to be sure (detect.test.ts).
    const { frame, page } = faintPageFrame(4);
    const dir = tempDir('camera-cli-faint-');
    const faint = join(dir, 'faint.png');
    writeFileSync(faint, encodePng(frame));
    const out = join(dir, 'faint.jpg');
    const unsure = camera(['crop', faint, '--out', out]);
    expect(unsure.status).toBe(1);
    expect(existsSync(out)).toBe(false);
    const given = /--corners '(\[.*\])' 保存/.exec(unsure.stderr);
    expect(given, unsure.stderr).not.toBeNull();
    expect(unsure.stderr).toContain('找到的页面把握不足，未保存');
    const corners = JSON.parse(given![1]!) as Quad;
    expect(meanCornerError(corners, page)).toBeLessThan(3);
    const saved = camera(['crop', faint, '--out', out, '--corners', given![1]!]);
    expect(saved.stderr).toBe('');
    expect(saved.status).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('saves nothing and exits 1 for an unreadable image; exits 2 for a wrong mode or impossible corners', () => {
    const f = files();
    const out = join(f.dir, 'never.jpg');
    const unreadable = camera(['crop', f.corrupt, '--out', out]);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toMatch(/无法读取图像 .*truncated\.jpg/);
    const badMode = camera(['crop', f.png, '--out', out, '--mode', 'sepia']);
    expect(badMode.status).toBe(2);
    expect(badMode.stderr).toContain('不支持的模式：sepia');
    const bowTie = JSON.stringify([TRUTH[0], TRUTH[2], TRUTH[1], TRUTH[3]]);
    const badCorners = camera(['crop', f.png, '--out', out, '--corners', bowTie]);
    expect(badCorners.status).toBe(2);
    expect(badCorners.stderr).toContain('不能作为页面');
    expect(existsSync(out)).toBe(false);
  });
});
