/**
 * What `doctor camera` asks a browser page: the cameras Chromium sees, each
 * opened once at an ideal 4096×3072 to read its largest mode, and one frame
 * of a chosen camera as JPEG. The same script runs in headless Chromium
 * (chromium-camera-page.ts, `npm run doctor`) and in the installed app's own
 * Chromium (a hidden window, electron/shell): only the page differs.
 *
 * The scripts are plain JavaScript text, not serialized functions: a bundler
 * or tsx may wrap a function's source in helpers the page does not have.
 */
import { z } from 'zod';

/** A page that may use the camera (a secure context with the camera permission granted) and runs a script in it. */
export interface CameraPage {
  /** Evaluates a JavaScript expression in the page; a promise is awaited. */
  evaluate(script: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Opens such a page: headless Chromium from Node, a hidden window in the installed app. */
export type CameraPageOpener = () => Promise<CameraPage>;

/** What a camera is asked for: more than any document camera has, so it grants its largest mode. */
export const IDEAL_MODE = { width: 4096, height: 3072 } as const;

const ModeSchema = z.object({ width: z.number().nullable(), height: z.number().nullable(), frameRate: z.number().nullable() });

const ProbedCameraSchema = z.object({
  deviceId: z.string(),
  label: z.string(),
  /** The largest mode the camera says it has (track.getCapabilities()); null where it does not say. */
  max: ModeSchema.nullable(),
  /** What it granted when asked for IDEAL_MODE (track.getSettings()); null when it could not be opened. */
  granted: ModeSchema.nullable(),
  /** Why it could not be opened (the DOMException's name and message). */
  error: z.string().nullable(),
});
export type ProbedCamera = z.infer<typeof ProbedCameraSchema>;

const ListResultSchema = z.union([
  z.object({ ok: z.literal(true), cameras: z.array(ProbedCameraSchema) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

const CaptureResultSchema = z.union([
  z.object({ ok: z.literal(true), width: z.number().int().positive(), height: z.number().int().positive(), jpeg: z.string().min(1) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** The page side of both scripts: open a camera at the ideal mode; describe a track's mode; name an error. */
const HELPERS = `
  const ideal = ${JSON.stringify(IDEAL_MODE)};
  const describeError = (e) => (e && e.name ? e.name + ': ' + e.message : String(e));
  const open = (deviceId) => navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { deviceId: { exact: deviceId }, width: { ideal: ideal.width }, height: { ideal: ideal.height } },
  });
  const stopAll = (stream) => stream.getTracks().forEach((t) => t.stop());
  const num = (v) => (typeof v === 'number' && isFinite(v) ? v : null);
`;

/**
 * Lists the video inputs. Chromium hides labels until the page may use a
 * camera, so a first plain open (then stopped) reveals them; then each camera
 * is opened alone at the ideal mode and closed again.
 */
export const LIST_SCRIPT = `(async () => {
  ${HELPERS}
  if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) return { ok: false, error: 'navigator.mediaDevices is not available' };
  const inputs = async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  let devices = await inputs();
  if (devices.length > 0 && devices.every((d) => !d.label)) {
    try { stopAll(await navigator.mediaDevices.getUserMedia({ video: true, audio: false })); } catch (e) {}
    devices = await inputs();
  }
  const cameras = [];
  for (const d of devices) {
    const camera = { deviceId: d.deviceId, label: d.label, max: null, granted: null, error: null };
    try {
      const stream = await open(d.deviceId);
      const track = stream.getVideoTracks()[0];
      const caps = track.getCapabilities ? track.getCapabilities() : {};
      const set = track.getSettings();
      camera.max = {
        width: num(caps.width && caps.width.max),
        height: num(caps.height && caps.height.max),
        frameRate: num(caps.frameRate && caps.frameRate.max),
      };
      camera.granted = { width: num(set.width), height: num(set.height), frameRate: num(set.frameRate) };
      stopAll(stream);
    } catch (e) {
      camera.error = describeError(e);
    }
    cameras.push(camera);
  }
  return { ok: true, cameras };
})()`;

/** Opens one camera at the ideal mode, grabs a frame (the third: exposure settles) and returns it as JPEG (base64) at the granted size. */
export function captureScript(deviceId: string, quality = 0.92): string {
  return `(async () => {
  ${HELPERS}
  let stream;
  try {
    stream = await open(${JSON.stringify(deviceId)});
  } catch (e) {
    return { ok: false, error: describeError(e) };
  }
  try {
    const track = stream.getVideoTracks()[0];
    // ImageCapture takes the frame from the track itself: no video element to render (a hidden window may not paint).
    const grabber = new ImageCapture(track);
    let bitmap = null;
    // A few frames in: a camera's first frames may be dark while its exposure settles.
    for (let i = 0; i < 3; i++) {
      if (bitmap) bitmap.close();
      bitmap = await Promise.race([
        grabber.grabFrame(),
        new Promise((resolve, reject) => setTimeout(() => reject(new Error('no frame within 5 s')), 5000)),
      ]);
    }
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d').drawImage(bitmap, 0, 0);
    bitmap.close();
    const url = canvas.toDataURL('image/jpeg', ${JSON.stringify(quality)});
    return { ok: true, width: canvas.width, height: canvas.height, jpeg: url.slice(url.indexOf(',') + 1) };
  } catch (e) {
    return { ok: false, error: describeError(e) };
  } finally {
    stopAll(stream);
  }
})()`;
}

/** The cameras as the page sees them; throws with the page's reason when it has no media devices at all. */
export async function listCameras(page: CameraPage): Promise<ProbedCamera[]> {
  const result = ListResultSchema.parse(await page.evaluate(LIST_SCRIPT));
  if (!result.ok) throw new Error(result.error);
  return result.cameras;
}

/** One frame of a camera at its largest mode, as JPEG bytes. */
export async function captureFrame(page: CameraPage, deviceId: string): Promise<{ jpeg: Buffer; width: number; height: number }> {
  const result = CaptureResultSchema.parse(await page.evaluate(captureScript(deviceId)));
  if (!result.ok) throw new Error(result.error);
  return { jpeg: Buffer.from(result.jpeg, 'base64'), width: result.width, height: result.height };
}

/**
 * Which camera the configuration names (devices.camera.document / face), matched as the capture page matches
 * (renderer/capture/camera-choice.ts): a device id exactly, or a part of the label (case-insensitive). The face head
 * is never the document head; with no document setting, the document head is the first camera that is not the face head.
 */
export function cameraRoles(cameras: readonly Pick<ProbedCamera, 'deviceId' | 'label'>[], settings: { document?: string; face?: string }): { document: number | null; face: number | null } {
  const matches = (camera: Pick<ProbedCamera, 'deviceId' | 'label'>, what: string | undefined) => {
    const wanted = what?.trim().toLowerCase();
    return !!wanted && (camera.deviceId === what!.trim() || camera.label.toLowerCase().includes(wanted));
  };
  const face = cameras.findIndex((c) => matches(c, settings.face));
  const document = cameras.findIndex((c, i) => i !== face && !matches(c, settings.face) && (settings.document ? matches(c, settings.document) : true));
  return { document: document >= 0 ? document : null, face: face >= 0 ? face : null };
}
