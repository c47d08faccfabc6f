/**
 * The schema of the terminal's database, as an append-only list. A migration
 * is never edited once released: a change is a new entry. `PRAGMA user_version`
 * records how many have been applied.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: '办件与审计日志',
    sql: `
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        -- open | closed | abandoned; later issues add the outcomes.
        status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'abandoned')),
        -- Full card data incl. the ID number: stays on this machine.
        applicant_json TEXT
      );
      CREATE INDEX cases_status ON cases (status);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        case_id TEXT REFERENCES cases (id),
        -- Never personal data: masked values only.
        detail TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX audit_log_case ON audit_log (case_id);
    `,
  },
  {
    version: 2,
    name: '设备状态记录',
    sql: `
      CREATE TABLE device_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
      );
    `,
  },
];
