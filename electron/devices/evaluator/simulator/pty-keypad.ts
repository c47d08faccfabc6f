/** The keypad simulator on the device end of a socat pty pair. */
import { PtyDevice, type PtyDeviceOptions } from '../../pty/pty-device';
import { KeypadSimulator, type KeypadSimulatorOptions } from './keypad-simulator';

export interface PtyKeypadOptions extends KeypadSimulatorOptions, Pick<PtyDeviceOptions, 'dir' | 'log' | 'tie'> {}

export class PtyKeypad extends PtyDevice<KeypadSimulator> {
  constructor(options: PtyKeypadOptions) {
    super((write) => new KeypadSimulator(write, options), { dir: options.dir, log: options.log, tie: options.tie, name: 'evaluator', baudRate: 9600 });
  }

  get keypad(): KeypadSimulator {
    return this.device;
  }
}
