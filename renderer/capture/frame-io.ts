import { fitWithin, type Size } from '../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../shared/domain/camera/image';

/** A frame grabbed from the preview: its pixels, and (full-size grabs) a canvas to show it again while the corners are adjusted. */
export interface GrabbedFrame {
  image: RgbaImage;
  /** The frame as drawn, for the corner editor; null where the page cannot draw (a test). */
  display: CanvasImageSource | null;
  /** The video's own size: the grab was scaled by image.width / source.width. */
  source: Size;
}

/**
 * A captured frame at full size. Read through WebCodecs it has no picture
 * for the corner editor (display null): the capture worker makes one from
 * its pixels, after the page the clerk waits for.
 */
export interface CapturedFrame extends GrabbedFrame {
  /** How the pixels were read: the camera's frame (WebCodecs) or a canvas; shown to tests and the benchmark. */
  readBy: 'webcodecs' | 'canvas';
}

/** Where frames come from: the preview's video element (a test passes its own). */
export interface FrameSource {
  /** The video's size, or null before its first frame. */
  size(): Size | null;
  /** The current frame, its longer side at most `maxSide` (full size without), read through a canvas. */
  grab(maxSide?: number): GrabbedFrame | null;
  /** The current frame at full size, for a capture: read as fast as the browser can. */
  capture(): Promise<CapturedFrame | null>;
}

/** The longer side of the frame as the corner editor shows it. */
export const CORNER_EDITOR_LONG_SIDE = 1200;

/** What the panel needs of the page's drawing, so a test without a canvas can stand in. */
export interface CaptureIo {
  frameSource(video: HTMLVideoElement): FrameSource;
  /** The kept page as JPEG base64 (canvas.toBlob 'image/jpeg'). */
  encodeJpeg(image: RgbaImage, quality: number): Promise<string>;
  /** Draws an image into a canvas (resized to it). */
  draw(canvas: HTMLCanvasElement, image: RgbaImage): void;
  /** An image as something a canvas can draw (the corner editor's picture); null where the page cannot draw (a test). */
  picture(image: RgbaImage): CanvasImageSource | null;
}

function context2d(canvas: HTMLCanvasElement | OffscreenCanvas): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null {
  return canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
}

function imageDataOf(image: RgbaImage): ImageData {
  const data = image.data instanceof Uint8ClampedArray ? image.data : new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return new ImageData(data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
}

/**
 * The video's current frame as RGBA through WebCodecs: the camera's own
 * frame (I420 or NV12) converted once by the browser, about half the time
 * of drawing it into a canvas and reading the canvas back (8 MP: ~30 ms
 * against ~75 ms measured in Chromium here), and off the page's drawing.
 * Null where WebCodecs cannot (an older engine, a frame whose pixels are not
 * square): the canvas does it then. The frame is closed as soon as it is
 * read: the camera lends its frames from a small pool.
 */
export async function readVideoFrame(video: HTMLVideoElement): Promise<CapturedFrame | null> {
  if (typeof VideoFrame !== 'function') return null;
  let frame: VideoFrame;
  try {
    frame = new VideoFrame(video);
  } catch {
    return null; // no frame yet, or a video WebCodecs cannot wrap
  }
  try {
    const rect = frame.visibleRect;
    if (!rect || rect.width !== video.videoWidth || rect.height !== video.videoHeight) return null;
    const { width, height } = rect;
    const data = new Uint8ClampedArray(width * height * 4);
    await frame.copyTo(data, { format: 'RGBA', colorSpace: 'srgb', layout: [{ offset: 0, stride: width * 4 }] });
    return { image: { width, height, data }, display: null, source: { width, height }, readBy: 'webcodecs' };
  } catch {
    return null;
  } finally {
    frame.close();
  }
}

/** Frames from a playing video, drawn through a canvas (the browser's own scaler shrinks the live frames). */
export function videoFrameSource(video: HTMLVideoElement): FrameSource {
  const small = document.createElement('canvas');
  const source: FrameSource = {
    size: () => (video.videoWidth > 0 && video.videoHeight > 0 ? { width: video.videoWidth, height: video.videoHeight } : null),
    async capture() {
      const read = await readVideoFrame(video);
      if (read) return read;
      const grabbed = source.grab();
      return grabbed && { ...grabbed, readBy: 'canvas' };
    },
    grab(maxSide) {
      const vw = video.videoWidth;
      const vh = video.videoHeight;
      if (!vw || !vh) return null;
      const { width, height } = maxSide ? fitWithin({ width: vw, height: vh }, maxSide) : { width: vw, height: vh };
      // A full-size grab gets a canvas of its own: it stays on screen for the corner editor.
      const canvas = maxSide ? small : document.createElement('canvas');
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const context = context2d(canvas);
      if (!context) return null;
      context.drawImage(video, 0, 0, width, height);
      const { data } = context.getImageData(0, 0, width, height);
      return { image: { width, height, data }, display: maxSide ? null : canvas, source: { width: vw, height: vh } };
    },
  };
  return source;
}

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(blob);
  });
}

export const browserCaptureIo: CaptureIo = {
  frameSource: videoFrameSource,
  async encodeJpeg(image, quality) {
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = context2d(canvas);
    if (!context) throw new Error('canvas 2d unavailable');
    context.putImageData(imageDataOf(image), 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (!blob) throw new Error('JPEG encoding failed');
    return blobToBase64(blob);
  },
  draw(canvas, image) {
    if (canvas.width !== image.width) canvas.width = image.width;
    if (canvas.height !== image.height) canvas.height = image.height;
    context2d(canvas)?.putImageData(imageDataOf(image), 0, 0);
  },
  picture(image) {
    const canvas = document.createElement('canvas');
    this.draw(canvas, image);
    return canvas;
  },
};
