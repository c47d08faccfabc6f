import type { RgbaImage } from '../../shared/domain/camera/image';
import pageTexture from '../../resources/camera/page-receipt.png';
import cardTexture from '../../resources/camera/id-card-front.png';
import { renderSimulatedFrames } from './simulated-camera-frames';

/** The simulated camera's mode: 4:3 like a document head (a scene takes a few hundred ms to render at this size). */
export const SIMULATED_SIZE = { width: 1280, height: 960 };
/** Frames of the loop, seconds apart in the scene, and how fast they are played (back and forth). */
const LOOP_FRAMES = 8;
const LOOP_STEP_S = 0.6;
const PLAY_FPS = 5;
const STREAM_FPS = 15;
/** The stream is handed out once the scene's first frame is drawn (a few hundred ms), or after this long whatever happens. */
const FIRST_FRAME_WAIT_MS = 5_000;

/** A PNG shipped with the app (a Vite asset: same origin, allowed by img-src 'self') as RGBA. */
async function loadTexture(url: string): Promise<RgbaImage> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d unavailable');
  context.drawImage(image, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
  return { width, height, data };
}

/**
 * 模拟高拍仪: a canvas playing the document scene of shared/domain/camera/scene
 * (sample pages and an ID card on a desk mat, moving slightly), rendered in a
 * worker (on the page where no worker runs) and turned into a MediaStream
 * with captureStream(), so the preview, the live outline and the capture run
 * exactly as with a real camera.
 */
export async function openSimulatedCamera(): Promise<MediaStream> {
  const [page, card] = await Promise.all([loadTexture(pageTexture), loadTexture(cardTexture)]);
  const canvas = document.createElement('canvas');
  canvas.width = SIMULATED_SIZE.width;
  canvas.height = SIMULATED_SIZE.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d unavailable');
  context.fillStyle = '#3a3f45';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const frames: ImageBitmap[] = [];
  let stopped = false;
  let firstDrawn: () => void = () => {};
  const firstFrame = new Promise<void>((resolve) => {
    firstDrawn = resolve;
  });
  // Rendered in a worker, or on this thread where no worker runs (simulated-camera-frames.ts).
  const stopRendering = renderSimulatedFrames(
    { type: 'start', ...SIMULATED_SIZE, frames: LOOP_FRAMES, step: LOOP_STEP_S, textures: { page, card } },
    (index, frame) => {
      const image = new ImageData(frame.data as Uint8ClampedArray<ArrayBuffer>, frame.width, frame.height);
      if (frames.length === 0) {
        context.putImageData(image, 0, 0);
        firstDrawn();
      }
      void createImageBitmap(image).then((bitmap) => {
        if (stopped) bitmap.close();
        else frames[index] = bitmap;
      });
    },
  );
  // Back and forth through the frames rendered so far: the page drifts and turns a little, as under a real camera.
  let tick = 0;
  const player = setInterval(() => {
    const n = frames.filter(Boolean).length;
    if (n === 0) return;
    const period = Math.max(1, 2 * n - 2);
    const position = tick++ % period;
    const frame = frames[position < n ? position : period - position];
    if (frame) context.drawImage(frame, 0, 0);
  }, 1000 / PLAY_FPS);
  // Whoever shows the stream (the panel, IT's 测试) sees the scene from its first frame, not the empty canvas.
  let waited: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([firstFrame, new Promise<void>((resolve) => (waited = setTimeout(resolve, FIRST_FRAME_WAIT_MS)))]);
  clearTimeout(waited);
  const stream = canvas.captureStream(STREAM_FPS);
  const track = stream.getVideoTracks()[0];
  // Stopping the track (the panel closed) stops the worker and the player too.
  const stop = track?.stop.bind(track);
  if (track && stop) {
    track.stop = () => {
      stopped = true;
      stopRendering();
      clearInterval(player);
      for (const frame of frames) frame?.close();
      stop();
    };
  }
  return stream;
}
