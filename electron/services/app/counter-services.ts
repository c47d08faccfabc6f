import { join } from 'node:path';
import { citizenDayOf, type CaseView, type CounterConfig, type DeviceKind } from '../../../shared/contract';
import { localIsoDate } from '../../../shared/domain/calendar';
import { searchItems } from '../../../shared/domain/catalogue/search';
import { phraseCuesFromCase, phraseSlotsFromCase } from '../../../shared/domain/phrases/case-context';
import { formatTimeOfDay } from '../../../shared/domain/service-day/time';
import { strings } from '../../../shared/i18n';
import { isCardPresenter, isEvaluatorDisplay, isEvaluatorSimulation } from '../../devices/driver';
import { SigningService } from '../signing/signing-service';
import { signatureRequired, SignatureStore } from '../signatures';
import { evaluatorMapping, evaluatorRegistryEntry, reportedKeyCount } from '../../devices/evaluator/factory';
import { signatureRegistryEntry } from '../../devices/signature/factory';
import { cameraRegistryEntry, isCameraReportSink } from '../../devices/camera/page-reported-camera';
import { browserPromptRenderer } from '../../devices/signature/wacom-stu/prompt-renderer';
import { cardWarnings } from '../../devices/idcard/card-checks';
import { createIdCardDriver, type IdCardExtras } from '../../devices/idcard/factory';
import { SimulatedSamReader } from '../../devices/idcard/simulated-sam-reader';
import { DeviceManager, type DriverRegistry } from '../../devices/manager';
import { createDispatcher } from '../api/dispatcher';
import { loadCalendarOverrides } from '../calendar/calendar-file';
import { loadCatalogue } from '../catalogue/catalogue-store';
import { formatIssue } from '../catalogue/catalogue-issues';
import { explainError, isDatabaseBusy } from '../errors/system-error';
import { CaseService } from '../cases/case-service';
import { toCaseView } from '../../../shared/domain/case/view';
import { CaseHistory } from '../history/case-history';
import { CaptureService } from '../captures/capture-service';
import { recoverCaptures } from '../captures/capture-recovery';
import { loadConfig } from '../config/config-file';
import { createFileLog, isFileLog } from '../log/file-log';
import { logPolicyFromConfig } from '../log/log-files';
import { sweepLeftovers } from '../../devices/pty/pty-device';
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
import { KeypadRatings } from '../evaluation/keypad-ratings';
import { ServiceDayService } from '../service-day/service-day-service';
import { CallbackService } from '../callbacks/callback-service';
import { SpecialPromptService } from '../prompts/special-prompt-service';
import { closeDatabase, type Db } from '../storage/database';
import { retryWhenBusy, waitUntilWritable } from '../storage/busy-retry';
import { startWalMaintenance } from '../storage/wal-maintenance';
import { watchDiskSpace } from '../disk/disk-space';
import type { LoadedConfig } from '../config/config-file';
import { IT_GATED_METHODS, type MethodName } from '../../../shared/contract';
import { closeQuietly, openWritableDatabase, startBehindStorageGate, StorageHealth, waitingViews } from './storage-gate';
import { appendAudit } from '../audit/audit-log';
import { requestActor, runAsActor } from '../audit/actor-context';
import { LeadGate } from '../lead/lead-gate';
import { AttemptLimiter } from '../../../shared/domain/lead/lockout';
import { CredentialCheck } from '../accounts/credential-check';
import { PersistedLockoutStore } from '../accounts/persisted-lockouts';
import { ClerkSignIn } from '../service-day/clerk-sign-in';
import { leadHandlers, leadExportFile } from '../lead/lead-handlers';
import { ItGate } from '../it-desk/it-gate';
import { ItDeskService } from '../it-desk/it-desk-service';
import { itDeskHandlers } from '../it-desk/it-desk-handlers';
import type { Caller, CounterServices, StartOptions } from './types';
import { openFieldCipher } from '../privacy/key-setup';
import { defaultKeyDir, FileKeyStore } from '../privacy/key-store';
import { sealLegacyRows } from '../privacy/seal-legacy';
import { startRetention } from '../privacy/retention';
import { restrictNewFiles } from '../permissions/private-files';
import { checkDataDirPermissions } from '../permissions/startup-check';

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
  // Simulated: the simulated HID pad with the real driver and decoder (模拟签名); hardware: a generic HID pen pad or a Wacom STU.
  signature: signatureRegistryEntry(),
  // The document camera is seen only by the clerk's page: its state follows the page's reports (reportCamera).
  camera: cameraRegistryEntry(),
};

/**
 * Requests the dispatcher runs again when they met another program's write
 * lock (SQLITE_BUSY), until a deadline of a few seconds. Each only reads, or
 * writes in one transaction computed afresh from the stored state, with
 * nothing done outside the database before it commits (a keypad or screen
 * is told only afterwards), so a run that failed left nothing behind and a
 * second run does what the first would have; the dispatcher also checks
 * that the failed run committed no row. Not here: handlers that write twice
 * (clearCase, caseAction: retried step by step), slips (a number and a PDF
 * before the record: waited for instead), device restarts, lead unlocks
 * (a failed PIN is counted in memory) and exports (files).
 */
const RERUN_ON_BUSY: ReadonlySet<MethodName> = new Set<MethodName>([
  // Reads (a WAL reader is not blocked by a writer; rare busy answers, e.g. during another program's checkpoint).
  'getSnapshot',
  'getServiceDay',
  'getCitizenScreen',
  'getPhrases',
  'searchItems',
  'searchCases',
  'caseDayCounts',
  'getCaseEvaluation',
  'getRatingRequest',
  'listCallbacks',
  // One transaction each.
  'revealIdNumber', // the audit line of the reveal; the number is handed out only after it commits
  'retryPrint', // one UPDATE of the failed job
  'signIn', // a failed PIN is counted in memory before any write (a lost write is logged, never thrown); a verified one: the photo file is rewritten with the same bytes, then one transaction
  'recordCheckException',
  'openService',
  'pauseService',
  'resumeService',
  'signOut',
  'requestRating', // the evaluator is asked only after the transaction
  'submitRating', // the rating, its follow-up, outbox entry and the case step in one transaction; thanks shown after
  // Two statements (the row, then its audit line): run again only when the first failed, as the dispatcher's
  // check of committed rows ensures; after a later failure the clerk is told and nothing is written twice.
  'recordCallback',
  'setCallbackDone',
]);

/**
 * Composition root: loads the configuration, opens the database, starts the
 * device drivers and exposes them through the contract. Shells call this and
 * nothing else.
 */
export async function startCounterServices(options: StartOptions): Promise<CounterServices> {
  // Everything the counter writes from here on is private to its account (umask 077); the entry points set it earlier still.
  restrictNewFiles();
  const log = options.log ?? createFileLog(options.dataDir);
  const loaded = loadConfig(options.dataDir);
  const { config, issues, logDetails: configDetails } = loaded;
  for (const issue of issues) log(`配置：${issue.field || strings.config.wholeFile} ${issue.message}`);
  for (const detail of configDetails) log(`配置（原始错误）：${detail}`);
  if (loaded.centreFile) log(strings.fleetConfig.centreUsed(loaded.centreFile));
  // The shell's log was opened before config.json was read (to report it): now it learns the centre's limits.
  if (isFileLog(log)) log.configure(logPolicyFromConfig(config.logs));
  // socat and simulators of a terminal that was killed: gone before anything new starts (issue 14).
  sweepLeftovers(log);

  // The database may be locked by another program or on a read-only disk at start: the services then wait behind
  // a gate that shows the clerk why and retries (storage-gate.ts), instead of the terminal exiting.
  const health = new StorageHealth();
  const disk = watchDiskSpace({ dir: options.dataDir, log, onChange: (space) => health.setDisk(space), ...options.diskSpace });
  // A log folder that cannot be written (full disk, wrong owner) is shown with the storage notices, not only on stderr.
  let stopLogWatch = (): void => {};
  if (isFileLog(log)) {
    health.setLog(log.problem());
    stopLogWatch = log.onProblem((message) => health.setLog(message));
  }
  let closing = false;
  const services = await startBehindStorageGate({
    shell: options.shell,
    dataDir: options.dataDir,
    log,
    health,
    retryMs: options.storageRetryMs,
    open: () => openWritableDatabase(options.dataDir),
    start: (db) => startOnDatabase(db, (undo) => startRunningServices(options, log, loaded, db, health, undo)),
    waiting: waitingViews(config, issues),
    onClose: () => {
      disk.stop();
      stopLogWatch();
    },
  });
  // Files other accounts could read (a data directory from before, a file IT copied in) made private in the background;
  // what cannot be fixed is shown on the clerk screen with the storage notices (electron/services/permissions).
  const permissions = checkDataDirPermissions({ dataDir: options.dataDir, log, stop: () => closing }).then((warning) => health.setPermissions(warning));
  return {
    ...services,
    async close() {
      closing = true;
      await permissions;
      await services.close();
    },
  };
}

/** What a start that failed halfway must stop again (in reverse order), the database last. */
type Undo = Array<() => unknown>;

async function startOnDatabase(db: Db, start: (undo: Undo) => Promise<CounterServices>): Promise<CounterServices> {
  const undo: Undo = [];
  try {
    return await start(undo);
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch {
        // Best effort: the start already failed, its error is the one to report.
      }
    }
    closeQuietly(db);
    throw error;
  }
}

/** The full services on a database that is open and writable. */
async function startRunningServices(
  options: StartOptions,
  log: (line: string) => void,
  { config, issues }: LoadedConfig,
  db: Db,
  health: StorageHealth,
  undo: Undo,
): Promise<CounterServices> {
  // Personal data at rest first, before anything reads or writes a case: the key from outside the data directory
  // (a missing or foreign one while sealed data exists stops the start here; the storage gate shows why and retries),
  // then any plain personal data a version before encryption left, sealed once (electron/services/privacy).
  const cipher = await openFieldCipher(db, options.keyStore ?? new FileKeyStore(options.keyDir ?? defaultKeyDir()), log);
  const legacySealed = sealLegacyRows(db, cipher);
  if (legacySealed > 0) {
    appendAudit(db, new Date().toISOString(), 'privacy-legacy-sealed', null, `cases=${legacySealed}`);
    log(strings.privacy.key.log.legacySealed(legacySealed));
  }
  // A listener's failure is isolated by the bus and logged in Chinese, the system's words kept for IT.
  const bus = new EventBus((error) => {
    const explained = explainError(error);
    log(strings.backgroundWork.log.failed('事件处理', explained.message, explained.original));
  });
  const phrases = new PhraseService(options.dataDir, config.counter, log);
  // The sample only on a counter that never had the centre's own; problems by item and field, on the screen too (getSnapshot).
  const catalogue = loadCatalogue(options.dataDir);
  if (catalogue.source === 'sample') log(`事项目录：${strings.dataFiles.catalogue.sampleTitle}`);
  for (const issue of catalogue.issues) log(`事项目录：${formatIssue(issue)}`);
  for (const detail of catalogue.logDetails) log(`事项目录（原始错误）：${detail}`);
  const calendar = loadCalendarOverrides(options.dataDir);
  for (const issue of calendar.issues) log(issue);
  const cases = new CaseService({
    db,
    windowNumber: config.counter.windowNumber,
    items: () => catalogue.items,
    supplyDays: config.slips.supplyDays,
    calendarOverrides: calendar.overrides,
    cipher,
  });

  const pdfRenderer = options.pdfRenderer ?? new ChromiumPdfRenderer(findChromium());
  undo.push(() => pdfRenderer.close());
  // The printer is a device like the others: simulated (slips "print" to a folder) unless IT names a system printer.
  const printerSettings = config.devices.printer;
  const simulatedPrinter = new SimulatedPrinter(join(options.dataDir, 'simulated-printer'));
  // lp's answers are kept in the data directory, so a restart after a crash can ask CUPS instead of printing twice.
  const cupsPrinter = new CupsPrinter(join(options.dataDir, 'print-spool'));
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
          log,
          onChange: (job, message) => {
            bus.publish('device.notice', { kind: 'printer', level: job.status === 'done' ? 'info' : 'warning', message });
            publishCase();
          },
        });
  const signatureStore = new SignatureStore({ db, cipher });
  const slips: SlipService = new SlipService({
    db,
    cases,
    renderer: pdfRenderer,
    archive: new SlipArchive(join(options.dataDir, 'archive')),
    queue,
    printerName: printerSettings.mode === 'hardware' ? (printerSettings.port ?? '') : '',
    config,
    // The officer on the slip is the clerk signed in with their PIN (a closure: the service day starts below).
    clerk: () => serviceDay.signedInClerk(),
    log,
    // A lock taken while the slip renders delays its record rather than voiding its number.
    waitForWritable: () => waitUntilWritable(db),
    // Signed slips (issue 10): the evidence, sealed like the case data (one store: the signing step writes, the slip binds).
    signatures: signatureStore,
  });
  queue?.start(options.intervals?.printQueueMs);
  undo.push(() => queue?.stop());

  const history = new CaseHistory(db);
  // 高拍仪: the open case's captured pages and material PDFs, beside its slips (electron/services/captures); what a crash
  // left half done is repaired first (in the service's queue, before any change the clerk makes).
  const archiveRoot = join(options.dataDir, 'archive');
  const captures = new CaptureService({ db, archiveRoot, openCase: () => cases.current(), log });
  void recoverCaptures(captures, db, archiveRoot, log).catch((error: unknown) => log(strings.camera.captures.log.checkFailed(explainError(error).original)));
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
    ...(options.clock ? { now: options.clock } : {}),
    ...(options.intervals?.evaluationSweepMs ? { sweepIntervalMs: options.intervals.evaluationSweepMs } : {}),
  });
  // A press that met another program's lock is stored in the background, unacknowledged until then (keypad-ratings.ts).
  const keypadRatings = new KeypadRatings({
    store: (event) => evaluation.keyPressed(event),
    log,
    notify: (message) => bus.publish('device.notice', { kind: 'evaluator', level: 'error', message }),
  });

  // 签名: the signing session of the open decided case (electron/services/signing), its evidence in the signature store.
  const officer = () => serviceDay.signedInClerk() ?? { name: config.counter.clerkName, staffNumber: config.counter.clerkStaffNumber };
  const signing = new SigningService({
    cases,
    // What the applicant signs is the slip exactly as the slip service would draw it (one definition: slips.signableFor).
    slipOf: (state) => slips.signableFor(state, officer()),
    required: (kind) => signatureRequired(kind, config.slips),
    screenPad: config.devices.signature.screenPad,
    evidence: signatureStore,
    padDriver: () => devices.driver('signature'),
    padState: () => devices.list().find((d) => d.kind === 'signature')?.state,
    clerkStaffNumber: () => officer().staffNumber,
    publishView: (view) => bus.publish('signature.changed', view),
    publishInk: (ink) => bus.publish('signature.ink', ink),
    log,
    ...(options.clock ? { now: options.clock } : {}),
  });

  // 设备与诊断 (electron/services/it-desk): built once the devices run; a device test may take an event first.
  const itDeskRef: { current?: ItDeskService } = {};
  const recordDeviceEvent = db.prepare('INSERT INTO device_events (at, kind, state, reason) VALUES (?, ?, ?, ?)');
  // One INSERT, safe to run again: under another program's lock it is retried off the driver's call, which must not stall or throw.
  const recordStatus = (changed: { since: string; kind: string; state: string; reason: string }): void => {
    const insert = () => recordDeviceEvent.run(changed.since, changed.kind, changed.state, changed.reason);
    const lost = (error: unknown) => log(`设备状态记录失败：${explainError(error).original}`);
    try {
      insert();
    } catch (error) {
      if (isDatabaseBusy(error)) void retryWhenBusy(insert).catch(lost);
      else lost(error);
    }
  };
  const devices = new DeviceManager({
    settings: config.devices,
    registry: {
      ...driverRegistry,
      evaluator: evaluatorRegistryEntry(config.evaluation.device, log),
      // A Wacom STU pad shows what is being signed: the prompt drawn by the slips' own headless Chromium (JavaScript off).
      signature: signatureRegistryEntry({
        log,
        renderStuPrompt: pdfRenderer.rasterize ? browserPromptRenderer((html, width, height) => pdfRenderer.rasterize!(html, width, height)) : undefined,
      }),
      printer: { simulated: () => simulatedPrinter, hardware: (s) => systemPrinter ?? new CupsPrinterDriver(cupsPrinter, s.port ?? '') },
      ...options.drivers,
    },
    // Called from a driver (a timer, a port's data): nothing may be thrown back into it. Each step copes with a lock itself.
    onStatusChange: (all, changed) => {
      recordStatus(changed);
      // A printer that comes back prints what waits at once, not after its back-off (a lock only delays the wake-up).
      if (changed.kind === 'printer') queue?.printerStatusChanged(changed.state);
      bus.publish('devices.changed', all);
    },
    onNotice: (kind, level, message) => bus.publish('device.notice', { kind, level, message }),
    // Audit rows of a device's event (a rating, a card read) and of what it starts name the device.
    onDeviceEvent: (kind, event) => runAsActor(`device:${kind}`, () => {
      // A card read or key press for IT's device test opens no case and rates nothing.
      if (itDeskRef.current?.intercept(kind, event)) return;
      // Pen reports become live ink at once (no database on this path: report → ink on the clerk screen is measured).
      if (event.type === 'pen') return signing.penReport(event.samples);
      if (event.type === 'rating') {
        // Throws while not stored: the driver does not acknowledge, the keypad sends the press again; a lock is waited out.
        keypadRatings.pressed(event);
        return;
      }
      if (event.type !== 'card') return;
      const warnings = cardWarnings(event.card, localIsoDate(new Date()).replaceAll('-', '')).map((w) => w.message);
      // Safe to run again after SQLITE_BUSY: CaseService.cardRead re-reads the open case each time and writes each step
      // (open a case, identify the applicant or agent) in its own transaction, so a run stopped by a lock continues where the
      // last commit left it; the agent flag is cleared only after its write. Retried off the reader's callback: the reader,
      // the sockets and the citizen screen go on while the lock is held.
      const store = () => cases.cardRead(event.card, event.source, { photoWlt: event.photoWlt, photoBmp: event.photoBmp, warnings });
      const stored = (outcome: ReturnType<typeof store>) => {
        if (!outcome.ok) bus.publish('device.notice', { kind, level: 'warning', message: outcome.message });
        for (const message of outcome.ok ? warnings : []) bus.publish('device.notice', { kind, level: 'warning', message });
        publishCase();
      };
      const failed = (error: unknown) => {
        // The clerk reads Chinese; a system error's own wording goes to the log (our own Chinese errors may quote the card: not logged).
        const explained = explainError(error);
        if (explained.message !== explained.original) log(`读卡建档失败：${explained.original}`);
        bus.publish('device.notice', { kind, level: 'error', message: isDatabaseBusy(error) ? strings.storageHealth.cardNotStored(explained.message) : strings.api.failed(explained.message) });
      };
      try {
        stored(store());
      } catch (error) {
        if (!isDatabaseBusy(error)) return failed(error);
        log(strings.storageHealth.log.busyRetry('读卡建档'));
        // `stored` tells the screens; should that fail, the card is stored all the same: logged, never an unhandled rejection.
        void retryWhenBusy(store)
          .then(stored, failed)
          .catch((error: unknown) => log(strings.backgroundWork.log.failed(strings.backgroundWork.jobs.cardRead, explainError(error).message, explainError(error).original)));
      }
    }),
  });
  undo.push(() => devices.stop());
  await devices.start();
  undo.push(() => evaluation.stop());
  evaluation.start();
  undo.push(() => uploader.stop());
  uploader.start();

  // 回电登记 during a long system fault; counted in the day summary.
  const callbacks = new CallbackService({ db, currentCaseId: () => cases.current()?.id ?? null, onChange: () => serviceDay.changed() });
  const specialPrompts = new SpecialPromptService({ db, config: config.prompts });
  let citizenDayShown = '';
  const serviceDay = new ServiceDayService({
    db,
    dataDir: options.dataDir,
    config,
    devices: () => devices.list(),
    log,
    ...(options.clock ? { now: options.clock } : {}),
    ...(options.intervals?.serviceDayCheckMs ? { staleCheckMs: options.intervals.serviceDayCheckMs } : {}),
    onChange: (view) => {
      bus.publish('serviceDay.changed', view);
      // The citizen screen's part of it, only when that moved (serviceDay.changed also fires on every device and case change).
      const citizenDay = citizenDayOf(view);
      const shown = JSON.stringify(citizenDay);
      if (shown === citizenDayShown) return;
      citizenDayShown = shown;
      bus.publish('citizen.serviceDay', citizenDay);
    },
    callbacks: (from, until) => callbacks.countBetween(from, until),
  });
  undo.push(() => serviceDay.stop());
  serviceDay.start();
  // The WAL emptied when the counter is idle (and at close), so it never sits at its high-water mark for weeks.
  const wal = startWalMaintenance({ db, log, intervalMs: options.walCheckpointMs });
  undo.push(() => wal.stop());
  // Personal data past its retention (config.json retention): purged now and daily, audited with counts.
  const retention = startRetention({
    db,
    dataDir: options.dataDir,
    cipher,
    policy: () => config.retention,
    log,
    intervalMs: options.intervals?.retentionMs,
    ...(options.clock ? { now: options.clock } : {}),
  });
  undo.push(() => retention.stop());
  void retention.runNow();
  // The self-check follows the devices; the running day summary follows the cases.
  bus.on('devices.changed', () => serviceDay.changed());
  bus.on('case.changed', () => serviceDay.changed());
  // The 签名 step follows the case (a changed slip asks for a new signature) and the pad (已断开: offer the screen).
  bus.on('case.changed', () => signing.refresh());
  bus.on('devices.changed', () => signing.refresh());
  signing.refresh();
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

  // Staff PINs (lead unlock, clerk sign-in): one check, its lock-outs kept in the database across restarts (migration 12).
  const auditQuietly = (kind: string, detail: string) => {
    try {
      appendAudit(db, new Date().toISOString(), kind, null, detail);
    } catch (error) {
      log(`审计记录失败（${kind} ${detail}）：${explainError(error).original}`);
    }
  };
  const credentials = new CredentialCheck({
    limiter: new AttemptLimiter(new PersistedLockoutStore(db, log)),
    dataDir: options.dataDir,
    audit: auditQuietly,
    log,
  });
  const clerkSignIn = new ClerkSignIn({ serviceDay, credentials, config: () => config.clerk, audit: auditQuietly });
  // 组长: statistics, follow-ups and exports only for a connection a lead unlocked (electron/services/lead).
  const leadGate = new LeadGate({
    config: () => config.lead,
    audit: (kind, staffNo) => appendAudit(db, new Date().toISOString(), kind, null, staffNo),
    credentials,
  });
  // 设备与诊断: device settings, tests and the bundle only for a connection an IT account unlocked; states for the clerk.
  const itGate = new ItGate({
    config: () => config.it,
    audit: (kind, staffNo) => auditQuietly(kind, staffNo),
    credentials,
  });
  const itDeskService = new ItDeskService({
    dataDir: options.dataDir,
    gate: itGate,
    devices,
    config: () => config,
    overviewDeps: options.deviceListing,
    renderPdf: (html) => pdfRenderer.render(html, 'a4'),
    printTestPage: printer
      ? async (file) => {
          const receipt = await printer.print(file, { printer: printerSettings.mode === 'hardware' ? (printerSettings.port ?? '') : '', paper: 'a4', copies: 1, title: strings.itDesk.tests.printer.page });
          return receipt ? receipt.copies.join('、') : printer.name;
        }
      : undefined,
    onSaved: (kind, saved) => {
      // The configuration in force follows what was saved (the snapshot, the next restart of the device).
      (config.devices as Record<DeviceKind, unknown>)[kind] = saved.devices[kind];
      if (kind === 'evaluator') evaluation.pushDisplay();
    },
    afterEvaluatorTest: () => evaluation.pushDisplay(),
    log,
    audit: auditQuietly,
  });
  itDeskRef.current = itDeskService;
  const itMethods = itDeskHandlers({ gate: itGate, desk: itDeskService });
  const exportsDir = join(options.dataDir, 'exports');
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  // Exports are audited strictly: an export whose row cannot be written is refused (no download link).
  const auditExport = (kind: string, detail: string, actor?: string) => appendAudit(db, new Date().toISOString(), kind, null, detail, actor);
  const lead = leadHandlers({ gate: leadGate, evaluation, slips, exportsDir, saveFile: options.saveFile, log, audit: auditExport });
  // The audit log's actor of a request (audit/actor-context.ts): citizen, clerk:<signed in>, lead:<unlocked> for the lead's tools.
  const leadMethods = new Set<string>([...Object.keys(lead.evaluation), ...Object.keys(lead.session), ...Object.keys(lead.slips)]);
  /** The audit log names IT by staff number for what IT's own methods write (device-settings-saved, diagnostic-bundle). */
  const itActor = (caller: Caller, method: string): string | null => {
    if (!IT_GATED_METHODS.has(method)) return null;
    const it = itGate.session(caller).it;
    return it ? `it:${it.staffNo}` : null;
  };
  const actorFacts = {
    signedInClerk: () => serviceDay.signedInClerk()?.staffNumber ?? null,
    unlockedLead: (caller: Caller) => leadGate.session(caller).lead?.staffNo ?? null,
    isLeadMethod: (method: string) => leadMethods.has(method),
  };

  /** 请评价 after the slip: one transaction, retried on a lock; the slip stands even if it fails (the clerk can ask again). */
  const requestRatingAfterSlip = async () => {
    try {
      await retryWhenBusy(() => evaluation.requestCurrent());
    } catch (error) {
      log(`自动请评价失败：${explainError(error).original}`);
    }
  };

  const handle = createDispatcher(
    {
      getSnapshot: () => ({
        shell: options.shell,
        counter: config.counter,
        devices: devices.list(),
        configIssues: issues,
        catalogue: { source: catalogue.source, itemCount: catalogue.items.length, issues: catalogue.issues },
        currentCase: caseView(),
        serviceDay: serviceDay.view(),
        storage: health.status(),
      }),
      simulateCardRead: () => {
        const reader = devices.driver('idcard');
        if (!isCardPresenter(reader)) return { accepted: false, message: strings.devices.simulateCardNotSimulated };
        const presented = reader.presentSampleCard();
        if (!presented.placed) return { accepted: false, message: presented.reason };
        return { accepted: true, message: strings.devices.simulateCardDone };
      },
      // Two writes each: retried step by step, never the whole handler (its first step may have committed). Each step re-reads
      // the stored state and writes in one transaction, so running it again after a lock does what the first run would have:
      // skipCurrent writes only while the rating is still requested, finishCurrent continues from the phase stored.
      clearCase: async () => {
        await retryWhenBusy(() => evaluation.skipCurrent('applicantLeft'));
        const { ok } = await retryWhenBusy(() => cases.finishCurrent());
        if (ok) publishCase();
        return { cleared: ok };
      },
      caseAction: async ({ action }) => {
        // CaseService.act: one transaction (the new state with its audit line), computed from the stored case.
        const outcome = await retryWhenBusy(() => cases.act(action));
        if (outcome.ok && action.type === 'skipEvaluation') await retryWhenBusy(() => evaluation.skipCurrent(action.reason));
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
      // Not run again as a whole: a slip takes a number and archives a PDF before its record. A lock already held is waited
      // out first, off the event loop, so it cannot fail the slip halfway; the slip service's own steps are recoverable.
      issueSlip: async ({ paper }) => {
        await waitUntilWritable(db);
        const outcome = await slips.issue(paper);
        if (outcome.ok && config.evaluation.autoRequest) await requestRatingAfterSlip();
        return publishedIfOk(outcome);
      },
      reprintSlip: async () => {
        await waitUntilWritable(db);
        return publishedIfOk(await slips.reprint());
      },
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
      signIn: (params, caller) => clerkSignIn.signIn(caller, params),
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
      printSlipInBrowser: async ({ slipId }) => {
        await waitUntilWritable(db);
        return publishedIfOk(await slips.printedInBrowser(slipId));
      },
      ...lead.session,
      ...lead.slips,
      getSigning: () => signing.view(),
      startSigning: ({ source }) => signing.start(source),
      simulateSignature: () => signing.simulate(),
      resetSignature: () => signing.reset(),
      confirmSignature: () => signing.confirm(),
      cancelSigning: () => signing.cancel(),
      waiveSignature: ({ reason }) => signing.waive(reason),
      submitScreenInk: (ink) => signing.submitScreenInk(ink),
      getSlipSignature: ({ slipId }) => slips.slipSignature(slipId),
      getCaptures: () => captures.current(),
      getCaseCaptures: ({ caseId }) => captures.ofCase(caseId),
      addCapturePage: (params) => captures.add(params),
      deleteCapturePage: ({ pageId }) => captures.delete(pageId),
      moveCapturePage: ({ pageId, toIndex }) => captures.move(pageId, toIndex),
      getCapturePage: ({ pageId }) => captures.page(pageId),
      getCameraSettings: () => {
        const camera = config.devices.camera;
        return { mode: camera.mode, document: camera.document ?? null, face: camera.face ?? null, jpegQuality: camera.jpegQuality };
      },
      reportCamera: (report, caller) => {
        const driver = devices.driver('camera');
        // Disabled: no driver; the page saying 未配置 agrees with the status bar.
        return { ok: isCameraReportSink(driver) ? driver.pageReport(report, caller.connection) : report.state === 'unconfigured' };
      },
      ...itMethods,
    },
    log,
    {
      rerunOnBusy: RERUN_ON_BUSY,
      writesSoFar: () => totalChanges.get() as number,
      actor: (caller, method) => itActor(caller, method) ?? requestActor(caller, method, actorFacts),
      unlockRefusal: (method, caller) => (IT_GATED_METHODS.has(method) ? itGate.refusal(caller) : null),
    },
  );

  let closed = false;
  return {
    shell: options.shell,
    dataDir: options.dataDir,
    handle,
    slipPdf: (slipId) => slips.pdf(slipId),
    slipHtml: (slipId) => slips.htmlOf(slipId),
    capturePdf: (caseId, materialId) => captures.pdf(caseId, materialId),
    exportFile: (fileName, ticket) => leadExportFile(leadGate, exportsDir, fileName, ticket, auditExport),
    endConnection: (connection) => {
      leadGate.end(connection);
      itGate.end(connection);
      const camera = devices.driver('camera');
      if (isCameraReportSink(camera)) camera.pageGone(connection);
    },
    onEvent: (listener) => bus.onAny(listener as Parameters<EventBus['onAny']>[0]),
    async close() {
      if (closed) return;
      closed = true;
      itDeskService.close();
      serviceDay.stop();
      evaluation.stop();
      await uploader.stop();
      await devices.stop();
      await queue?.stop();
      await pdfRenderer.close();
      wal.stop();
      await retention.stop();
      await captures.idle();
      // A last TRUNCATE checkpoint: the WAL does not outlive the terminal.
      closeDatabase(db);
    },
  };
}
