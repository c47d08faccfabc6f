/**
 * The contract methods of 设备与诊断 (shared/contract/it-desk.ts). The gated
 * ones are refused by the dispatcher for a connection without the IT unlock
 * (unlockRefusal); each still asks the gate for the account, which names IT
 * in the log and the audit rows.
 */
import type { Handlers } from '../api/dispatcher';
import type { ItDeskService } from './it-desk-service';
import type { ItGate } from './it-gate';

type ItMethods = 'getItSession' | 'unlockIt' | 'lockIt' | 'getDeviceDesk' | 'saveDeviceSettings' | 'testDevice' | 'getDeviceTest' | 'writeDiagnosticBundle';

export function itDeskHandlers({ gate, desk }: { gate: ItGate; desk: ItDeskService }): Pick<Handlers, ItMethods> {
  return {
    getItSession: (_params, caller) => gate.session(caller),
    unlockIt: ({ staffNo, pin }, caller) => gate.unlock(caller, staffNo, pin),
    lockIt: (_params, caller) => gate.lock(caller),
    getDeviceDesk: (_params, caller) => desk.desk(caller),
    saveDeviceSettings: ({ kind, values }, caller) => desk.save(kind, values, gate.require(caller).staffNo),
    testDevice: ({ kind }, caller) => {
      gate.require(caller);
      return desk.startTest(kind);
    },
    getDeviceTest: ({ kind }, caller) => {
      gate.require(caller);
      return desk.testView(kind);
    },
    writeDiagnosticBundle: (_params, caller) => desk.bundle(gate.require(caller).staffNo),
  };
}
