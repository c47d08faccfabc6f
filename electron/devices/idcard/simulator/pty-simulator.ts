/** The SAM reader simulator on the device end of a socat pty pair. */
import { PtyDevice } from '../../pty/pty-device';
import { SamSimulator, type SimulatorOptions } from './sam-simulator';

export interface PtySimulatorOptions extends SimulatorOptions {
  /** Directory for the two links; a fresh temporary one by default (removed on close). */
  dir?: string;
}

export class PtySimulator extends PtyDevice<SamSimulator> {
  constructor(options: PtySimulatorOptions) {
    super((write) => new SamSimulator(write, options), { dir: options.dir, name: 'reader', baudRate: 115200 });
  }

  get simulator(): SamSimulator {
    return this.device;
  }
}
