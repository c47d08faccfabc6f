/**
 * The contract methods of the lead's tools, each behind the lead gate:
 * statistics, 差评 follow-ups, exports (with a download ticket for the web
 * shell, a save dialog in Electron), the void slip numbers, and the unlock
 * itself.
 */
import type { ExportResult } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import type { Handlers } from '../api/dispatcher';
import { explainError } from '../errors/system-error';
import type { CounterServices, StartOptions } from '../app/types';
import type { EvaluationService } from '../evaluation/evaluation-service';
import type { SlipService } from '../slips/slip-service';
import { exportFilePath, isExportFileName } from './export-files';
import type { LeadGate } from './lead-gate';

const g = strings.lead.gate;

export interface LeadHandlerOptions {
  gate: LeadGate;
  evaluation: EvaluationService;
  /** The slip numbers' register: the lead sees the void ones. */
  slips: Pick<SlipService, 'voidNumbers'>;
  exportsDir: string;
  saveFile: StartOptions['saveFile'];
  log: (line: string) => void;
  /** Writes an audit row (the actor is the request's: the lead). A failure is thrown: an export is never unrecorded. */
  audit?: (kind: string, detail: string, actor?: string) => void;
}

export function leadHandlers(options: LeadHandlerOptions) {
  const { gate, evaluation, exportsDir } = options;
  const evaluationMethods: Pick<Handlers, 'getEvaluationStats' | 'listFollowUps' | 'updateFollowUp' | 'exportRatings'> = {
    getEvaluationStats: ({ dimension, from, to }, caller) => {
      gate.require(caller);
      return evaluation.stats(dimension, from, to);
    },
    listFollowUps: ({ status }, caller) => {
      gate.require(caller);
      return evaluation.listFollowUps(status ?? 'open');
    },
    updateFollowUp: (params, caller) => {
      gate.require(caller);
      return evaluation.followUps.update(params);
    },
    exportRatings: async (params, caller): Promise<ExportResult> => {
      const lead = gate.require(caller);
      const result = await evaluation.export(params, exportsDir);
      if (!result.ok) return result;
      // The file names no one; the log line names the lead and the file (an export holds raters' names).
      options.log(`组长 ${lead.staffNo} 导出好差评：${result.fileName}`);
      options.audit?.('ratings-exported', result.fileName);
      const ticket = gate.issueTicket(caller, result.fileName);
      return { ...result, download: `/exports/${encodeURIComponent(result.fileName)}?ticket=${ticket}` };
    },
  };
  const sessionMethods: Pick<Handlers, 'getLeadSession' | 'unlockLead' | 'lockLead' | 'saveExport'> = {
    getLeadSession: (_params, caller) => gate.session(caller),
    unlockLead: ({ staffNo, pin }, caller) => gate.unlock(caller, staffNo, pin),
    lockLead: (_params, caller) => gate.lock(caller),
    saveExport: async ({ fileName }, caller) => {
      gate.require(caller);
      if (!isExportFileName(fileName)) return { ok: false, message: g.badFileName, path: null };
      const source = exportFilePath(exportsDir, fileName);
      if (!source) return { ok: false, message: g.fileMissing, path: null };
      if (!options.saveFile) return { ok: false, message: g.notInThisShell, path: null };
      try {
        const saved = await options.saveFile(source, fileName);
        // The file name only: where it went is the lead's own folder.
        if (saved.saved && saved.path) options.audit?.('export-saved', fileName);
        return saved.saved && saved.path ? { ok: true, message: g.saved(saved.path), path: saved.path } : { ok: false, message: g.saveCancelled, path: null };
      } catch (error) {
        const { message, original } = explainError(error);
        options.log(`导出另存失败：${original}`);
        return { ok: false, message: g.saveFailed(message), path: null };
      }
    },
  };
  const slipMethods: Pick<Handlers, 'listVoidSlipNumbers'> = {
    listVoidSlipNumbers: (_params, caller) => {
      gate.require(caller);
      return options.slips.voidNumbers();
    },
  };
  return { evaluation: evaluationMethods, session: sessionMethods, slips: slipMethods };
}

/** CounterServices.exportFile: the web shell's download route asks here. */
export const leadExportFile = (
  gate: LeadGate,
  exportsDir: string,
  fileName: string,
  ticket: string,
  audit?: LeadHandlerOptions['audit'],
): ReturnType<CounterServices['exportFile']> => {
  if (!isExportFileName(fileName)) return { ok: false, reason: 'bad-name' };
  if (!gate.redeem(ticket, fileName)) return { ok: false, reason: 'bad-ticket' };
  const path = exportFilePath(exportsDir, fileName);
  if (!path) return { ok: false, reason: 'missing' };
  // The download route is no request of the dispatcher's: the ticket names the lead.
  const lead = gate.ticketHolder(ticket);
  audit?.('export-downloaded', fileName, lead ? `lead:${lead}` : 'lead');
  return { ok: true, path };
};
