/**
 * The `camera` IT command (`npm run --silent camera -- …`, electron/cli/camera.ts;
 * `窗口受理终端 --camera …` in the installed app): the document camera's page
 * detection and straightening on image files, for IT and for scripts
 * (issue 11; exact interface, tests and IT scripts depend on it):
 *
 *   detect IMAGE... [--json]   one line per image, in order; with --json
 *                              {"file":"<as given>","corners":[[x,y]×4]|null,"ms":N}
 *                              (corners TL, TR, BR, BL in source pixels; ms = detection time)
 *   crop IMAGE --out FILE.jpg [--mode colour|grey|bw] [--dpi N] [--quality N] [--corners JSON] [--json]
 *                              the straightened page as the capture panel keeps it
 *
 * Exit status: 0 when every image was read (and the crop saved), 1 when one
 * could not be (a Chinese line on stderr; detect goes on with the others),
 * 2 for wrong arguments. The detection and the page operations are the very
 * code the capture panel runs (shared/domain/camera), not a second version.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CAPTURE_MODES, type CaptureMode } from '../../shared/contract/capture';
import { detectAndRefine } from '../../shared/domain/camera/detect';
import { quadProblem, type Quad } from '../../shared/domain/camera/geometry';
import { applyCaptureMode, pageSizeFor, straightenPage } from '../../shared/domain/camera/page';
import { strings } from '../../shared/i18n';
import { chineseMessage } from '../services/errors/system-error';
import { encodeJpeg, readImage, UnreadableImageError } from './camera-images';
import { type CliIo } from './run-cli';

const t = strings.camera.cli;
const p = strings.camera.page;

/** Flags that take a value (so the value is not taken for an image). */
const VALUE_FLAGS = ['--out', '--mode', '--dpi', '--quality', '--corners'];

class UsageError extends Error {}

function flagValue(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || (value.startsWith('--') && flag !== '--corners')) throw new UsageError(t.missingValue(flag));
  return value;
}

function images(args: readonly string[]): string[] {
  return args.filter((a, i) => !a.startsWith('--') && !VALUE_FLAGS.includes(args[i - 1] ?? ''));
}

function numberFlag(args: readonly string[], flag: string, min: number, max: number, fallback: number): number {
  const text = flagValue(args, flag);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) throw new UsageError(t.badNumber(flag, text, `${min}–${max}`));
  return value;
}

/** Corners as printed: two decimals are far below a pixel and keep the line short. */
const rounded = (q: Quad) => q.map(([x, y]) => [Math.round(x * 100) / 100, Math.round(y * 100) / 100]);

/** Reads one image, or says why not on stderr and gives null. */
function readOrReport(file: string, io: CliIo): ReturnType<typeof readImage> | null {
  try {
    return readImage(file);
  } catch (error) {
    io.err(error instanceof UnreadableImageError ? error.message : t.unreadable(file, chineseMessage(error)));
    return null;
  }
}

function detect(args: readonly string[], io: CliIo): number {
  const files = images(args);
  if (files.length === 0) throw new UsageError(t.missingImages);
  const json = args.includes('--json');
  let allRead = true;
  for (const file of files) {
    const image = readOrReport(file, io);
    if (!image) {
      allRead = false;
      continue;
    }
    const started = performance.now();
    const found = detectAndRefine(image);
    const ms = Math.round(performance.now() - started);
    const corners = found.corners ? rounded(found.corners) : null;
    if (json) io.out(JSON.stringify({ file, corners, ms }));
    else io.out(corners ? t.found(file, corners.map(([x, y]) => `(${x}, ${y})`).join(' '), ms) : t.notFound(file, ms));
  }
  return allRead ? 0 : 1;
}

/** `--corners '[[x,y],[x,y],[x,y],[x,y]]'` (TL, TR, BR, BL), or `x,y x,y x,y x,y`. */
function parseCorners(text: string): Quad {
  let points: unknown;
  try {
    points = text.trim().startsWith('[') ? JSON.parse(text) : text.trim().split(/\s+/).map((pair) => pair.split(',').map(Number));
  } catch {
    throw new UsageError(t.badCorners(text));
  }
  const ok =
    Array.isArray(points) &&
    points.length === 4 &&
    points.every((point) => Array.isArray(point) && point.length === 2 && point.every((v) => typeof v === 'number' && Number.isFinite(v)));
  if (!ok) throw new UsageError(t.badCorners(text));
  return points as unknown as Quad;
}

function crop(args: readonly string[], io: CliIo): number {
  const files = images(args);
  if (files.length === 0) throw new UsageError(t.missingImages);
  if (files.length > 1) throw new UsageError(t.oneImageOnly);
  const out = flagValue(args, '--out');
  if (out === undefined) throw new UsageError(t.missingValue('--out'));
  const modeText = flagValue(args, '--mode') ?? 'colour';
  if (!(CAPTURE_MODES as readonly string[]).includes(modeText)) throw new UsageError(t.badMode(modeText));
  const mode = modeText as CaptureMode;
  const dpi = numberFlag(args, '--dpi', 50, 1200, 300);
  const quality = numberFlag(args, '--quality', 50, 95, 85);
  const cornersText = flagValue(args, '--corners');
  const given = cornersText === undefined ? null : parseCorners(cornersText);
  const file = files[0]!;
  const image = readOrReport(file, io);
  if (!image) return 1;
  let corners: Quad;
  if (given) {
    const problem = quadProblem(given, image);
    if (problem) throw new UsageError(t.cornersRefused(p.problems[problem]));
    corners = given;
  } else {
    const found = detectAndRefine(image);
    if (!found.corners) {
      // Unsure: the outline it found all the same, for IT to check and pass back with --corners (as the panel opens 调整边角 on it).
      io.err(found.guess ? t.unsurePage(file, JSON.stringify(rounded(found.guess))) : t.noPage(file));
      return 1;
    }
    corners = found.corners;
  }
  const size = pageSizeFor(corners, image);
  const page = applyCaptureMode(straightenPage(image, corners, { dpi, size }), mode);
  try {
    writeFileSync(out, encodeJpeg(page, quality));
  } catch (error) {
    io.err(t.writeFailed(out, chineseMessage(error)));
    return 1;
  }
  if (args.includes('--json')) {
    io.out(JSON.stringify({ file, out, corners: rounded(corners), size, width: page.width, height: page.height, mode }));
  } else {
    io.out(t.saved(out, page.width, page.height, p.kinds[size.kind], p.modes[mode]));
  }
  return 0;
}

/** The `camera` command with its arguments (after `--`); resolves with the exit status. Also run by the installed app's `--camera`. */
export async function runCameraCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'detect':
        return detect(rest, io);
      case 'crop':
        return crop(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.out(t.usage);
        return command === undefined ? 2 : 0;
      default:
        io.err(`${t.unknownCommand(command)}\n${t.usage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${t.usage}`);
      return 2;
    }
    throw error;
  }
}
