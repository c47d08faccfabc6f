import type { CameraReport } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import type { DeviceDriver, DriverContext } from '../driver';
import type { DriverFactory } from '../manager';

const t = strings.cameraDevice;

/** How long the status waits for a clerk page after the last one that reported went away (a reload comes back well within it). */
export const PAGE_GRACE_MS = 10_000;

/**
 * The document camera seen from the page: capture runs in the clerk's page
 * (getUserMedia), so only the page can tell whether the camera is plugged in
 * and what mode it granted. The page reports (reportCamera) on open, on plug
 * events and on faults, per connection.
 */
export interface CameraReportSink {
  /** A page's report; false when it does not fit the configured mode (a page still on old settings), which changes nothing. */
  pageReport(report: CameraReport, connection: string): boolean;
  /** A connection closed (the web shell's socket): if it was the last page reporting, the state becomes 未知 after the grace. */
  pageGone(connection: string): void;
}

export function isCameraReportSink(driver: DeviceDriver | undefined): driver is DeviceDriver & CameraReportSink {
  const d = driver as Partial<CameraReportSink> | undefined;
  return typeof d?.pageReport === 'function' && typeof d.pageGone === 'function';
}

export interface PageReportedCameraOptions {
  mode: 'simulated' | 'hardware';
  /** Default PAGE_GRACE_MS; tests shorten it. */
  pageGraceMs?: number;
}

/** The granted mode as the tooltip says it, or '' when the report has none. */
function grantedText(report: CameraReport): string {
  if (!report.width || !report.height) return '';
  return t.granted(report.width, report.height, report.frameRate);
}

/**
 * The camera's driver in the device manager: its state follows the page's
 * reports. Simulated: 模拟 at once (the simulated camera runs in the page);
 * hardware: 已断开 until a page reports the camera connected, then 已连接
 * with the camera's label as the driver name and the granted resolution and
 * frame rate as the status detail. With no page left, hardware says 未知
 * rather than repeat what a page said before it went away.
 */
export class PageReportedCamera implements DeviceDriver, CameraReportSink {
  readonly kind = 'camera' as const;
  private context: DriverContext | null = null;
  private label = '';
  /** Connections that have reported and not closed. */
  private readonly reporters = new Set<string>();
  private graceTimer: NodeJS.Timeout | null = null;
  /** The mode the camera of this label granted when it was last open: kept while the page reports it without a stream. */
  private lastGranted: { label: string; text: string } | null = null;

  constructor(private readonly options: PageReportedCameraOptions) {}

  get name(): string {
    if (this.options.mode === 'simulated') return t.simulatedDriver;
    return this.label || t.hardwareDriver;
  }

  async start(context: DriverContext): Promise<void> {
    this.context = context;
    if (this.options.mode === 'simulated') context.setStatus('simulated', strings.devices.simulatedReason);
    else context.setStatus('disconnected', t.waitingForPage);
    this.armGrace();
  }

  async stop(): Promise<void> {
    this.clearGrace();
    this.context = null;
    this.reporters.clear();
  }

  pageReport(report: CameraReport, connection: string): boolean {
    const context = this.context;
    if (!context || !this.fits(report.state)) return false;
    this.reporters.add(connection);
    this.clearGrace();
    switch (report.state) {
      case 'simulated':
        context.setStatus('simulated', report.reason || strings.devices.simulatedReason, grantedText(report));
        break;
      case 'connected': {
        this.label = report.label;
        const granted = grantedText(report);
        if (granted) this.lastGranted = { label: report.label, text: granted };
        const earlier = this.lastGranted?.label === report.label ? t.grantedEarlier(this.lastGranted.text) : '';
        context.setStatus('connected', report.reason, granted || earlier);
        break;
      }
      case 'disconnected':
        context.setStatus('disconnected', report.reason || t.notFound);
        break;
      case 'fault':
        if (report.label && this.options.mode === 'hardware') this.label = report.label;
        context.setStatus('fault', report.reason || t.fault);
        break;
      default:
        break;
    }
    return true;
  }

  pageGone(connection: string): void {
    if (!this.reporters.delete(connection)) return;
    if (this.reporters.size === 0) this.armGrace();
  }

  /** What a page may report in this mode: a simulated camera is 模拟 or broken; a real one is there, gone or broken. */
  private fits(state: CameraReport['state']): boolean {
    if (this.options.mode === 'simulated') return state === 'simulated' || state === 'fault';
    return state === 'connected' || state === 'disconnected' || state === 'fault';
  }

  /** No page is reporting: after the grace, hardware becomes 未知; a simulated camera goes back to plain 模拟. */
  private armGrace(): void {
    this.clearGrace();
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      const context = this.context;
      if (!context || this.reporters.size > 0) return;
      if (this.options.mode === 'simulated') context.setStatus('simulated', strings.devices.simulatedReason);
      else context.setStatus('unknown', t.pageGone);
    }, this.options.pageGraceMs ?? PAGE_GRACE_MS);
    // The counter may close while it waits.
    this.graceTimer.unref();
  }

  private clearGrace(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }
}

/** The registry entry of the document camera (devices.camera.mode; disabled never gets here). */
export function cameraRegistryEntry(options: { pageGraceMs?: number } = {}): { simulated: DriverFactory; hardware: DriverFactory } {
  return {
    simulated: () => new PageReportedCamera({ mode: 'simulated', ...options }),
    hardware: () => new PageReportedCamera({ mode: 'hardware', ...options }),
  };
}
