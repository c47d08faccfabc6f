import { createContext, useContext, useEffect, useState, useSyncExternalStore, type JSX, type ReactNode } from 'react';
import type { CounterApi } from '../../shared/contract';
import { createCaptureEngine, type CaptureEngine } from './capture-engine';
import { DocumentCamera, type CameraState, type MediaDevicesLike } from './document-camera';
import { browserCaptureIo, type CaptureIo } from './frame-io';
import { openSimulatedCamera } from './simulated-camera';

/** The camera as the capture panel uses it (DocumentCamera; a test passes its own). */
export interface CameraHandle {
  readonly current: CameraState;
  subscribe(listener: (state: CameraState) => void): () => void;
  start(): Promise<void>;
  stop(): void;
  open(): Promise<MediaStream>;
  close(): void;
  /** Reads the camera settings again (after IT saved them); absent on a test's stand-in. */
  reload?(): Promise<void>;
}

/** Everything capture needs from the page: the camera, the detector's worker, drawing and JPEG. */
export interface CaptureEnvironment {
  camera: CameraHandle;
  createEngine(): CaptureEngine;
  io: CaptureIo;
}

const Context = createContext<CaptureEnvironment | null>(null);

/** The page's own camera, worker engine and drawing (where no CameraProvider gave one, e.g. the IT screen alone). */
export function browserEnvironment(api: CounterApi): CaptureEnvironment {
  const media = (typeof navigator !== 'undefined' ? (navigator.mediaDevices as MediaDevicesLike | undefined) : undefined) ?? null;
  return { camera: new DocumentCamera(api, { media, simulated: openSimulatedCamera }), createEngine: createCaptureEngine, io: browserCaptureIo };
}

/**
 * The document camera for the clerk screen: found and followed from the
 * start (so the status bar's 高拍仪 follows plug events), opened only while
 * the capture panel is shown.
 */
export function CameraProvider({ api, online, environment, children }: { api: CounterApi; online: boolean; environment?: CaptureEnvironment; children: ReactNode }): JSX.Element {
  const [value] = useState<CaptureEnvironment>(() => environment ?? browserEnvironment(api));
  useEffect(() => {
    if (!online) return undefined;
    void value.camera.start();
    return () => value.camera.stop();
  }, [value, online]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The capture environment, or null outside a CameraProvider (then there is no 拍摄). */
export function useCaptureEnvironment(): CaptureEnvironment | null {
  return useContext(Context);
}

export function useCameraState(camera: CameraHandle): CameraState {
  return useSyncExternalStore(
    (listener) => camera.subscribe(listener),
    () => camera.current,
  );
}

const NO_CAMERA_STATE = null;

/** The camera's mode where the page may have no capture environment (no 拍摄 then): null until the settings are read. */
export function useCameraMode(environment: CaptureEnvironment | null): 'simulated' | 'hardware' | 'disabled' | null {
  const state = useSyncExternalStore(
    (listener) => (environment ? environment.camera.subscribe(listener) : () => {}),
    () => (environment ? environment.camera.current : NO_CAMERA_STATE),
  );
  return state?.settings?.mode ?? null;
}
