/** The SAM reader simulator on the device end of a socat pty pair. */
import { PtyDevice, type PtyDeviceOptions } from '../../pty/pty-device';
import { SamSimulator, type SimulatorOptions } from './sam-simulator';

export interface PtySimulatorOptions extends SimulatorOptions, Pick<PtyDeviceOptions, 'dir' | 'log' | 'tie'> {}

export class PtySimulator extends PtyDevice<SamSimulator> {
  constructor(options: PtySimulatorOptions) {
    super((write) => new SamSimulator(write, options), { dir: options.dir, log: options.log, tie: options.tie, name: 'reader', baudRate: 115200 });
  }

  get simulator(): SamSimulator {
    return this.device;
  }
}
