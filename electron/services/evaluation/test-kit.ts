/** Shared set-up for the evaluation service tests: a real database, the real case service, a recording evaluator. */
import { join } from 'node:path';
import { EvaluationConfigSchema, type ClerkEvaluationView, type EvaluationConfig, type RatingRequestView } from '../../../shared/contract';
import type { EvaluatorClerkCard, EvaluatorDisplay } from '../../devices/driver';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { CaseService } from '../cases/case-service';
import { decideAccept } from '../cases/test-kit';
import { openDatabase, type Db } from '../storage/database';
import { EvaluationService, type EvaluationServiceOptions } from './evaluation-service';
import { tempDir } from '../../../test/support/temp-dir';

export { FOOD } from '../cases/test-kit';
export const CLERK: EvaluatorClerkCard = { window: '08', name: '李娜', staffNumber: '0123' };
const catalogue = loadDefaultCatalogue();

export const tempDbFile = () => join(tempDir('counter-eval-'), 'counter.sqlite');

/** An evaluator that records what it is told, and the rating's stored status at the moment it is told "thanks". */
export class RecordingDisplay implements EvaluatorDisplay {
  readonly calls: Array<{ call: string; args: unknown[] }> = [];
  /** case id → evaluations.status when showThanks arrived. */
  readonly statusAtThanks = new Map<string, string | undefined>();

  constructor(private readonly db: Db) {}

  showClerk(card: EvaluatorClerkCard): void {
    this.calls.push({ call: 'showClerk', args: [card] });
  }
  showWelcome(text: string): void {
    this.calls.push({ call: 'showWelcome', args: [text] });
  }
  requestRating(caseId: string, itemName: string): void {
    this.calls.push({ call: 'requestRating', args: [caseId, itemName] });
  }
  showThanks(caseId: string): void {
    const row = this.db.prepare<[string], { status: string }>('SELECT status FROM evaluations WHERE case_id = ?').get(caseId);
    this.statusAtThanks.set(caseId, row?.status);
    this.calls.push({ call: 'showThanks', args: [caseId] });
  }
  showPaused(reason: string, returnAt: string | null): void {
    this.calls.push({ call: 'showPaused', args: [reason, returnAt] });
  }
  named(call: string) {
    return this.calls.filter((c) => c.call === call);
  }
}

export interface Rig {
  db: Db;
  cases: CaseService;
  evaluation: EvaluationService;
  display: RecordingDisplay;
  config: EvaluationConfig;
  clerkViews: Array<ClerkEvaluationView | null>;
  requestViews: RatingRequestView[];
  queued: number;
  clock: { now: Date };
}

export function rig(config: Record<string, unknown> = {}, options: Partial<EvaluationServiceOptions> & { file?: string; start?: Date } = {}): Rig {
  const clock = { now: options.start ?? new Date(2026, 8, 25, 10, 0) };
  const db = openDatabase(options.file ?? tempDbFile());
  const cases = new CaseService({ db, windowNumber: '08', items: () => catalogue.items, now: () => clock.now });
  const display = new RecordingDisplay(db);
  const parsed = EvaluationConfigSchema.parse(config);
  const r: Rig = { db, cases, display, config: parsed, clerkViews: [], requestViews: [], queued: 0, clock, evaluation: null as unknown as EvaluationService };
  r.evaluation = new EvaluationService({
    db,
    config: parsed,
    cases,
    clerk: () => CLERK,
    display: () => display,
    now: () => clock.now,
    thanksMs: 20,
    onQueued: () => r.queued++,
    onClerkView: (v) => r.clerkViews.push(v),
    onRequestView: (v) => r.requestViews.push(v),
    ...options,
  });
  return r;
}

/** Drives a new case to phase slipPrinted (card, item, every material, accept, slip) and returns its id. */
export function caseAtSlip(cases: CaseService): string {
  decideAccept(cases);
  const issued = cases.slipIssued('示例政务〔2026〕受字第000001号');
  if (!issued.ok) throw new Error(issued.message);
  return cases.current()!.id;
}
