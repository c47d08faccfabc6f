import { afterEach, describe, expect, it, vi } from 'vitest';
import { CORNER_EDITOR_LONG_SIDE, readVideoFrame } from './frame-io';

/**
 * The capture's WebCodecs read with a stand-in VideoFrame: the camera lends
 * its frames from a small pool, so every path must close the frame it
 * wrapped, and a frame WebCodecs cannot read leaves the canvas to do it.
 */
class FakeVideoFrame {
  static made: FakeVideoFrame[] = [];
  static copyFails = false;
  static rect = { width: 8, height: 6 };
  closed = false;
  copyOptions: unknown = null;
  readonly visibleRect = { x: 0, y: 0, ...FakeVideoFrame.rect };
  constructor(readonly video: unknown) {
    FakeVideoFrame.made.push(this);
  }
  async copyTo(destination: Uint8ClampedArray, options: unknown): Promise<unknown> {
    if (this.closed) throw new Error('copyTo on a closed frame');
    if (FakeVideoFrame.copyFails) throw new Error('NotSupportedError');
    this.copyOptions = options;
    destination.fill(7);
    return [];
  }
  close(): void {
    this.closed = true;
  }
}

const video = (width = 8, height = 6) => ({ videoWidth: width, videoHeight: height }) as HTMLVideoElement;

describe('readVideoFrame: the full-size capture through WebCodecs', () => {
  const bitmaps: unknown[][] = [];
  const createImageBitmap = vi.fn(async (frame: FakeVideoFrame, options: unknown) => {
    if (frame.closed) throw new Error('bitmap of a closed frame');
    bitmaps.push([frame, options]);
    return { picture: true };
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeVideoFrame.made = [];
    FakeVideoFrame.copyFails = false;
    FakeVideoFrame.rect = { width: 8, height: 6 };
    bitmaps.length = 0;
    createImageBitmap.mockClear();
  });

  it('reads the frame as tightly packed sRGB RGBA, makes the corner editor its picture, then closes the frame', async () => {
    vi.stubGlobal('VideoFrame', FakeVideoFrame);
    vi.stubGlobal('createImageBitmap', createImageBitmap);
    const read = await readVideoFrame(video());
    expect(read).not.toBeNull();
    expect(read!.readBy).toBe('webcodecs');
    expect(read!.image.width).toBe(8);
    expect(read!.image.height).toBe(6);
    expect(read!.image.data.length).toBe(8 * 6 * 4);
    expect(read!.image.data[0]).toBe(7);
    const [frame] = FakeVideoFrame.made;
    expect(frame!.copyOptions).toEqual({ format: 'RGBA', colorSpace: 'srgb', layout: [{ offset: 0, stride: 32 }] });
    expect(await read!.display).toEqual({ picture: true });
    expect(frame!.closed).toBe(true);
    // A small frame is shown at its own size; only larger ones are shrunk to the editor's.
    expect(bitmaps[0]![1]).toMatchObject({ resizeWidth: 8, resizeHeight: 6 });
  });

  it('shrinks the corner editor’s picture of an 8 MP frame to the editor’s size', async () => {
    FakeVideoFrame.rect = { width: 3264, height: 2448 };
    vi.stubGlobal('VideoFrame', FakeVideoFrame);
    vi.stubGlobal('createImageBitmap', createImageBitmap);
    const read = await readVideoFrame(video(3264, 2448));
    await read!.display;
    expect(bitmaps[0]![1]).toMatchObject({ resizeWidth: CORNER_EDITOR_LONG_SIDE, resizeHeight: 900 });
  });

  it('closes the frame and leaves the capture to the canvas when the copy is refused', async () => {
    FakeVideoFrame.copyFails = true;
    vi.stubGlobal('VideoFrame', FakeVideoFrame);
    vi.stubGlobal('createImageBitmap', createImageBitmap);
    expect(await readVideoFrame(video())).toBeNull();
    expect(FakeVideoFrame.made[0]!.closed).toBe(true);
  });

  it('leaves a frame whose pixels are not square (its visible size is not the video’s) to the canvas, closed', async () => {
    vi.stubGlobal('VideoFrame', FakeVideoFrame);
    vi.stubGlobal('createImageBitmap', createImageBitmap);
    expect(await readVideoFrame(video(10, 6))).toBeNull();
    expect(FakeVideoFrame.made[0]!.closed).toBe(true);
  });

  it('still closes the frame when its picture for the corner editor cannot be made; the capture keeps its pixels', async () => {
    vi.stubGlobal('VideoFrame', FakeVideoFrame);
    vi.stubGlobal('createImageBitmap', async () => {
      throw new Error('out of memory');
    });
    const read = await readVideoFrame(video());
    expect(read!.image.data.length).toBe(8 * 6 * 4);
    expect(await read!.display).toBeNull();
    expect(FakeVideoFrame.made[0]!.closed).toBe(true);
  });

  it('is null where the engine has no WebCodecs, or no frame to wrap yet', async () => {
    vi.stubGlobal('VideoFrame', undefined);
    expect(await readVideoFrame(video())).toBeNull();
    vi.stubGlobal(
      'VideoFrame',
      class {
        constructor() {
          throw new DOMException('no frame', 'InvalidStateError');
        }
      },
    );
    expect(await readVideoFrame(video())).toBeNull();
  });
});
