import {
  DEVICE_KINDS,
  type CounterConfig,
  type DeviceKind,
  type DeviceState,
  type DeviceStatus,
} from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { chineseMessage } from '../services/errors/system-error';
import type { DeviceDriver, DeviceEvent, DriverContext } from './driver';

type DeviceSettings = CounterConfig['devices'][DeviceKind];

/** Kinds whose hardware has no port to configure: the clerk's page picks the camera by its label (devices.camera.document). */
const NO_PORT_KINDS: ReadonlySet<DeviceKind> = new Set<DeviceKind>(['camera']);

/** Builds a driver for a kind from its settings. */
export type DriverFactory = (settings: DeviceSettings) => DeviceDriver;

/** The drivers the product has, per kind and mode. A missing entry means "not available yet". */
export type DriverRegistry = Partial<Record<DeviceKind, { simulated?: DriverFactory; hardware?: DriverFactory }>>;

export interface DeviceManagerOptions {
  settings: CounterConfig['devices'];
  registry: DriverRegistry;
  onStatusChange?: (statuses: DeviceStatus[], changed: DeviceStatus) => void;
  onNotice?: (kind: DeviceKind, level: 'info' | 'warning' | 'error', message: string) => void;
  onDeviceEvent?: (kind: DeviceKind, event: DeviceEvent) => void;
  now?: () => Date;
}

/**
 * Holds one driver slot per device kind and the status of each. It picks
 * the driver from the configuration (simulated by default), starts and
 * stops it, and turns everything a driver says into status changes and
 * events. A driver that throws becomes 故障 with the reason; the others keep
 * running.
 */
export class DeviceManager {
  private readonly drivers = new Map<DeviceKind, DeviceDriver>();
  private readonly statuses = new Map<DeviceKind, DeviceStatus>();
  /** The settings each kind runs on: the configuration's, until IT saves new ones for one kind (reconfigure). */
  private readonly settings = new Map<DeviceKind, DeviceSettings>();
  private readonly now: () => Date;

  constructor(private readonly options: DeviceManagerOptions) {
    this.now = options.now ?? (() => new Date());
    for (const kind of DEVICE_KINDS) {
      this.statuses.set(kind, this.makeStatus(kind, 'unconfigured', '', ''));
      this.settings.set(kind, options.settings[kind]);
    }
  }

  async start(): Promise<void> {
    await Promise.all(DEVICE_KINDS.map((kind) => this.startKind(kind)));
  }

  async stop(): Promise<void> {
    await Promise.all(DEVICE_KINDS.map((kind) => this.stopKind(kind)));
  }

  async restart(kind: DeviceKind): Promise<void> {
    await this.stopKind(kind);
    await this.startKind(kind);
  }

  /**
   * IT saved new settings for one kind (设备与诊断): that device alone is
   * stopped and started on them; every other driver keeps running untouched.
   */
  async reconfigure(kind: DeviceKind, settings: DeviceSettings): Promise<void> {
    this.settings.set(kind, settings);
    await this.restart(kind);
  }

  list(): DeviceStatus[] {
    return DEVICE_KINDS.map((kind) => this.statuses.get(kind)!);
  }

  driver(kind: DeviceKind): DeviceDriver | undefined {
    return this.drivers.get(kind);
  }

  private async startKind(kind: DeviceKind): Promise<void> {
    const settings = this.settings.get(kind)!;
    const label = strings.deviceKinds[kind];
    if (settings.mode === 'disabled') {
      this.setStatus(kind, 'unconfigured', strings.devices.disabledReason, '');
      return;
    }
    if (settings.mode === 'hardware' && !settings.port && !NO_PORT_KINDS.has(kind)) {
      this.setStatus(kind, 'fault', strings.devices.noPort, '');
      return;
    }
    const factory = this.options.registry[kind]?.[settings.mode];
    if (!factory) {
      const reason =
        settings.mode === 'hardware' ? strings.devices.hardwarePending(label) : strings.devices.simulatorPending(label);
      this.setStatus(kind, settings.mode === 'hardware' ? 'fault' : 'unconfigured', reason, '');
      return;
    }

    let driver: DeviceDriver;
    try {
      driver = factory(settings);
      this.drivers.set(kind, driver);
      await driver.start(this.contextFor(kind, driver));
    } catch (error) {
      this.drivers.delete(kind);
      this.setStatus(kind, 'fault', chineseMessage(error), this.statuses.get(kind)!.driver);
    }
  }

  private async stopKind(kind: DeviceKind): Promise<void> {
    const driver = this.drivers.get(kind);
    if (!driver) return;
    this.drivers.delete(kind);
    try {
      await driver.stop();
    } catch (error) {
      this.options.onNotice?.(kind, 'warning', chineseMessage(error));
    }
  }

  private contextFor(kind: DeviceKind, driver: DeviceDriver): DriverContext {
    // A driver that was stopped or replaced must not move the status any more.
    const current = () => this.drivers.get(kind) === driver;
    return {
      setStatus: (state, reason = '', detail = '') => {
        if (current()) this.setStatus(kind, state, reason, driver.name, detail);
      },
      notice: (level, message) => {
        if (current()) this.options.onNotice?.(kind, level, message);
      },
      report: (event) => {
        if (current()) this.options.onDeviceEvent?.(kind, event);
      },
    };
  }

  private setStatus(kind: DeviceKind, state: DeviceState, reason: string, driver: string, detail = ''): void {
    const previous = this.statuses.get(kind)!;
    if (previous.state === state && previous.reason === reason && previous.driver === driver && (previous.detail ?? '') === detail) return;
    const status = this.makeStatus(kind, state, reason, driver, detail);
    this.statuses.set(kind, status);
    this.options.onStatusChange?.(this.list(), status);
  }

  private makeStatus(kind: DeviceKind, state: DeviceState, reason: string, driver: string, detail = ''): DeviceStatus {
    return { kind, state, reason, driver, since: this.now().toISOString(), ...(detail ? { detail } : {}) };
  }
}
