import { afterEach, describe, expect, it, vi } from 'vitest';
import { readVideoFrame } from './frame-io';

/**
 * The capture's WebCodecs read with a stand-in VideoFrame: the camera lends
 * its frames from a small pool, so every path must close the frame it
 * wrapped, and a frame WebCodecs cannot read leaves the canvas to do it.
 */
class FakeVideoFrame {
  static made: FakeVideoFrame[] = [];
  static copyFails = false;
  closed = false;
  copyOptions: unknown = null;
  readonly visibleRect = { x: 0, y: 0, width: 8, height: 6 };
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
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeVideoFrame.made = [];
    FakeVideoFrame.copyFails = false;
  });

  it('reads the frame as tightly packed sRGB RGBA and closes it; the corner editor’s picture is left to the worker', async () => {
    vi.stubGlobal('VideoFrame', FakeVideoFrame);
    const read = await readVideoFrame(video());
    expect(read).toMatchObject({ readBy: 'webcodecs', display: null, source: { width: 8, height: 6 } });
    expect(read!.image.width).toBe(8);
    expect(read!.image.height).toBe(6);
    expect(read!.image.data.length).toBe(8 * 6 * 4);
    expect(read!.image.data[0]).toBe(7);
    const [frame] = FakeVideoFrame.made;
    expect(frame!.copyOptions).toEqual({ format: 'RGBA', colorSpace: 'srgb', layout: [{ offset: 0, stride: 32 }] });
    expect(frame!.closed).toBe(true);
  });

  it('closes the frame and leaves the capture to the canvas when the copy is refused', async () => {
    FakeVideoFrame.copyFails = true;
    vi.stubGlobal('VideoFrame', FakeVideoFrame);
    expect(await readVideoFrame(video())).toBeNull();
    expect(FakeVideoFrame.made[0]!.closed).toBe(true);
  });

  it('leaves a frame whose pixels are not square (its visible size is not the video’s) to the canvas, closed', async () => {
    vi.stubGlobal('VideoFrame', FakeVideoFrame);
    expect(await readVideoFrame(video(10, 6))).toBeNull();
    expect(FakeVideoFrame.made[0]!.closed).toBe(true);
    expect(FakeVideoFrame.made[0]!.copyOptions).toBeNull();
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
