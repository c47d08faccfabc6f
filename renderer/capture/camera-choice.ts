import { strings } from '../../shared/i18n';

const r = strings.camera.capture.reasons;

/** A camera as enumerateDevices lists it (videoinput only). */
export interface CameraDevice {
  deviceId: string;
  label: string;
}

export interface CameraChoice {
  device: CameraDevice | null;
  /** Why none was chosen (Chinese); empty when one was. */
  reason: string;
}

/** Whether a camera is the one a setting names: its device id exactly, or a part of its label (case-insensitive). */
export function cameraMatches(device: CameraDevice, setting: string): boolean {
  const wanted = setting.trim().toLowerCase();
  if (!wanted) return false;
  return device.deviceId === setting.trim() || device.label.toLowerCase().includes(wanted);
}

/**
 * The document head among the cameras present: the one devices.camera.document
 * names, else the first that is not the applicant-facing head (devices.camera.face).
 * A face head is never chosen as the document camera, even when it is named both ways.
 */
export function chooseDocumentCamera(devices: readonly CameraDevice[], settings: { document: string | null; face: string | null }): CameraChoice {
  if (devices.length === 0) return { device: null, reason: r.noCamera };
  const notFace = devices.filter((d) => !(settings.face && cameraMatches(d, settings.face)));
  if (settings.document) {
    const device = notFace.find((d) => cameraMatches(d, settings.document!));
    return device ? { device, reason: '' } : { device: null, reason: r.notFound(settings.document) };
  }
  const device = notFace[0];
  return device ? { device, reason: '' } : { device: null, reason: r.onlyFace };
}
