/**
 * Building the ID card driver from the device settings: the `port` setting
 * picks the transport (serial path, hid:…, or auto-detection); the rest are
 * driver options with defaults from the spec.
 */
import { strings } from '../../../shared/i18n';
import { SamReaderDriver, type SamReaderOptions } from './driver';
import { loadWltDecoder, type WltDecoderConfig } from './photo/wlt-decoder';
import { chooseReader, listDevices, parsePortSpec, type PortSpec } from './transports/detect';
import { HidTransport } from './transports/hid';
import { DEFAULT_HID_FRAMING, framingProblem, type HidFraming } from './transports/hid-framing';
import { DEFAULT_BAUD_RATE, SerialTransport } from './transports/serial';
import { TransportError, type ByteTransport } from './transports/transport';

export interface IdCardSettings {
  /** /dev/ttyUSB0, COM3, hid:/dev/hidraw2, hid:0425:8159 or auto. */
  port?: string;
  baudRate?: number;
}

/** Options a centre may set beyond port and baud (configuration keys to come with the config schema). */
export interface IdCardExtras extends Omit<SamReaderOptions, 'openTransport' | 'photoDecoder'> {
  hidFraming?: HidFraming;
  photoDecoder?: WltDecoderConfig;
}

/** Makes the transport factory for a port setting; throws (Chinese) for a setting that is not a port. */
export function transportFactory(port: string, baudRate = DEFAULT_BAUD_RATE, hidFraming = DEFAULT_HID_FRAMING): () => Promise<ByteTransport> {
  const spec = parsePortSpec(port);
  if (!spec) throw new Error(strings.idcard.badPortSpec(port));
  const problem = framingProblem(hidFraming);
  if (problem) throw new Error(strings.idcard.hidFraming.invalid(problem));
  return async () => transportFor(spec, baudRate, hidFraming);
}

async function transportFor(spec: PortSpec, baudRate: number, hidFraming: HidFraming): Promise<ByteTransport> {
  switch (spec.kind) {
    case 'serial':
      return new SerialTransport(spec.path, baudRate);
    case 'hid':
      return new HidTransport('path' in spec ? { path: spec.path } : { vendorId: spec.vendorId, productId: spec.productId }, hidFraming);
    case 'auto': {
      // Detected anew on every attempt: a replugged reader may come back under another name.
      const choice = chooseReader(await listDevices());
      if (choice.kind === 'none') throw new TransportError(choice.reason, 'missing');
      return choice.kind === 'serial' ? new SerialTransport(choice.path, baudRate) : new HidTransport({ path: choice.path }, hidFraming);
    }
  }
}

/** The hardware driver: the real protocol on the configured port. */
export function createIdCardDriver(settings: IdCardSettings, extras: IdCardExtras = {}): SamReaderDriver {
  const { hidFraming, photoDecoder, ...options } = extras;
  return new SamReaderDriver({
    ...options,
    openTransport: transportFactory(settings.port ?? 'auto', settings.baudRate, hidFraming),
    photoDecoder: photoDecoder ? () => loadWltDecoder(photoDecoder) : null,
  });
}
