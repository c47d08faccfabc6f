/**
 * 设备与诊断: what the IT screen asks of the services. The devices' states
 * (anyone on the clerk screen), their settings and the candidates the system
 * sees (IT; the listing is the doctor's, cli/device-overview.ts), 保存 of one
 * device (device-settings.ts, then that device alone restarts), 测试 per
 * device, and the diagnostic bundle (cli/diagnostic-bundle.ts).
 *
 * A test borrows the device for a moment: while the ID reader's test waits,
 * the card it reads is shown to IT (masked) and opens no case; the
 * evaluator's test asks the keypad for a rating of a case that does not
 * exist and takes the key press; the pad's test counts pen reports (they go
 * on to the signing step as always); the printer's prints a one-page PDF.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVICE_KINDS, type CounterConfig, type DeviceDesk, type DeviceKind, type DeviceTestView } from '../../../shared/contract';
import { maskIdNumber } from '../../../shared/domain/id-number';
import { strings } from '../../../shared/i18n';
import { deviceOverview, type OverviewDeps } from '../../cli/device-overview';
import { writeDiagnosticBundle } from '../../cli/diagnostic-bundle';
import { isCardPresenter, isEvaluatorDisplay, isEvaluatorSimulation, isSignatureSimulation, type DeviceDriver, type DeviceEvent } from '../../devices/driver';
import type { DeviceManager } from '../../devices/manager';
import { resolveConfig } from '../config/config-file';
import { readCentreConfig, centreConfigPath } from '../config/centre-config';
import { explainError } from '../errors/system-error';
import type { Caller } from '../app/types';
import { deviceSettingsView, saveDeviceSettings, type FieldValue } from './device-settings';
import type { ItGate } from './it-gate';

const t = strings.itDesk;
const tt = t.tests;

/** The case id the evaluator's test asks the keypad to rate: no real case has it. */
export const EVALUATOR_TEST_CASE = 'IT-TEST';

export interface ItDeskOptions {
  dataDir: string;
  gate: ItGate;
  devices: Pick<DeviceManager, 'list' | 'driver' | 'reconfigure'>;
  /** The configuration in force (privacy masks, the counter's name on the test page). */
  config: () => CounterConfig;
  /** The centre file (default: COUNTER_CENTRE_CONFIG or the platform's place). */
  centreFile?: string;
  /** The system's listings (tests fake them: a pty that looks like a CH340). */
  overviewDeps?: OverviewDeps;
  /** Prints a one-page test PDF file on the printer in use; resolves with what the spooler said. Absent: no printer. */
  printTestPage?: (pdfFile: string) => Promise<string>;
  /** Draws HTML to PDF (the slips' renderer). */
  renderPdf?: (html: string) => Promise<Buffer>;
  /** A device's settings were saved and it restarted: the composition root updates what it keeps (the evaluator's screen…). */
  onSaved?: (kind: DeviceKind, config: CounterConfig) => void;
  /** The evaluator's test is over: its screen goes back to what the counter shows. */
  afterEvaluatorTest?: () => void;
  log: (line: string) => void;
  audit?: (kind: string, detail: string) => void;
  /** How long a test waits for the device (default 30 s; the pad's count runs 10 s). */
  testTimeoutMs?: number;
}

interface RunningTest {
  view: DeviceTestView;
  timer: NodeJS.Timeout | null;
  reports: number;
  samples: number;
}

/** 张三丰 → 张**: the surname only (the name is personal data like the number). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? chars.join('') : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export class ItDeskService {
  private readonly tests = new Map<DeviceKind, RunningTest>();
  private readonly timeoutMs: number;

  constructor(private readonly options: ItDeskOptions) {
    this.timeoutMs = options.testTimeoutMs ?? 30_000;
  }

  private get centreFile(): string {
    return this.options.centreFile ?? centreConfigPath();
  }

  /** 状态 for a clerk; settings and candidates on a connection IT unlocked. */
  async desk(caller: Caller): Promise<DeviceDesk> {
    const it = this.options.gate.isUnlocked(caller);
    const loaded = resolveConfig(this.options.dataDir, { centreFile: this.centreFile });
    const centre = readCentreConfig(this.centreFile);
    const locked = centre.state === 'ok' ? centre.layer.locked : [];
    const statuses = this.options.devices.list();
    const devices = statuses.map((status) => ({
      status,
      settings: it ? deviceSettingsView(status.kind, loaded.config, loaded.provenance, locked) : null,
    }));
    let candidates: DeviceDesk['candidates'] = null;
    if (it) {
      this.options.gate.refusal(caller); // counts as IT activity
      const overview = await deviceOverview(this.options.dataDir, this.options.overviewDeps);
      candidates = {
        serial: overview.ports.serial,
        hid: overview.ports.hid,
        usb: overview.ports.usb,
        pads: overview.signature.candidates.map((p) => ({ path: p.path, usbId: p.usbId, product: p.product ?? null, kind: p.kind })),
        printers: overview.printer.printers,
        printerNote: overview.printer.note,
        problems: overview.problems,
      };
    }
    return { access: it ? 'it' : 'status', devices, candidates, configFile: loaded.counterFile, centreFile: loaded.centreFile };
  }

  /** 保存: validated field by field, written atomically, then only this device restarts. */
  async save(kind: DeviceKind, values: Readonly<Record<string, FieldValue>>, staffNo: string): Promise<{ ok: boolean; message: string; issues: Array<{ field: string; message: string }> }> {
    let outcome;
    try {
      outcome = saveDeviceSettings(this.options.dataDir, kind, values, this.centreFile);
    } catch (error) {
      const { message, original } = explainError(error);
      this.options.log(`设备设置保存失败（${kind}）：${original}`);
      return { ok: false, message: t.saveFailed(message), issues: [] };
    }
    if (!outcome.ok) return outcome;
    this.options.log(`IT ${staffNo} 保存了${strings.deviceKinds[kind]}设置：${outcome.file}`);
    this.options.audit?.('device-settings-saved', `${kind} ${staffNo}`);
    this.cancelTest(kind);
    await this.options.devices.reconfigure(kind, outcome.config.devices[kind]);
    this.options.onSaved?.(kind, outcome.config);
    const label = strings.deviceKinds[kind];
    // The printer is also chosen for the print queue at start: its change is complete only after a restart.
    const message = kind === 'printer' ? t.savedRestartNeeded(label, outcome.file) : t.saved(label, outcome.file);
    return { ok: true, message, issues: [] };
  }

  testView(kind: DeviceKind): DeviceTestView {
    return this.tests.get(kind)?.view ?? { kind, state: 'idle', message: '' };
  }

  /** 测试: starts the device's test; its outcome is read with testView. */
  async startTest(kind: DeviceKind): Promise<DeviceTestView> {
    const running = this.tests.get(kind);
    if (running?.view.state === 'running') return { ...running.view, message: tt.busy };
    const status = this.options.devices.list().find((s) => s.kind === kind)!;
    if (kind === 'camera') return this.finish(kind, 'failed', tt.camera.inPage);
    if (status.state !== 'connected' && status.state !== 'simulated') return this.finish(kind, 'failed', tt.notReady(t.states[status.state]));
    const driver = this.options.devices.driver(kind);
    switch (kind) {
      case 'idcard':
        return this.testIdCard(driver);
      case 'evaluator':
        return this.testEvaluator(driver);
      case 'signature':
        return this.testSignature(driver);
      case 'printer':
        return this.testPrinter();
    }
  }

  /**
   * A device event while its test waits: taken by the test (true: the
   * counter does nothing else with it — a test card opens no case, a test
   * key press rates nothing), or left to the counter (false).
   */
  intercept(kind: DeviceKind, event: DeviceEvent): boolean {
    const running = this.tests.get(kind);
    if (!running || running.view.state !== 'running') {
      // A press for the test's case arriving late is still the test's: no case has that id.
      return event.type === 'rating' && event.caseId === EVALUATOR_TEST_CASE;
    }
    if (kind === 'idcard' && event.type === 'card') {
      const { idMaskHead, idMaskTail } = this.options.config().privacy;
      this.finish(kind, 'passed', tt.idcard.read(maskName(event.card.name), maskIdNumber(event.card.idNumber, idMaskHead, idMaskTail)));
      return true;
    }
    if (kind === 'evaluator' && event.type === 'rating' && event.caseId === EVALUATOR_TEST_CASE) {
      this.finish(kind, 'passed', tt.evaluator.pressed(event.keyCode, strings.evaluation.levels[event.level]));
      const display = this.options.devices.driver('evaluator');
      if (isEvaluatorDisplay(display)) display.showThanks(EVALUATOR_TEST_CASE);
      this.options.afterEvaluatorTest?.();
      return true;
    }
    if (kind === 'signature' && event.type === 'pen') {
      running.reports += 1;
      running.samples += event.samples.length;
      running.view = { kind, state: 'passed', message: tt.signature.arrived(running.reports, running.samples) };
      // Keeps counting until its window closes; the reports go on to the signing step as always.
      this.tests.set(kind, running);
      return false;
    }
    return false;
  }

  /** 诊断包: the doctor's bundle, in diagnostics/ of the data directory. */
  async bundle(staffNo: string): Promise<{ ok: boolean; message: string; file: string | null }> {
    try {
      const result = await writeDiagnosticBundle({ dataDir: this.options.dataDir, overviewDeps: this.options.overviewDeps });
      if (!result.ok) return { ok: false, message: t.bundle.failed(result.message), file: null };
      this.options.log(`IT ${staffNo} 生成诊断包：${result.file}`);
      this.options.audit?.('diagnostic-bundle', staffNo);
      return { ok: true, message: t.bundle.written(result.file), file: result.file };
    } catch (error) {
      const { message, original } = explainError(error);
      this.options.log(`诊断包生成失败：${original}`);
      return { ok: false, message: t.bundle.failed(message), file: null };
    }
  }

  close(): void {
    for (const kind of DEVICE_KINDS) this.cancelTest(kind);
  }

  // ---------------------------------------------------------------- the tests

  private begin(kind: DeviceKind, message: string, windowMs = this.timeoutMs): DeviceTestView {
    this.cancelTest(kind);
    const test: RunningTest = { view: { kind, state: 'running', message }, timer: null, reports: 0, samples: 0 };
    test.timer = setTimeout(() => {
      if (this.tests.get(kind) !== test || test.view.state !== 'running') {
        // The pad's count closes its window: the last count stands.
        test.timer = null;
        return;
      }
      if (kind === 'signature') this.finish(kind, 'failed', tt.signature.none);
      else this.finish(kind, 'failed', tt.timeout);
      if (kind === 'evaluator') this.options.afterEvaluatorTest?.();
    }, windowMs);
    test.timer.unref?.();
    this.tests.set(kind, test);
    return test.view;
  }

  private finish(kind: DeviceKind, state: 'passed' | 'failed', message: string): DeviceTestView {
    const test = this.tests.get(kind);
    if (test?.timer) clearTimeout(test.timer);
    const view: DeviceTestView = { kind, state, message };
    this.tests.set(kind, { view, timer: null, reports: 0, samples: 0 });
    return view;
  }

  private cancelTest(kind: DeviceKind): void {
    const test = this.tests.get(kind);
    if (test?.timer) clearTimeout(test.timer);
    this.tests.delete(kind);
  }

  private testIdCard(driver: DeviceDriver | undefined): DeviceTestView {
    if (!isCardPresenter(driver)) return this.begin('idcard', tt.idcard.prompt);
    this.begin('idcard', tt.idcard.simulatedPrompt);
    const presented = driver.presentSampleCard();
    // A reader may answer at once: the test as it stands now.
    return presented.placed ? this.testView('idcard') : this.finish('idcard', 'failed', presented.reason);
  }

  private testEvaluator(driver: DeviceDriver | undefined): DeviceTestView {
    if (!isEvaluatorDisplay(driver)) return this.finish('evaluator', 'failed', tt.unsupported);
    this.begin('evaluator', tt.evaluator.prompt);
    driver.requestRating(EVALUATOR_TEST_CASE, tt.printer.page);
    // The simulated keypad has no finger on it: its key is pressed for IT, through the real driver.
    if (isEvaluatorSimulation(driver)) driver.simulatePress('verySatisfied');
    return this.testView('evaluator');
  }

  private testSignature(driver: DeviceDriver | undefined): DeviceTestView {
    const view = this.begin('signature', tt.signature.prompt, Math.min(this.timeoutMs, 10_000));
    if (isSignatureSimulation(driver)) {
      void driver.simulateSignature().catch((error: unknown) => this.options.log(`模拟签名测试失败：${explainError(error).original}`));
    }
    return view;
  }

  private testPrinter(): DeviceTestView {
    const print = this.options.printTestPage;
    const render = this.options.renderPdf;
    if (!print || !render) return this.finish('printer', 'failed', tt.printer.noPrinter);
    const view = this.begin('printer', t.testing);
    const config = this.options.config();
    const body = tt.printer.pageBody(config.counter.centreName, config.counter.windowNumber, new Date().toLocaleString('zh-CN'));
    const html = `<!doctype html><meta charset="utf-8"><body style="font-family:sans-serif;padding:20mm"><h1>${tt.printer.page}</h1><p>${escapeHtml(body)}</p></body>`;
    const dir = mkdtempSync(join(tmpdir(), 'counter-test-page-'));
    const run = async () => {
      const file = join(dir, 'test-page.pdf');
      writeFileSync(file, await render(html));
      return print(file);
    };
    void run()
      .then(
        (detail) => this.finish('printer', 'passed', tt.printer.printed(detail)),
        (error: unknown) => {
          const { message, original } = explainError(error);
          this.options.log(`打印测试页失败：${original}`);
          this.finish('printer', 'failed', tt.printer.failed(message));
        },
      )
      .finally(() => rmSync(dir, { recursive: true, force: true }));
    return view;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
