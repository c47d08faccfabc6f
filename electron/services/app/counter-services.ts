import { join } from 'node:path';
import type { CaseView, DeviceKind } from '../../../shared/contract';
import { maskIdNumber } from '../../../shared/domain/id-number';
import { strings } from '../../../shared/i18n';
import { isCardPresenter } from '../../devices/driver';
import { createIdCardDriver } from '../../devices/idcard/factory';
import { SimulatedSamReader } from '../../devices/idcard/simulated-sam-reader';
import { DeviceManager, type DriverRegistry } from '../../devices/manager';
import { createDispatcher } from '../api/dispatcher';
import { CaseStore, type CaseRecord } from '../cases/case-store';
import { loadConfig } from '../config/config-file';
import { createFileLog } from '../log/file-log';
import { EventBus } from '../events/event-bus';
import { PhraseService } from '../phrases/phrase-service';
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
  const cases = new CaseStore(db, config.counter.windowNumber);
  const phrases = new PhraseService(options.dataDir, config.counter, log);
  const { idMaskHead, idMaskTail } = config.privacy;

  const toView = (record: CaseRecord | null): CaseView | null => {
    if (!record) return null;
    const a = record.applicant;
    if (!a) return { id: record.id, openedAt: record.openedAt, applicant: null };
    const { idNumber, ...rest } = a;
    return { id: record.id, openedAt: record.openedAt, applicant: { ...rest, idNumberMasked: maskIdNumber(idNumber, idMaskHead, idMaskTail) } };
  };

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
        bus.publish('case.changed', toView(cases.attachApplicant(event.card, event.source)));
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
        currentCase: toView(cases.current()),
      }),
      simulateCardRead: () => {
        const reader = devices.driver('idcard');
        if (!isCardPresenter(reader)) return { accepted: false, message: strings.devices.simulateCardNotSimulated };
        reader.presentSampleCard();
        return { accepted: true, message: strings.devices.simulateCardDone };
      },
      clearCase: () => {
        const cleared = cases.abandonCurrent();
        if (cleared) bus.publish('case.changed', null);
        return { cleared };
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
    onEvent: (listener) => bus.onAny(listener as Parameters<EventBus['onAny']>[0]),
    async close() {
      if (closed) return;
      closed = true;
      await devices.stop();
      db.close();
    },
  };
}
