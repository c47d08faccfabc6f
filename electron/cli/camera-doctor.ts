/**
 * `npm run doctor -- camera [--json] [--capture FILE] [--data-dir DIR]` (and
 * the installed app's `--doctor camera`): the camera section of the overview
 * with the cameras as Chromium reports them — each opened once at an ideal
 * 4096×3072 to read its largest mode and the mode it grants — and, with
 * --capture, one frame of the document camera at that mode saved as JPEG.
 *
 * Under Node the page is headless Chromium (the one the slips use); the
 * installed app passes a hidden window of its own Chromium instead
 * (DoctorOptions.openCameraPage). Cameras are opened: a capture in progress
 * on the counter may be disturbed, which is why `doctor all` does not do this.
 */
import { writeFileSync } from 'node:fs';
import { strings } from '../../shared/i18n';
import { cameraRoles, captureFrame, listCameras, type CameraPage, type CameraPageOpener } from '../devices/camera/camera-probe';
import { openChromiumCameraPage } from '../devices/camera/chromium-camera-page';
import { chineseMessage } from '../services/errors/system-error';
import { findChromium } from '../services/platform/chromium';
import { deviceOverview, overviewText, type CameraSeen, type DeviceOverview, type OverviewDeps } from './device-overview';
import { EXIT, type DoctorIo } from './idcard-doctor';
import { dataDirArg } from './run-cli';

const c = strings.cameraDevice.doctor;

export interface CameraDoctorOptions {
  /** The page the cameras are seen from; default: headless Chromium found on this machine. */
  openCameraPage?: CameraPageOpener;
  overviewDeps?: OverviewDeps;
}

interface CameraArgs {
  json: boolean;
  dataDir: string;
  capture: string | null;
}

function parseArgs(rest: readonly string[]): CameraArgs | string {
  let capture: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') continue;
    if (arg === '--data-dir' || arg === '--capture') {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) return c.missingValue(arg);
      if (arg === '--capture') capture = value;
      i++;
      continue;
    }
    return c.unknownFlag(arg);
  }
  return { json: rest.includes('--json'), dataDir: dataDirArg(rest), capture };
}

/** Headless Chromium on this machine (CHROMIUM_PATH or PATH, as for slips). */
export const openSystemCameraPage: CameraPageOpener = () => {
  const executable = findChromium();
  if (!executable) return Promise.reject(new Error(c.noChromium));
  return openChromiumCameraPage(executable);
};

type Capture = { file: string; width: number; height: number; bytes: number };

/** Lists the cameras (and captures one frame) on one page, closed before it returns. */
async function look(opener: CameraPageOpener, settings: { document?: string; face?: string }, captureFile: string | null) {
  let page: CameraPage | null = null;
  try {
    page = await opener();
    const probed = await listCameras(page);
    const roles = cameraRoles(probed, settings);
    const cameras: CameraSeen[] = probed.map((camera, i) => ({ ...camera, role: i === roles.document ? 'document' : i === roles.face ? 'face' : null }));
    let capture: Capture | string | null = null;
    if (captureFile !== null) {
      const chosen = roles.document === null ? null : probed[roles.document]!;
      if (!chosen) capture = c.captureNone;
      else {
        try {
          const frame = await captureFrame(page, chosen.deviceId);
          writeFileSync(captureFile, frame.jpeg);
          capture = { file: captureFile, width: frame.width, height: frame.height, bytes: frame.jpeg.length };
        } catch (error) {
          capture = c.captureFailed(chineseMessage(error));
        }
      }
    }
    return { cameras, capture, problem: null };
  } catch (error) {
    return { cameras: null, capture: captureFile !== null ? c.captureNone : null, problem: c.listFailed(chineseMessage(error)) };
  } finally {
    await page?.close().catch(() => undefined);
  }
}

export async function runCameraDoctor(rest: readonly string[], io: DoctorIo, options: CameraDoctorOptions = {}): Promise<number> {
  const args = parseArgs(rest);
  if (typeof args === 'string') {
    io.err(args);
    io.err(strings.itCommands.doctorUsage);
    return EXIT.usage;
  }
  const overview = await deviceOverview(args.dataDir, options.overviewDeps);
  const { document, face } = overview.camera;
  const seen = await look(options.openCameraPage ?? openSystemCameraPage, { document: document ?? undefined, face: face ?? undefined }, args.capture);
  const camera: DeviceOverview['camera'] = { ...overview.camera, cameras: seen.cameras, note: seen.problem };
  const problems = seen.problem ? [...overview.problems, seen.problem] : overview.problems;
  const captured = seen.capture !== null && typeof seen.capture !== 'string' ? seen.capture : null;
  const captureProblem = typeof seen.capture === 'string' ? seen.capture : null;
  if (args.json) {
    io.out(JSON.stringify({ dataDir: overview.dataDir, config: overview.config, camera, ...(args.capture !== null ? { capture: captured } : {}), problems: captureProblem ? [...problems, captureProblem] : problems }, null, 2));
  } else {
    // The listing problem is said once, under the camera section (its note).
    io.out(overviewText({ ...overview, camera, problems: overview.problems }, ['camera'], false));
    if (captured) io.out(c.captured(captured.file, captured.width, captured.height));
    if (captureProblem) io.err(captureProblem);
  }
  return seen.cameras === null || captureProblem ? EXIT.open : EXIT.ok;
}
