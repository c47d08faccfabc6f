import { useEffect, useRef, useState, type JSX } from 'react';
import type { CameraReport, DeviceTestView } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import type { CaptureEnvironment } from '../capture/camera-context';
import { messageOf } from '../lead/format';

const t = strings.itDesk.tests.camera;

/** How long the test waits for the first picture once the camera is open. */
export const FIRST_FRAME_MS = 10_000;
/** The still is shown at most this wide or high. */
const STILL_SIDE = 480;

function grantedText(report: CameraReport): string {
  return report.width && report.height ? strings.cameraDevice.granted(report.width, report.height, report.frameRate) : t.unknownMode;
}

/**
 * 测试 of the document camera on the IT screen: opens the camera the capture
 * panel would open (the same DocumentCamera: devices.camera read afresh,
 * the same choice rule, its largest mode), shows the live picture and one
 * frame taken from it with the granted resolution and frame rate, and
 * closes the camera when the test ends or the screen closes — unless the
 * capture panel had it open already. Simulated: the simulated scene.
 */
export function CameraTest({ environment, onResult, onEnd }: { environment: CaptureEnvironment; onResult(view: DeviceTestView): void; onEnd(): void }): JSX.Element {
  const { camera, io } = environment;
  const video = useRef<HTMLVideoElement>(null);
  const still = useRef<HTMLCanvasElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [simulated, setSimulated] = useState(false);
  const result = useRef(onResult);
  useEffect(() => {
    result.current = onResult;
  });

  // Open on mount, close on unmount (结束测试, 关闭, Esc).
  useEffect(() => {
    let current = true;
    // A stream someone else opened (the capture panel) is theirs to close.
    const borrowed = camera.current.streaming;
    const report = (state: DeviceTestView['state'], message: string) => {
      if (current) result.current({ kind: 'camera', state, message });
    };
    report('running', t.opening);
    (async () => {
      if (!borrowed) await camera.reload?.();
      const opened = await camera.open();
      // Closed while it opened: the stream it got must not stay on.
      if (!current) {
        if (!borrowed) camera.close();
        return;
      }
      const { report: seen, settings } = camera.current;
      setSimulated(settings?.mode === 'simulated');
      setStream(opened);
      report('running', t.waiting(seen.label || strings.camera.capture.simulated, grantedText(seen)));
    })().catch((error: unknown) => report('failed', t.failed(messageOf(error))));
    return () => {
      current = false;
      if (!borrowed) camera.close();
    };
  }, [camera]);

  // The first picture: one frame grabbed from the preview (its own size, and a still of it).
  useEffect(() => {
    const element = video.current;
    if (!stream || !element) return undefined;
    element.srcObject = stream;
    void element.play?.()?.catch(() => {});
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      result.current({ kind: 'camera', state: 'failed', message: t.noFrame });
    }, FIRST_FRAME_MS);
    const take = () => {
      if (done) return;
      const grabbed = io.frameSource(element).grab(STILL_SIDE);
      if (!grabbed) return;
      done = true;
      clearTimeout(timer);
      if (still.current) io.draw(still.current, grabbed.image);
      const seen = camera.current.report;
      const frame = `${grabbed.source.width}×${grabbed.source.height}`;
      result.current({ kind: 'camera', state: 'passed', message: t.passed(frame, seen.label || strings.camera.capture.simulated, grantedText(seen)) });
    };
    element.addEventListener('loadeddata', take);
    // Already showing a picture (a stream the panel had open).
    if (element.readyState >= 2) take();
    return () => {
      done = true;
      clearTimeout(timer);
      element.removeEventListener('loadeddata', take);
      element.srcObject = null;
    };
  }, [stream, io, camera]);

  return (
    <div className="it-camera-test" data-testid="it-camera-test">
      {simulated && <p className="it-desk__note">{t.simulated}</p>}
      <div className="it-camera-test__views">
        <figure>
          <video ref={video} className="it-camera-test__video" data-testid="it-camera-video" autoPlay muted playsInline />
          <figcaption>{t.live}</figcaption>
        </figure>
        <figure>
          <canvas ref={still} className="it-camera-test__still" data-testid="it-camera-still" />
          <figcaption>{t.still}</figcaption>
        </figure>
      </div>
      <button type="button" className="button button--secondary" onClick={onEnd} data-testid="it-test-camera-stop">
        {t.stop}
      </button>
    </div>
  );
}
