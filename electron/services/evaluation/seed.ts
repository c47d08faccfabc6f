/**
 * Synthetic ratings straight into the tables (tests and the benchmark):
 * cases, evaluations and follow-ups as the service would have left them,
 * from a seeded generator so that runs are repeatable.
 */
import { addDays } from '../../../shared/domain/calendar';
import { isBadRating, RATINGS, type EvaluationStatus, type FixView, type Rating } from '../../../shared/domain/evaluation';
import { mulberry32 } from '../../../shared/domain/seeded-random';
import type { Db } from '../storage/database';

export interface SeedRow {
  caseId: string;
  day: string;
  clerk: { name: string; staffNumber: string };
  windowNumber: string;
  item: { code: string; name: string };
  status: EvaluationStatus;
  level: Rating | null;
  reasons?: string[];
  followUp?: { replied: boolean; rectified: boolean; view: FixView | null; closed: boolean };
}

/** Inserts rows in one transaction. */
export function insertSeedRows(db: Db, rows: readonly SeedRow[]): void {
  const kase = db.prepare("INSERT INTO cases (id, opened_at, status, phase) VALUES (?, ?, 'closed', 'closed')");
  const evaluation = db.prepare(
    `INSERT INTO evaluations (case_id, status, level, reasons_json, channel, day, item_code, item_name, window_number, clerk_name, clerk_staff_number, requested_at, rated_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const follow = db.prepare(
    `INSERT INTO evaluation_follow_ups (case_id, opened_at, responsible_name, responsible_staff_number, deadline, status, callback_at, rectification, rectified_at, fix_view, closed_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const r of rows) {
      const at = `${r.day}T02:00:00.000Z`;
      kase.run(r.caseId, at);
      const rated = r.level && r.status !== 'requested' && r.status !== 'unrated';
      evaluation.run(
        r.caseId,
        r.status,
        rated ? r.level : null,
        JSON.stringify(r.reasons ?? []),
        rated ? (r.status === 'defaulted' ? 'default' : 'keypad') : '',
        r.day,
        r.item.code,
        r.item.name,
        r.windowNumber,
        r.clerk.name,
        r.clerk.staffNumber,
        at,
        rated ? at : null,
        at,
      );
      if (r.followUp) {
        const f = r.followUp;
        follow.run(r.caseId, at, r.clerk.name, r.clerk.staffNumber, addDays(r.day, 7), f.closed ? 'closed' : 'open', f.replied ? at : null, f.rectified ? '整改' : '', f.rectified ? at : null, f.view, f.closed ? at : null, at);
      }
    }
  })();
}

/**
 * A year of one window's ratings: `perDay` cases on each of `days` days from
 * `start`, three clerks, `items` items, levels weighted like a real counter
 * (mostly 非常满意, ~3 % 差评, ~8 % 未评), every 差评 with a follow-up.
 */
export function yearOfRatings(options: { start?: string; days?: number; perDay?: number; items?: number; seed?: number } = {}): SeedRow[] {
  const { start = '2025-01-01', days = 365, perDay = 100, items = 120, seed = 6 } = options;
  const random = mulberry32(seed);
  const clerks = [
    { name: '李娜', staffNumber: '0123' },
    { name: '王强', staffNumber: '0456' },
    { name: '赵敏', staffNumber: '0789' },
  ];
  const rows: SeedRow[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(start, d);
    for (let n = 0; n < perDay; n++) {
      const x = random();
      const status: EvaluationStatus = x < 0.08 ? 'unrated' : x < 0.1 ? 'defaulted' : 'rated';
      const y = random();
      const level: Rating | null =
        status === 'unrated' ? null : status === 'defaulted' ? 'basicallySatisfied' : y < 0.85 ? 'verySatisfied' : y < 0.94 ? 'satisfied' : y < 0.97 ? 'basicallySatisfied' : RATINGS[3 + Math.floor(random() * 2)]!;
      const bad = status === 'rated' && level !== null && isBadRating(level);
      const itemNo = Math.floor(random() * items);
      rows.push({
        caseId: `08-${day.replaceAll('-', '')}-${String(n + 1).padStart(4, '0')}`,
        day,
        clerk: clerks[Math.floor(random() * clerks.length)]!,
        windowNumber: '08',
        item: { code: `ITEM-${String(itemNo).padStart(4, '0')}`, name: `事项${itemNo}` },
        status,
        level,
        reasons: bad ? ['A01'] : [],
        followUp: bad ? { replied: random() < 0.9, rectified: random() < 0.7, view: random() < 0.6 ? 'satisfied' : null, closed: random() < 0.5 } : undefined,
      });
    }
  }
  return rows;
}
