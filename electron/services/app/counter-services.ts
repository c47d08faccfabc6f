import { join } from 'node:path';
import type { CaseView, CounterConfig, DeviceKind } from '../../../shared/contract';
import { localIsoDate } from '../../../shared/domain/calendar';
import { searchItems } from '../../../shared/domain/catalogue/search';
import { phraseCuesFromCase, phraseSlotsFromCase } from '../../../shared/domain/phrases/case-context';
import { formatTimeOfDay } from '../../../shared/domain/service-day/time';
import { strings } from '../../../shared/i18n';
import { isCardPresenter, isEvaluatorDisplay, isEvaluatorSimulation } from '../../devices/driver';
import { evaluatorMapping, evaluatorRegistryEntry, reportedKeyCount } from '../../devices/evaluator/factory';
import { cardWarnings } from '../../devices/idcard/card-checks';
import { createIdCardDriver, type IdCardExtras } from '../../devices/idcard/factory';
import { SimulatedSamReader } from '../../devices/idcard/simulated-sam-reader';
import { DeviceManager, type DriverRegistry } from '../../devices/manager';
import { createDispatcher } from '../api/dispatcher';
import { loadCalendarOverrides } from '../calendar/calendar-file';
import { loadCatalogue } from '../catalogue/catalogue-store';
import { CaseService } from '../cases/case-service';
import { toCaseView } from '../../../shared/domain/case/view';
import { CaseHistory } from '../history/case-history';
import { loadConfig } from '../config/config-file';
import { createFileLog } from '../log/file-log';
import { EventBus } from '../events/event-bus';
import { PhraseService } from '../phrases/phrase-service';
import { findChromium } from '../platform/chromium';
import { CupsPrinter } from '../../devices/printer/cups-printer';
import { CupsPrinterDriver } from '../../devices/printer/cups-printer-driver';
import { SimulatedPrinter } from '../../devices/printer/simulated-printer';
import type { SlipPrinter } from '../../devices/printer/printer';
import { PrintQueue } from '../printing/print-queue';
import { ChromiumPdfRenderer } from '../slips/chromium-pdf-renderer';
import { SlipArchive } from '../slips/slip-archive';
import { SlipService } from '../slips/slip-service';
import { EvaluationService } from '../evaluation/evaluation-service';
import { OutboxUploader } from '../evaluation/outbox';
import { ServiceDayService } from '../service-day/service-day-service';
import { CallbackService } from '../callbacks/callback-service';
import { SpecialPromptService } from '../prompts/special-prompt-service';
import { DATABASE_FILE, openDatabase } from '../storage/database';
import { appendAudit } from '../storage/audit-log';
import { LeadGate } from '../lead/lead-gate';
import { leadHandlers, leadExportFile } from '../lead/lead-handlers';
import type { CounterServices, StartOptions } from './types';

/** The ID reader's tuning from config.json (poll interval, timeouts, HID framing, the photo decoder). */
function idcardExtras(s: CounterConfig['devices']['idcard']): IdCardExtras {
  return {
    ...(s.pollIntervalMs ? { pollIntervalMs: s.pollIntervalMs } : {}),
    ...(s.timeouts ? { timeouts: s.timeouts } : {}),
    ...(s.readFingerprint !== undefined ? { readFingerprint: s.readFingerprint } : {}),
    ...(s.hidFraming ? { hidFraming: s.hidFraming } : {}),
    ...(s.photoDecoder ? { photoDecoder: s.photoDecoder } : {}),
  };
}

/** The drivers this version ships. Device issues add entries here. */
export const driverRegistry: DriverRegistry = {
  // Simulated: the SAM simulator on a pty pair with the real driver on the other end (模拟刷证 places the sample card).
  idcard: {
    simulated: (s) => new SimulatedSamReader({ baudRate: s.baudRate }),
    hardware: (s) => createIdCardDriver(s, idcardExtras(s as CounterConfig['devices']['idcard'])),
  },
  // Simulated: the keypad simulator on a pty pair with the real serial driver (模拟评价 presses a key); hardware: our serial profile or a HID keypad.
  evaluator: evaluatorRegistryEntry(),
};

/**
 * Composition root: loads the configuration, opens the database, starts the
 * device drivers and exposes them through the contract. Shells call this and
 * nothing else.
 */
export async function startCounterServices(options: StartOptions): Promise<CounterServices> {
  const log = options.log ?? createFileLog(options.dataDir);
  const { config, issues } = loadConfig(options.dataDir);
  for (const issue of issues) log(`配置：${issue.field || strings.config.wholeFile} ${issue.message}`);

  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const bus = new EventBus((error) => log(`事件处理出错：${(error as Error).message}`));
  const phrases = new PhraseService(options.dataDir, config.counter, log);
  const catalogue = loadCatalogue(options.dataDir);
  for (const issue of catalogue.issues) log(`事项目录：${issue.message}`);
  const calendar = loadCalendarOverrides(options.dataDir);
  for (const issue of calendar.issues) log(issue);
  const cases = new CaseService({
    db,
    windowNumber: config.counter.windowNumber,
    items: () => catalogue.items,
    supplyDays: config.slips.supplyDays,
    calendarOverrides: calendar.overrides,
  });

  const pdfRenderer = options.pdfRenderer ?? new ChromiumPdfRenderer(findChromium());
  // The printer is a device like the others: simulated (slips "print" to a folder) unless IT names a system printer.
  const printerSettings = config.devices.printer;
  const simulatedPrinter = new SimulatedPrinter(join(options.dataDir, 'simulated-printer'));
  const cupsPrinter = new CupsPrinter();
  // The desktop shell prints through Electron (Windows and Linux alike); elsewhere CUPS, which Windows lacks.
  const systemPrinter = printerSettings.mode === 'hardware' && options.hardwarePrinter ? options.hardwarePrinter(printerSettings.port ?? '') : null;
  const choosePrinter = (): SlipPrinter | null => {
    if (options.printer !== undefined) return options.printer;
    if (printerSettings.mode === 'simulated') return simulatedPrinter;
    if (systemPrinter) return systemPrinter;
    return printerSettings.mode === 'hardware' && process.platform !== 'win32' ? cupsPrinter : null;
  };
  const printer = choosePrinter();
  const queue: PrintQueue | null =
    printerSettings.mode === 'disabled'
      ? null
      : new PrintQueue({
          db,
          printer,
          slip: (id) => slips.printable(id),
          onChange: (job, message) => {
            bus.publish('device.notice', { kind: 'printer', level: job.status === 'done' ? 'info' : 'warning', message });
            publishCase();
          },
        });
  const slips: SlipService = new SlipService({
    db,
    cases,
    renderer: pdfRenderer,
    archive: new SlipArchive(join(options.dataDir, 'archive')),
    queue,
    printerName: printerSettings.mode === 'hardware' ? (printerSettings.port ?? '') : '',
    config,
  });
  queue?.start();

  const history = new CaseHistory(db);
  const mask = { head: config.privacy.idMaskHead, tail: config.privacy.idMaskTail };
  const caseView = (): CaseView | null => {
    const open = cases.current();
    return open ? toCaseView(open, { expectingAgentCard: cases.expectingAgentCard, slips: slips.slipsOf(open.id), confidentialRatings: config.evaluation.confidential }, mask) : null;
  };
  const publishCase = () => bus.publish('case.changed', caseView());
  /** A case step that went through is shown on every screen. */
  const publishedIfOk = <T extends { ok: boolean }>(outcome: T): T => {
    if (outcome.ok) publishCase();
    return outcome;
  };

  // 好差评: ratings from the keypad and the citizen page, stored before anyone is told; the outbox uploads them.
  const counterClerk = { window: config.counter.windowNumber, name: config.counter.clerkName, staffNumber: config.counter.clerkStaffNumber };
  let clerk = counterClerk;
  const uploader = new OutboxUploader({
    db,
    config: () => config.evaluation.upload,
    log,
    onNotice: (level, message) => {
      if (level !== 'info') bus.publish('device.notice', { kind: 'evaluator', level, message });
    },
  });
  const evaluation = new EvaluationService({
    db,
    config: config.evaluation,
    cases,
    calendarOverrides: calendar.overrides,
    clerk: () => clerk,
    display: () => {
      const driver = devices.driver('evaluator');
      return isEvaluatorDisplay(driver) ? driver : null;
    },
    onQueued: () => uploader.kick(),
    onClerkView: (view) => bus.publish('evaluation.changed', view),
    onRequestView: (view) => bus.publish('evaluation.request', view),
    onCaseChanged: () => publishCase(),
    log,
  });

  const recordDeviceEvent = db.prepare('INSERT INTO device_events (at, kind, state, reason) VALUES (?, ?, ?, ?)');
  const devices = new DeviceManager({
    settings: config.devices,
    registry: {
      ...driverRegistry,
      evaluator: evaluatorRegistryEntry(config.evaluation.device, log),
      printer: { simulated: () => simulatedPrinter, hardware: (s) => systemPrinter ?? new CupsPrinterDriver(cupsPrinter, s.port ?? '') },
    },
    onStatusChange: (all, changed) => {
      recordDeviceEvent.run(changed.since, changed.kind, changed.state, changed.reason);
      bus.publish('devices.changed', all);
    },
    onNotice: (kind, level, message) => bus.publish('device.notice', { kind, level, message }),
    onDeviceEvent: (kind, event) => {
      if (event.type === 'rating') {
        try {
          evaluation.keyPressed(event);
        } catch (error) {
          // Not stored: the driver does not acknowledge, the keypad sends the press again.
          bus.publish('device.notice', { kind, level: 'error', message: strings.evaluation.service.saveFailed((error as Error).message) });
          throw error;
        }
        return;
      }
      if (event.type !== 'card') return;
      try {
        const warnings = cardWarnings(event.card, localIsoDate(new Date()).replaceAll('-', '')).map((w) => w.message);
        const outcome = cases.cardRead(event.card, event.source, { photoWlt: event.photoWlt, photoBmp: event.photoBmp, warnings });
        if (!outcome.ok) bus.publish('device.notice', { kind, level: 'warning', message: outcome.message });
        for (const message of outcome.ok ? warnings : []) bus.publish('device.notice', { kind, level: 'warning', message });
        publishCase();
      } catch (error) {
        bus.publish('device.notice', { kind, level: 'error', message: strings.api.failed((error as Error).message) });
      }
    },
  });
  await devices.start();
  evaluation.start();
  uploader.start();

  // 回电登记 during a long system fault; counted in the day summary.
  const callbacks = new CallbackService({ db, currentCaseId: () => cases.current()?.id ?? null, onChange: () => serviceDay.changed() });
  const specialPrompts = new SpecialPromptService({ db, config: config.prompts });
  const serviceDay = new ServiceDayService({
    db,
    dataDir: options.dataDir,
    config,
    devices: () => devices.list(),
    log,
    onChange: (view) => bus.publish('serviceDay.changed', view),
    callbacks: (from, until) => callbacks.countBetween(from, until),
  });
  serviceDay.start();
  // The self-check follows the devices; the running day summary follows the cases.
  bus.on('devices.changed', () => serviceDay.changed());
  bus.on('case.changed', () => serviceDay.changed());
  // The evaluator and the citizen page follow the service day: the signed-in clerk's card, 暂停服务.
  let pauseKey = '';
  bus.on('serviceDay.changed', (view) => {
    const session = view.session;
    const next = session ? { window: session.windowNumber, name: session.clerk.name, staffNumber: session.clerk.staffNumber } : counterClerk;
    if (next.window !== clerk.window || next.name !== clerk.name || next.staffNumber !== clerk.staffNumber) {
      clerk = next;
      evaluation.clerkChanged();
    }
    const pause = view.pause;
    const key = pause ? JSON.stringify(pause) : '';
    if (key === pauseKey) return;
    pauseKey = key;
    if (!pause) return evaluation.setPaused(null);
    const at = pause.expectedReturnAt ? new Date(pause.expectedReturnAt) : null;
    const returnAt = at && !Number.isNaN(at.getTime()) ? formatTimeOfDay(at) : null;
    evaluation.setPaused({ reason: pause.reasonText || strings.serviceDay.pauseReasons[pause.reason] || '', returnAt });
  });

  // 组长: statistics, follow-ups and exports only for a connection a lead unlocked (electron/services/lead).
  const leadGate = new LeadGate({
    config: () => config.lead,
    audit: (kind, staffNo) => appendAudit(db, new Date().toISOString(), kind, null, staffNo),
  });
  const exportsDir = join(options.dataDir, 'exports');
  const lead = leadHandlers({ gate: leadGate, evaluation, exportsDir, saveFile: options.saveFile, log });

  const handle = createDispatcher(
    {
      getSnapshot: () => ({
        shell: options.shell,
        counter: config.counter,
        devices: devices.list(),
        configIssues: issues,
        currentCase: caseView(),
        serviceDay: serviceDay.view(),
      }),
      simulateCardRead: () => {
        const reader = devices.driver('idcard');
        if (!isCardPresenter(reader)) return { accepted: false, message: strings.devices.simulateCardNotSimulated };
        reader.presentSampleCard();
        return { accepted: true, message: strings.devices.simulateCardDone };
      },
      clearCase: () => {
        evaluation.skipCurrent('applicantLeft');
        const { ok } = cases.finishCurrent();
        if (ok) publishCase();
        return { cleared: ok };
      },
      caseAction: ({ action }) => {
        const outcome = cases.act(action);
        if (outcome.ok && action.type === 'skipEvaluation') evaluation.skipCurrent(action.reason);
        return publishedIfOk(outcome);
      },
      searchItems: ({ query }) =>
        searchItems(catalogue.items, query).map((item) => ({
          code: item.implementationCode,
          name: item.name,
          department: item.implementingBody.name,
          handling: item.handling,
          promisedDays: item.promisedLimit.days,
          promisedUnit: item.promisedLimit.unit,
          materialCount: item.materials.length,
          referral: item.referral ? item.referral.department : null,
        })),
      issueSlip: async ({ paper }) => {
        const outcome = await slips.issue(paper);
        if (outcome.ok && config.evaluation.autoRequest) evaluation.requestCurrent();
        return publishedIfOk(outcome);
      },
      reprintSlip: async () => publishedIfOk(await slips.reprint()),
      revealIdNumber: ({ whose }) => {
        const outcome = cases.revealIdNumber(whose);
        return outcome.ok ? { ok: true, idNumber: outcome.idNumber, message: '' } : { ok: false, idNumber: null, message: outcome.message };
      },
      searchCases: (query) => history.search(query),
      caseDayCounts: ({ date }) => history.dayCounts(date),
      retryPrint: ({ slipId }) => {
        const job = queue?.pending().find((j) => j.slipId === slipId && j.status === 'failed');
        const ok = job ? queue!.retry(job.id) : false;
        if (ok) void queue!.drain();
        return { ok };
      },
      restartDevice: async ({ kind }: { kind: DeviceKind }) => {
        await devices.restart(kind);
        if (kind === 'evaluator') evaluation.pushDisplay();
        return { ok: devices.list().find((s) => s.kind === kind)?.state !== 'fault' };
      },
      getPhrases: ({ stage, cues }) => {
        const clerk = serviceDay.view().session?.clerk.name;
        const open = cases.current();
        const state = open?.state ?? null;
        // Green channel and a long wait add their cues, so their fitting phrase leads, and their notes.
        const special = specialPrompts.forCase(stage, open);
        const allCues = [...new Set([...(cues ?? []), ...phraseCuesFromCase(state), ...special.cues])];
        return {
          ...phrases.prompts(stage, allCues, { ...phraseSlotsFromCase(state), ...(clerk ? { clerkName: clerk } : {}) }),
          special: special.prompts,
        };
      },
      getServiceDay: () => serviceDay.view(),
      signIn: (params) => serviceDay.signIn(params),
      recordCheckException: ({ kind, reason }) => serviceDay.recordException(kind, reason),
      openService: () => serviceDay.openService(),
      pauseService: (params) => serviceDay.pause(params),
      resumeService: () => serviceDay.resume(),
      signOut: () => serviceDay.signOut(),
      getCitizenScreen: () => serviceDay.citizenScreen(),
      requestRating: () => evaluation.requestCurrent(),
      getCaseEvaluation: () => evaluation.clerkView(),
      getRatingRequest: () => evaluation.requestView(),
      submitRating: (params) => evaluation.submit(params),
      ...lead.evaluation,
      getEvaluatorMapping: () => evaluatorMapping(config.evaluation.device, reportedKeyCount(devices.driver('evaluator'))),
      simulateEvaluatorPress: ({ level }) => {
        const keypad = devices.driver('evaluator');
        if (!isEvaluatorSimulation(keypad)) return { accepted: false, message: strings.evaluation.device.simulatePressNotSimulated };
        if (!keypad.simulatePress(level)) return { accepted: false, message: strings.evaluation.device.simulatePressNoRequest };
        return { accepted: true, message: strings.evaluation.device.simulatePressDone(strings.evaluation.levels[level]) };
      },
      recordCallback: (draft) => callbacks.record(draft),
      listCallbacks: ({ scope }) => callbacks.list(scope ?? 'today'),
      setCallbackDone: ({ id, done }) => callbacks.setDone(id, done),
      printSlipInBrowser: async ({ slipId }) => publishedIfOk(await slips.printedInBrowser(slipId)),
      ...lead.session,
    },
    log,
  );

  let closed = false;
  return {
    shell: options.shell,
    dataDir: options.dataDir,
    handle,
    slipPdf: (slipId) => slips.pdf(slipId),
    slipHtml: (slipId) => slips.htmlOf(slipId),
    exportFile: (fileName, ticket) => leadExportFile(leadGate, exportsDir, fileName, ticket),
    endConnection: (connection) => leadGate.end(connection),
    onEvent: (listener) => bus.onAny(listener as Parameters<EventBus['onAny']>[0]),
    async close() {
      if (closed) return;
      closed = true;
      serviceDay.stop();
      evaluation.stop();
      await uploader.stop();
      await devices.stop();
      await queue?.stop();
      await pdfRenderer.close();
      db.close();
    },
  };
}
