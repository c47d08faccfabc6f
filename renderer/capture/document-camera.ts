import type { CameraReport, CameraSettings, CounterApi } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { chooseDocumentCamera, type CameraDevice } from './camera-choice';

const s = strings.camera.capture;

/** The part of navigator.mediaDevices the camera uses (a test passes its own). */
export interface MediaDevicesLike {
  enumerateDevices(): Promise<readonly { kind: string; deviceId: string; label: string }[]>;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  addEventListener(type: 'devicechange', listener: () => void): void;
  removeEventListener(type: 'devicechange', listener: () => void): void;
}

export interface CameraDeps {
  /** navigator.mediaDevices, or null where the page has none (an insecure origin, a test). */
  media: MediaDevicesLike | null;
  /** The simulated camera's stream (a canvas playing a document scene). */
  simulated: () => Promise<MediaStream>;
}

export interface CameraState {
  /** devices.camera of the counter; null until read. */
  settings: CameraSettings | null;
  report: CameraReport;
  /** True while a stream is open (the panel shows it). */
  streaming: boolean;
}

/**
 * Asks for the largest mode: Chromium grants the mode nearest these, so
 * asking above any sensor (8 MP document heads are 3264×2448) gets the
 * sensor's largest. The granted size is read back from the track.
 */
export const LARGEST_MODE: MediaTrackConstraints = { width: { ideal: 4096 }, height: { ideal: 3072 }, frameRate: { ideal: 30 } };

function report(state: CameraReport['state'], label: string, reason = '', granted: MediaTrackSettings | null = null): CameraReport {
  return {
    state,
    label: label.slice(0, 200),
    width: granted?.width ? Math.round(granted.width) : null,
    height: granted?.height ? Math.round(granted.height) : null,
    frameRate: granted?.frameRate ? Math.round(granted.frameRate * 10) / 10 : null,
    reason: reason.slice(0, 300),
  };
}

function errorReason(error: unknown): string {
  const name = error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException) ? (error as Error).name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return s.reasons.denied;
  if (name === 'NotReadableError' || name === 'AbortError') return s.reasons.busy;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return s.reasons.noCamera;
  return s.reasons.failed(error instanceof Error ? error.message : String(error));
}

/**
 * The document camera as the clerk page sees it: which camera is the document
 * head (devices.camera), whether it is plugged in (enumerateDevices, followed on
 * every devicechange), and the stream the capture panel shows. Every state is
 * reported to the service (reportCamera) for the status bar and the doctor.
 */
export class DocumentCamera {
  private state: CameraState = { settings: null, report: report('unconfigured', ''), streaming: false };
  private readonly listeners = new Set<(state: CameraState) => void>();
  private stream: MediaStream | null = null;
  /** An open under way: a second caller meanwhile gets the same stream, never a second one left running. */
  private opening: Promise<MediaStream> | null = null;
  private lastSent = '';
  private started = false;
  private granted: MediaTrackSettings | null = null;
  private chosen: CameraDevice | null = null;
  private readonly onDeviceChange = () => void this.refresh();

  constructor(
    private readonly api: CounterApi,
    private readonly deps: CameraDeps,
  ) {}

  get current(): CameraState {
    return this.state;
  }

  subscribe(listener: (state: CameraState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the settings, looks for the camera and follows plug events. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    let settings: CameraSettings;
    try {
      settings = await this.api.invoke('getCameraSettings', {});
    } catch {
      this.started = false;
      return;
    }
    this.set({ settings });
    if (settings.mode === 'hardware') {
      this.deps.media?.addEventListener('devicechange', this.onDeviceChange);
      await this.refresh(true);
    } else if (settings.mode === 'simulated') {
      this.publish(report('simulated', s.simulated));
    } else {
      this.publish(report('unconfigured', '', s.disabled));
    }
  }

  stop(): void {
    this.deps.media?.removeEventListener('devicechange', this.onDeviceChange);
    this.close();
    this.started = false;
    // Started again (the connection came back, the device restarted): the service hears the state afresh.
    this.lastSent = '';
  }

  /**
   * Reads devices.camera again (IT saved it, or IT's 测试 is about to open the
   * camera) and looks for the camera under the new settings. Never while a
   * stream is open: the panel showing it keeps the camera it has.
   */
  async reload(): Promise<void> {
    if (this.stream) return;
    if (!this.started) {
      this.set({ settings: await this.api.invoke('getCameraSettings', {}) });
      return;
    }
    this.stop();
    await this.start();
  }

  /** Opens the document camera at its largest mode (or the simulated one). */
  async open(): Promise<MediaStream> {
    if (this.stream) return this.stream;
    this.opening ??= this.openStream().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async openStream(): Promise<MediaStream> {
    const settings = this.state.settings ?? (await this.api.invoke('getCameraSettings', {}));
    if (!this.state.settings) this.set({ settings });
    if (settings.mode === 'disabled') throw new Error(s.disabled);
    if (settings.mode === 'simulated') {
      let stream: MediaStream;
      try {
        stream = await this.deps.simulated();
      } catch (error) {
        this.publish(report('fault', s.simulated, s.reasons.texturesFailed));
        throw error;
      }
      this.adopt(stream, s.simulated, 'simulated');
      return stream;
    }
    const media = this.deps.media;
    if (!media) {
      this.publish(report('fault', '', s.reasons.noMedia));
      throw new Error(s.reasons.noMedia);
    }
    await this.refresh(true);
    const device = this.chosen;
    if (!device) throw new Error(this.state.report.reason || s.reasons.noCamera);
    try {
      const stream = await media.getUserMedia({
        audio: false,
        video: { ...LARGEST_MODE, ...(device.deviceId ? { deviceId: { exact: device.deviceId } } : {}) },
      });
      this.adopt(stream, device.label, 'connected');
      return stream;
    } catch (error) {
      this.publish(report('fault', device.label, errorReason(error)));
      throw new Error(errorReason(error), { cause: error });
    }
  }

  /** Stops the stream (the panel closed): the camera's light goes off. */
  close(): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.granted = null;
    if (this.state.streaming) this.set({ streaming: false });
  }

  private adopt(stream: MediaStream, label: string, state: 'connected' | 'simulated'): void {
    this.stream = stream;
    const track = stream.getVideoTracks()[0];
    this.granted = track?.getSettings?.() ?? null;
    track?.addEventListener?.('ended', () => {
      if (this.stream !== stream) return;
      this.stream = null;
      this.set({ streaming: false });
      this.publish(report('disconnected', label, s.reasons.ended));
      void this.refresh();
    });
    this.set({ streaming: true });
    // A real camera's track names the device; the simulated camera's canvas track carries a random id
    // Chromium makes up, which means nothing to IT, so it keeps our name.
    this.publish(report(state, state === 'simulated' ? label : track?.label || label, '', this.granted));
  }

  /** Looks at the cameras present; the first time (or when labels are hidden) asks once for permission so labels can be matched. */
  private async refresh(askPermission = false): Promise<void> {
    const media = this.deps.media;
    const settings = this.state.settings;
    if (!settings || settings.mode !== 'hardware') return;
    if (!media) {
      this.publish(report('fault', '', s.reasons.noMedia));
      return;
    }
    try {
      let cameras = await this.videoInputs(media);
      if (askPermission && cameras.length > 0 && cameras.every((c) => c.label === '') && !this.stream) {
        // Chromium hides labels and ids until the page may use a camera: one short open reveals them.
        const probe = await media.getUserMedia({ video: true, audio: false });
        for (const track of probe.getTracks()) track.stop();
        cameras = await this.videoInputs(media);
      }
      const choice = chooseDocumentCamera(cameras, settings);
      this.chosen = choice.device;
      if (!choice.device) {
        this.publish(report('disconnected', '', choice.reason));
      } else if (this.stream) {
        this.publish(report('connected', choice.device.label, '', this.granted));
      } else {
        this.publish(report('connected', choice.device.label));
      }
    } catch (error) {
      this.publish(report('fault', this.chosen?.label ?? '', errorReason(error)));
    }
  }

  private async videoInputs(media: MediaDevicesLike): Promise<CameraDevice[]> {
    return (await media.enumerateDevices()).filter((d) => d.kind === 'videoinput').map((d) => ({ deviceId: d.deviceId, label: d.label }));
  }

  private publish(next: CameraReport): void {
    this.set({ report: next });
    const key = JSON.stringify(next);
    if (key === this.lastSent) return;
    this.lastSent = key;
    this.api.invoke('reportCamera', next).catch(() => {
      // Reported again with the next change; the page keeps working without the status bar.
      this.lastSent = '';
    });
  }

  private set(patch: Partial<CameraState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener(this.state);
  }
}
