import { GENESIS_HASH } from '../audit/audit-chain';
import { sealLegacyAuditRows } from '../audit/audit-log';
import type { Db } from './database';

/**
 * The schema of the terminal's database, as an append-only list. A migration
 * is never edited once released: a change is a new entry. `PRAGMA user_version`
 * records how many have been applied.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction: data SQL alone cannot compute (hashes). */
  after?: (db: Db) => void;
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
  {
    version: 5,
    name: '服务日',
    sql: `
      -- One row per sign-in of a clerk at this window (norms §1), closed at sign-out.
      CREATE TABLE service_days (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        -- Local calendar day of the sign-in, YYYY-MM-DD.
        day TEXT NOT NULL,
        staff_number TEXT NOT NULL,
        clerk_name TEXT NOT NULL,
        -- The clerk's photo for the evaluator, relative to the data directory; null: none.
        photo_file TEXT,
        window_number TEXT NOT NULL,
        signed_in_at TEXT NOT NULL,
        -- 开始服务, after the pre-shift self-check; null while checking.
        opened_at TEXT,
        -- The self-check as it stood when service opened.
        check_json TEXT,
        signed_out_at TEXT,
        -- 1 when the terminal closed a session left open overnight.
        auto_closed INTEGER NOT NULL DEFAULT 0,
        -- The day summary (cases, pauses, exceptions, extended service, lunch duty) drawn at sign-out.
        summary_json TEXT
      );
      -- At most one clerk is signed in at a time.
      CREATE UNIQUE INDEX service_days_one_open ON service_days ((signed_out_at IS NULL)) WHERE signed_out_at IS NULL;
      CREATE INDEX service_days_day ON service_days (day);

      -- Devices that failed the self-check, with the clerk's explanation.
      CREATE TABLE service_day_exceptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        service_day_id INTEGER NOT NULL REFERENCES service_days (id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        device_reason TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL
      );
      CREATE INDEX service_day_exceptions_day ON service_day_exceptions (service_day_id);

      -- 暂停服务, with the A/B post hand-over when there is one.
      CREATE TABLE service_pauses (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        service_day_id INTEGER NOT NULL REFERENCES service_days (id),
        started_at TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('temporaryLeave', 'lunchBreak', 'systemFault', 'training', 'other')),
        reason_text TEXT NOT NULL DEFAULT '',
        expected_return_at TEXT,
        handover_name TEXT,
        handover_window TEXT,
        ended_at TEXT
      );
      CREATE INDEX service_pauses_day ON service_pauses (service_day_id);
    `,
  },
  {
    version: 6,
    name: '好差评：评价、差评整改与上报队列',
    sql: `
      -- One row per case (一次一评): asked, rated, 差评 awaiting reasons, 未评, or the configured default.
      CREATE TABLE evaluations (
        case_id TEXT PRIMARY KEY REFERENCES cases (id),
        status TEXT NOT NULL CHECK (status IN ('requested', 'rated', 'pendingReasons', 'unrated', 'defaulted')),
        -- Internal level enum (verySatisfied … veryDissatisfied); codes are mapped only at export boundaries.
        level TEXT CHECK (level IS NULL OR level IN ('verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied')),
        reasons_json TEXT NOT NULL DEFAULT '[]',
        comment TEXT NOT NULL DEFAULT '',
        -- keypad | screen | default | '' (not rated).
        channel TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        key_code INTEGER,
        -- The applicant's name for a real-name rating; '' anonymous. Leaves the machine only by export or upload.
        rater TEXT NOT NULL DEFAULT '',
        -- Local calendar day of the request, the statistics day.
        day TEXT NOT NULL,
        item_code TEXT NOT NULL DEFAULT '',
        item_name TEXT NOT NULL DEFAULT '',
        window_number TEXT NOT NULL DEFAULT '',
        clerk_name TEXT NOT NULL DEFAULT '',
        clerk_staff_number TEXT NOT NULL DEFAULT '',
        rating_count INTEGER NOT NULL DEFAULT 1,
        requested_at TEXT,
        rated_at TEXT,
        unrated_at TEXT,
        unrated_reason TEXT,
        -- 1 when a keypad 差评 was uploaded without the reasons the citizen never gave.
        reasons_missing INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      );
      -- Covering indexes for the statistics, one per grouping, each starting with its key (stats-query.ts).
      CREATE INDEX evaluations_by_day ON evaluations (day, status, level);
      CREATE INDEX evaluations_by_clerk ON evaluations (clerk_staff_number, status, level, day, clerk_name);
      CREATE INDEX evaluations_by_window ON evaluations (window_number, status, level, day);
      CREATE INDEX evaluations_by_item ON evaluations (item_code, status, level, day, item_name);
      CREATE INDEX evaluations_status ON evaluations (status, updated_at);

      -- Every 差评 is followed up: call back, verification, rectification with a deadline, outcome, the citizen's view.
      CREATE TABLE evaluation_follow_ups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL UNIQUE REFERENCES evaluations (case_id),
        opened_at TEXT NOT NULL,
        responsible_name TEXT NOT NULL,
        responsible_staff_number TEXT NOT NULL,
        deadline TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        callback_at TEXT,
        callback_reached INTEGER,
        callback_note TEXT NOT NULL DEFAULT '',
        verification TEXT CHECK (verification IS NULL OR verification IN ('confirmed', 'partlyConfirmed', 'unfounded')),
        verification_note TEXT NOT NULL DEFAULT '',
        rectification TEXT NOT NULL DEFAULT '',
        rectified_at TEXT,
        outcome TEXT NOT NULL DEFAULT '',
        fix_view TEXT CHECK (fix_view IS NULL OR fix_view IN ('satisfied', 'basicallySatisfied', 'dissatisfied')),
        closed_at TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX evaluation_follow_ups_status ON evaluation_follow_ups (status, deadline);

      -- Ratings waiting for the centre's 好差评 platform; the idempotency key makes a resend harmless.
      CREATE TABLE evaluation_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL REFERENCES evaluations (case_id),
        idempotency_key TEXT NOT NULL UNIQUE,
        payload_json TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        sent_at TEXT
      );
      CREATE INDEX evaluation_outbox_due ON evaluation_outbox (status, next_attempt_at);
    `,
  },
  {
    version: 7,
    name: '系统故障回电登记',
    sql: `
      -- Call-backs taken during a long system fault (Zhumadian 24): who to call, and whether it was done.
      -- Name and phone are personal data: they stay on this machine.
      CREATE TABLE callbacks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT REFERENCES cases (id),
        name TEXT NOT NULL,
        -- Normalised: 11-digit mobile or 0xx-xxxxxxxx landline.
        phone TEXT NOT NULL,
        item_name TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        -- Local calendar day of recording, for the day's list and summary.
        day TEXT NOT NULL,
        done_at TEXT
      );
      CREATE INDEX callbacks_open ON callbacks (done_at, at);
      CREATE INDEX callbacks_day ON callbacks (day);
    `,
  },
  {
    version: 8,
    name: '通知书编号登记（作废编号）',
    sql: `
      -- Every slip number taken from sequences, recorded (committed) before its slip is drawn:
      -- reserved while the attempt runs, then issued (with the slip row) or void with the reason.
      -- A number is never lost silently (electron/services/slips/slip-numbers.ts).
      CREATE TABLE slip_numbers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        nature TEXT NOT NULL,
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        number TEXT NOT NULL,
        -- Null for a number taken before this table existed and found unused.
        case_id TEXT REFERENCES cases (id),
        kind TEXT,
        status TEXT NOT NULL CHECK (status IN ('reserved', 'issued', 'void')),
        -- Why a number is void (Chinese, for the lead).
        reason TEXT NOT NULL DEFAULT '',
        taken_at TEXT NOT NULL,
        -- When it was issued or voided.
        settled_at TEXT,
        -- Where the attempt archives its PDF, relative to archive/.
        pdf_path TEXT,
        -- A void attempt's PDF: null not yet looked at, '' none left, else where it was moved aside.
        aside_path TEXT,
        UNIQUE (nature, year, seq)
      );
      CREATE INDEX slip_numbers_status ON slip_numbers (status, aside_path);
      CREATE INDEX slip_numbers_number ON slip_numbers (number);
      CREATE INDEX slip_numbers_pdf ON slip_numbers (pdf_path);
      CREATE INDEX slips_pdf_path ON slips (pdf_path);
    `,
  },
  {
    version: 9,
    name: '打印任务与打印服务对账、每一份打印记录',
    sql: `
      -- The attempt in progress, committed before the spooler is called, so a restart can ask the
      -- spooler what became of it instead of printing the slip again (electron/services/printing).
      -- spooler: the printer that took it (CUPS, 模拟打印机 …); spooler_ref: the attempt's unique
      -- reference (CUPS job title, simulated file name); spooler_job_id: the spooler's id once known.
      ALTER TABLE print_jobs ADD COLUMN spooler TEXT NOT NULL DEFAULT '';
      ALTER TABLE print_jobs ADD COLUMN spooler_ref TEXT NOT NULL DEFAULT '';
      ALTER TABLE print_jobs ADD COLUMN spooler_job_id TEXT NOT NULL DEFAULT '';

      -- Every physical copy handed to a spooler, once: 'sent' when the spooler took it (source
      -- 'print': it answered; 'recovered': found on start after a crash), 'uncertain' when a crash
      -- hid whether it did and nothing could tell (the slip was then printed again).
      CREATE TABLE print_copies (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id INTEGER NOT NULL REFERENCES print_jobs (id),
        slip_id INTEGER NOT NULL REFERENCES slips (id),
        spooler_ref TEXT NOT NULL,
        copy INTEGER NOT NULL,
        printer TEXT NOT NULL,
        spooler_job_id TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('sent', 'uncertain')),
        source TEXT NOT NULL CHECK (source IN ('print', 'recovered')),
        detail TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        UNIQUE (spooler_ref, copy)
      );
      CREATE INDEX print_copies_slip ON print_copies (slip_id);
      CREATE INDEX print_copies_job ON print_copies (job_id);
    `,
  },
  {
    version: 10,
    name: '个人信息加密与保留期限',
    sql: `
      -- From now on state_json, applicant_json and agent_json hold sealed values (electron/services/privacy:
      -- 'enc1:' AES-256-GCM envelopes; a plain legacy value is sealed at the next start).
      -- When the case's card data (full ID numbers, address, photo, phone) was purged by the retention run;
      -- the case keeps its name, masked number, item, outcome and slips.
      ALTER TABLE cases ADD COLUMN card_purged_at TEXT;
      CREATE INDEX cases_card_retention ON cases (card_purged_at, status, closed_at);
      -- The fingerprint (not the key) of the field key the data is sealed with: a missing or foreign key is
      -- refused while sealed data exists, never replaced by a new one.
      CREATE TABLE privacy_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key_id TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        -- When the plain values an older version left were sealed (once; later starts skip the scan).
        legacy_sealed_at TEXT
      );
      -- A call-back whose name, phone and note were purged (the row stays for the day counts).
      ALTER TABLE callbacks ADD COLUMN purged_at TEXT;
    `,
  },
  {
    version: 11,
    name: '审计日志：只追加、哈希链与操作人',
    sql: `
      -- Who acted (citizen, clerk:<staff no>, lead:<staff no>, device:<kind>, system; legacy for rows
      -- from before this migration) and the hash chain (electron/services/audit): each row's hash is
      -- SHA-256 over the previous row's hash and its own content, so a change anywhere breaks the chain.
      ALTER TABLE audit_log ADD COLUMN actor TEXT;
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;

      -- A new row carries its actor and its hash, and chains to the last row; it never takes an existing
      -- row's id (INSERT OR REPLACE would delete that row without the DELETE trigger firing).
      CREATE TRIGGER audit_log_append_chained BEFORE INSERT ON audit_log
      WHEN NEW.actor IS NULL OR NEW.actor = '' OR NEW.hash IS NULL
        OR EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
        OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '${GENESIS_HASH}')
      BEGIN
        SELECT RAISE(ABORT, '审计日志只能在末尾追加带操作人和哈希链的记录');
      END;

      -- Rows are never changed. The one exception seals a row written before this migration (no hash yet),
      -- once, without touching what it says: sealLegacyAuditRows below, right after this SQL.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      WHEN NOT (
        OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL AND OLD.actor IS NULL AND NEW.actor IS NOT NULL
        AND NEW.id = OLD.id AND NEW.at IS OLD.at AND NEW.kind IS OLD.kind AND NEW.case_id IS OLD.case_id AND NEW.detail IS OLD.detail
      )
      BEGIN
        SELECT RAISE(ABORT, '审计日志不能修改：记录一经写入即不可更改');
      END;

      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, '审计日志不能删除：记录一经写入即永久保留');
      END;
    `,
    after: (db) => {
      sealLegacyAuditRows(db);
    },
  },
  {
    version: 12,
    name: '验证失败计数与锁定（重启后仍有效）',
    sql: `
      -- Wrong PINs and the lock-outs they caused (electron/services/accounts/persisted-lockouts.ts),
      -- kept so that restarting the counter does not clear a lock. key: staff:<lead|clerk>:<staff
      -- number> or global; times in ms since the epoch. No PIN, no name: only the number typed.
      CREATE TABLE credential_lockouts (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        first_failure_at INTEGER NOT NULL,
        locked_until INTEGER NOT NULL
      );
    `,
  },
  {
    version: 13,
    name: '签名记录（证据）',
    sql: `
      -- Each signature of a slip, or the reason there is none (issue 10; electron/services/signatures). The
      -- evidence of 电子签名法 art. 13: the raw pen samples, the pad, the times, the SHA-256 of the slip
      -- content signed (slip_sha256) and a SHA-256 over the whole record (record_sha256), checked at reprint.
      -- id is a random UUID chosen before the insert, so the sealed columns can be bound to their row.
      CREATE TABLE signatures (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        slip_kind TEXT NOT NULL,
        slip_sha256 TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('signed', 'waived')),
        waived_reason TEXT,
        -- PadDescription (device, ranges, resolution); no personal data.
        pad_json TEXT,
        -- Sealed (privacy/field-cipher, context signatures.samples:<id>): JSON of the PenSample series.
        samples TEXT,
        captured_at TEXT,
        signed_at TEXT NOT NULL,
        -- Sealed (context signatures.png:<id>): the rendered signature image as base64 PNG. Personal data.
        png TEXT,
        record_sha256 TEXT NOT NULL,
        verification_code TEXT NOT NULL,
        clerk_staff_number TEXT NOT NULL,
        -- The slip it was printed on: NULL until the slip is issued, then set once in the slip's transaction.
        slip_id INTEGER UNIQUE REFERENCES slips (id)
      );
      CREATE INDEX signatures_case ON signatures (case_id, slip_kind);

      -- Append-only: a new row never takes an existing id (INSERT OR REPLACE would delete it unseen) ...
      CREATE TRIGGER signatures_insert_new BEFORE INSERT ON signatures
      WHEN EXISTS (SELECT 1 FROM signatures WHERE id = NEW.id)
      BEGIN
        SELECT RAISE(ABORT, '签名记录只能新增，不能覆盖');
      END;
      -- ... the one change is binding it to its slip, once ...
      CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
      WHEN NOT (
        OLD.slip_id IS NULL AND NEW.slip_id IS NOT NULL
        AND NEW.id IS OLD.id AND NEW.case_id IS OLD.case_id AND NEW.slip_kind IS OLD.slip_kind AND NEW.slip_sha256 IS OLD.slip_sha256
        AND NEW.kind IS OLD.kind AND NEW.waived_reason IS OLD.waived_reason AND NEW.pad_json IS OLD.pad_json
        AND NEW.samples IS OLD.samples AND NEW.captured_at IS OLD.captured_at AND NEW.signed_at IS OLD.signed_at
        AND NEW.png IS OLD.png AND NEW.record_sha256 IS OLD.record_sha256 AND NEW.verification_code IS OLD.verification_code
        AND NEW.clerk_staff_number IS OLD.clerk_staff_number
      )
      BEGIN
        SELECT RAISE(ABORT, '签名记录不能修改：只能在出具通知书时关联一次');
      END;
      -- ... and rows are never deleted. (A later retention of the raw samples, after the slip PDFs' retention,
      -- needs a migration that allows exactly that change, and a record format whose hash survives it.)
      CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
      BEGIN
        SELECT RAISE(ABORT, '签名记录不能删除');
      END;
    `,
  },
  {
    version: 14,
    name: '高拍仪拍摄的材料页与材料 PDF',
    sql: `
      -- Each straightened page of a material of a case (issue 11; electron/services/captures). The JPEG is a
      -- file under the case's archive folder (file: relative to <dataDir>/archive), written and synced before
      -- its row commits, so a row never names a file that is not there; a file no row names is removed at start.
      -- Material name and catalogue order are kept here: the case's state may be redacted before the pages go.
      -- purged_at: the retention removed the file (captureDays); the row stays, so 办件记录 still says what was
      -- captured and when. Personal data (photos of ID cards): never logged, never uploaded.
      CREATE TABLE capture_pages (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        material_id TEXT NOT NULL,
        material_name TEXT NOT NULL,
        material_order INTEGER NOT NULL,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('page', 'idCard')),
        mode TEXT NOT NULL CHECK (mode IN ('colour', 'grey', 'bw')),
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        -- The page's true size when the page knew its format (a receipt, an A5 …): placed on A4 at that size.
        width_mm REAL,
        height_mm REAL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        file TEXT NOT NULL,
        captured_at TEXT NOT NULL,
        purged_at TEXT
      );
      CREATE INDEX capture_pages_material ON capture_pages (case_id, material_id, position);

      -- The PDF of each material as it stands: rebuilt (written atomically) after every change of its pages.
      -- pages_key is a hash of the ordered page hashes it was built from: a PDF whose key differs from the
      -- pages' (a crash between the pages' commit and the rebuild) is rebuilt at start.
      CREATE TABLE capture_pdfs (
        case_id TEXT NOT NULL REFERENCES cases (id),
        material_id TEXT NOT NULL,
        file TEXT NOT NULL,
        pages INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        pages_key TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (case_id, material_id)
      );
    `,
  },
];
