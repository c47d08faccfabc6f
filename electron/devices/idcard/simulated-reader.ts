import { strings } from '../../../shared/i18n';
import type { CardPresenter, DeviceDriver, DriverContext } from '../driver';
import { SAMPLE_RESIDENT_CARD } from './sample-cards';

/**
 * The ID reader of a counter with no hardware configured: it presents a
 * sample card when the clerk presses 模拟刷证. The SAM wire-protocol
 * simulator on a virtual serial port replaces it as the default once the
 * real driver exists (issue: ID card reader).
 */
export class SimulatedIdCardReader implements DeviceDriver, CardPresenter {
  readonly kind = 'idcard' as const;
  readonly name = strings.devices.simulatedDriver(strings.deviceKinds.idcard);
  private context: DriverContext | null = null;

  async start(context: DriverContext): Promise<void> {
    this.context = context;
    context.setStatus('simulated', strings.devices.simulatedReason);
  }

  async stop(): Promise<void> {
    this.context = null;
  }

  presentSampleCard(): void {
    this.context?.report({ type: 'card', card: { ...SAMPLE_RESIDENT_CARD }, source: this.name });
  }
}
