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
  {
    version: 3,
    name: '通知书、打印队列与编号',
    sql: `
      CREATE TABLE slips (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL REFERENCES cases (id),
        kind TEXT NOT NULL,
        number TEXT NOT NULL UNIQUE,
        issued_at TEXT NOT NULL,
        -- The SlipData the PDF was drawn from (masked ID numbers only).
        data_json TEXT NOT NULL,
        paper TEXT NOT NULL,
        pdf_path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        -- 1 for the first print; a reprint is a new row with the next copy number.
        copy INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX slips_case ON slips (case_id);

      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        slip_id INTEGER NOT NULL REFERENCES slips (id),
        printer TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'printing', 'done', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        next_attempt_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX print_jobs_status ON print_jobs (status, next_attempt_at);

      -- Yearly sequences behind slip numbers, one per nature (受, 补, 容, 不受).
      CREATE TABLE sequences (
        name TEXT NOT NULL,
        year INTEGER NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (name, year)
      );
    `,
  },
  {
    version: 4,
    name: '办件流程状态',
    sql: `
      -- The case's workflow state (shared/domain/case) as JSON, written after every transition.
      ALTER TABLE cases ADD COLUMN state_json TEXT;
      ALTER TABLE cases ADD COLUMN phase TEXT;
      -- Searchable copies for the case history: masked number only.
      ALTER TABLE cases ADD COLUMN applicant_name TEXT;
      ALTER TABLE cases ADD COLUMN applicant_id_masked TEXT;
      ALTER TABLE cases ADD COLUMN item_code TEXT;
      ALTER TABLE cases ADD COLUMN item_name TEXT;
      -- accept | tolerate | notify | reject once decided.
      ALTER TABLE cases ADD COLUMN outcome TEXT;
      ALTER TABLE cases ADD COLUMN agent_json TEXT;
      CREATE INDEX cases_opened ON cases (opened_at);
      CREATE INDEX cases_outcome ON cases (outcome);
    `,
  },
];
