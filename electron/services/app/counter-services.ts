import { join } from 'node:path';
import type { CaseView, DeviceKind } from '../../../shared/contract';
import { searchItems } from '../../../shared/domain/catalogue/search';
import { strings } from '../../../shared/i18n';
import { isCardPresenter } from '../../devices/driver';
import { createIdCardDriver } from '../../devices/idcard/factory';
import { SimulatedSamReader } from '../../devices/idcard/simulated-sam-reader';
import { DeviceManager, type DriverRegistry } from '../../devices/manager';
import { createDispatcher } from '../api/dispatcher';
import { loadCatalogue } from '../catalogue/catalogue-store';
import { CaseService } from '../cases/case-service';
import { toCaseView } from '../cases/case-view';
import { loadConfig } from '../config/config-file';
import { createFileLog } from '../log/file-log';
import { EventBus } from '../events/event-bus';
import { PhraseService } from '../phrases/phrase-service';
import { findChromium } from '../platform/chromium';
import { CupsPrinter } from '../printing/cups-printer';
import { PrintQueue } from '../printing/print-queue';
import { ChromiumPdfRenderer } from '../slips/chromium-pdf-renderer';
import { SlipArchive } from '../slips/slip-archive';
import { SlipService } from '../slips/slip-service';
import { DATABASE_FILE, openDatabase } from '../storage/database';
import type { CounterServices, StartOptions } from './types';

/** The drivers this version ships. Device issues add entries here. */
export const driverRegistry: DriverRegistry = {
  // Simulated: the SAM simulator on a pty pair with the real driver on the other end (模拟刷证 places the sample card).
  idcard: { simulated: (s) => new SimulatedSamReader({ baudRate: s.baudRate }), hardware: (s) => createIdCardDriver(s) },
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
  const cases = new CaseService({ db, windowNumber: config.counter.windowNumber, items: () => catalogue.items, supplyDays: config.slips.supplyDays });

  const pdfRenderer = options.pdfRenderer ?? new ChromiumPdfRenderer(findChromium());
  const printer = options.printer !== undefined ? options.printer : config.slips.printer && process.platform !== 'win32' ? new CupsPrinter() : null;

  const queue: PrintQueue | null = config.slips.printer
    ? new PrintQueue({
        db,
        printer,
        slip: (id) => slips.printable(id),
        onChange: (job, message) => {
          bus.publish('device.notice', { kind: 'printer', level: job.status === 'done' ? 'info' : 'warning', message });
          publishCase();
        },
      })
    : null;
  const slips: SlipService = new SlipService({ db, cases, renderer: pdfRenderer, archive: new SlipArchive(join(options.dataDir, 'archive')), queue, config });
  queue?.start();

  const mask = { head: config.privacy.idMaskHead, tail: config.privacy.idMaskTail };
  const caseView = (): CaseView | null => {
    const open = cases.current();
    return open ? toCaseView(open, { expectingAgentCard: cases.expectingAgentCard, slips: slips.slipsOf(open.id) }, mask) : null;
  };
  const publishCase = () => bus.publish('case.changed', caseView());

  const recordDeviceEvent = db.prepare('INSERT INTO device_events (at, kind, state, reason) VALUES (?, ?, ?, ?)');
  const devices = new DeviceManager({
    settings: config.devices,
    registry: driverRegistry,
    onStatusChange: (all, changed) => {
      recordDeviceEvent.run(changed.since, changed.kind, changed.state, changed.reason);
      bus.publish('devices.changed', all);
    },
    onNotice: (kind, level, message) => bus.publish('device.notice', { kind, level, message }),
    onDeviceEvent: (kind, event) => {
      if (event.type !== 'card') return;
      try {
        const outcome = cases.cardRead(event.card, event.source);
        if (!outcome.ok) bus.publish('device.notice', { kind, level: 'warning', message: outcome.message });
        publishCase();
      } catch (error) {
        bus.publish('device.notice', { kind, level: 'error', message: strings.api.failed((error as Error).message) });
      }
    },
  });
  await devices.start();

  const handle = createDispatcher(
    {
      getSnapshot: () => ({
        shell: options.shell,
        counter: config.counter,
        devices: devices.list(),
        configIssues: issues,
        currentCase: caseView(),
      }),
      simulateCardRead: () => {
        const reader = devices.driver('idcard');
        if (!isCardPresenter(reader)) return { accepted: false, message: strings.devices.simulateCardNotSimulated };
        reader.presentSampleCard();
        return { accepted: true, message: strings.devices.simulateCardDone };
      },
      clearCase: () => {
        const { ok } = cases.finishCurrent();
        if (ok) publishCase();
        return { cleared: ok };
      },
      caseAction: ({ action }) => {
        const outcome = cases.act(action);
        if (outcome.ok) publishCase();
        return outcome;
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
        if (outcome.ok) publishCase();
        return outcome;
      },
      reprintSlip: async () => {
        const outcome = await slips.reprint();
        if (outcome.ok) publishCase();
        return outcome;
      },
      retryPrint: ({ slipId }) => {
        const job = queue?.pending().find((j) => j.slipId === slipId && j.status === 'failed');
        const ok = job ? queue!.retry(job.id) : false;
        if (ok) void queue!.drain();
        return { ok };
      },
      restartDevice: async ({ kind }: { kind: DeviceKind }) => {
        await devices.restart(kind);
        return { ok: devices.list().find((s) => s.kind === kind)?.state !== 'fault' };
      },
      getPhrases: ({ stage, cues }) => phrases.prompts(stage, cues),
    },
    log,
  );

  let closed = false;
  return {
    shell: options.shell,
    dataDir: options.dataDir,
    handle,
    slipPdf: (slipId) => slips.pdf(slipId),
    onEvent: (listener) => bus.onAny(listener as Parameters<EventBus['onAny']>[0]),
    async close() {
      if (closed) return;
      closed = true;
      await devices.stop();
      await queue?.stop();
      await pdfRenderer.close();
      db.close();
    },
  };
}
