/** The keypad simulator on the device end of a socat pty pair. */
import { PtyDevice } from '../../pty/pty-device';
import { KeypadSimulator, type KeypadSimulatorOptions } from './keypad-simulator';

export interface PtyKeypadOptions extends KeypadSimulatorOptions {
  /** Directory for the two links; a fresh temporary one by default (removed on close). */
  dir?: string;
}

export class PtyKeypad extends PtyDevice<KeypadSimulator> {
  constructor(options: PtyKeypadOptions) {
    super((write) => new KeypadSimulator(write, options), { dir: options.dir, name: 'evaluator', baudRate: 9600 });
  }

  get keypad(): KeypadSimulator {
    return this.device;
  }
}
