/**
 * The SQLite store's schema: its migrations, applied in order on open, and the check a read-only
 * open makes instead. `PRAGMA user_version` holds how many migrations a file has had.
 */
import { StoreError } from '../../errors.js';
import { backfillCases } from './sqlite-cases.js';
import type { SqliteConnection } from './sqlite-driver.js';

/** One step from version i to i + 1: SQL, or work that needs the store's own rules (run in the same transaction). */
type Migration = string | ((db: SqliteConnection) => void);

// Each entry moves the database from version i to i + 1; never edit a released entry, append.
export const MIGRATIONS: readonly Migration[] = [
  // Rows live in arrival order (rowid) so bodies are appended, not spliced into a tree keyed by
  // random UUIDs; the id is a small unique index.
  `CREATE TABLE responses (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     survey_id TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     sentiment TEXT,
     digest TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX responses_by_time ON responses (received_at, id);
   CREATE INDEX responses_by_survey ON responses (survey_id, received_at, id);
   CREATE TABLE pending_alerts (
     id TEXT PRIMARY KEY,
     alert TEXT NOT NULL,
     response_id TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_at INTEGER,
     last_error TEXT
   );
   CREATE INDEX pending_alerts_due ON pending_alerts (next_at);`,
  // Cases: every response gets one, existing ones included (status new, a received entry, no SLA
  // dates). See sqlite-cases.ts for what each column holds. A case shares its response's `seq`
  // and has no index on its random UUID: a new row is appended to each tree instead of dirtying a
  // random page of it (only `responses` keeps an index on the id). Timelines are keyed by the id:
  // a `seq` can come back after the newest response is erased (SQLite reuses the largest rowid),
  // and the timeline of an erased response stays.
  (db) => {
    db.exec(`
      CREATE TABLE cases (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        survey_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        sentiment TEXT,
        status TEXT NOT NULL,
        assignee TEXT,
        tags TEXT NOT NULL,
        version INTEGER NOT NULL,
        priority INTEGER NOT NULL,
        urgency_due INTEGER NOT NULL,
        first_response_at INTEGER,
        first_response_due_at INTEGER,
        first_response_ms INTEGER,
        resolution_ms INTEGER,
        overdue_marked INTEGER NOT NULL DEFAULT 0,
        search_text TEXT NOT NULL,
        fields TEXT NOT NULL
      );
      CREATE INDEX cases_by_time ON cases (received_at, id);
      CREATE INDEX cases_by_survey ON cases (survey_id, received_at, id);
      CREATE INDEX cases_by_status ON cases (status, received_at, id);
      CREATE INDEX cases_by_assignee ON cases (assignee, received_at, id) WHERE assignee IS NOT NULL;
      -- In the urgent order itself (newest first within a due time), so a page reads it in order.
      CREATE INDEX cases_urgent ON cases (priority, urgency_due, received_at DESC, id DESC);
      -- Negative unanswered open cases with a target: the summary counts those not yet due (both
      -- values of overdue_marked), markOverdue finds the due ones not yet marked. One index for
      -- both, so a negative case costs one write here, not two.
      CREATE INDEX cases_unanswered ON cases (overdue_marked, first_response_due_at, survey_id, received_at)
        WHERE sentiment = 'negative' AND first_response_at IS NULL AND status IN ('new', 'acknowledged', 'resolving') AND first_response_due_at IS NOT NULL;
      CREATE INDEX cases_first_response ON cases (first_response_ms, survey_id, received_at) WHERE first_response_ms IS NOT NULL;
      CREATE INDEX cases_resolution ON cases (resolution_ms, survey_id, received_at) WHERE resolution_ms IS NOT NULL;
      CREATE VIRTUAL TABLE case_search USING fts5 (search_text, content = 'cases', content_rowid = 'seq', tokenize = 'trigram case_sensitive 1', columnsize = 0);
      -- Cases up to this seq are in case_search; later ones are searched by scanning their text.
      CREATE TABLE case_search_state (one INTEGER PRIMARY KEY CHECK (one = 1), indexed_to INTEGER NOT NULL);
      INSERT INTO case_search_state (one, indexed_to) VALUES (1, 0);
      CREATE TABLE case_events (
        case_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE case_requests (
        key TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        digest TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX case_requests_by_case ON case_requests (case_id);
      CREATE TABLE rollups (
        survey_id TEXT NOT NULL,
        day INTEGER NOT NULL,
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (survey_id, day, key)
      ) WITHOUT ROWID;
      CREATE TABLE tombstones (
        id TEXT PRIMARY KEY,
        erased_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        counts TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE users (
        email TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE tokens (
        hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        subject TEXT,
        name TEXT,
        read_only INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        expires_ms INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX tokens_by_subject ON tokens (kind, subject);
      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
      ALTER TABLE pending_alerts ADD COLUMN kind TEXT NOT NULL DEFAULT 'response';
      -- list() pages through the cases' indexes instead: two fewer trees to write per response.
      DROP INDEX responses_by_time;
      DROP INDEX responses_by_survey;
      CREATE VIEW response_list AS
        SELECT c.seq, c.id, c.survey_id, c.received_at, c.sentiment, r.digest, r.body FROM cases c CROSS JOIN responses r ON r.seq = c.seq;
    `);
    backfillCases(db);
  },
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function newerSchema(version: number): StoreError {
  return new StoreError(`database schema version ${version} is newer than this @earful/server understands (${SCHEMA_VERSION}); upgrade @earful/server`);
}

/** Brings the file to {@link SCHEMA_VERSION}, each step in the one write transaction. */
export function migrate(db: SqliteConnection): void {
  const version = db.pragma('user_version') as number;
  if (version > SCHEMA_VERSION) throw newerSchema(version);
  if (version === SCHEMA_VERSION) return;
  db.immediate(() => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const current = db.pragma('user_version') as number;
    if (current > SCHEMA_VERSION) throw newerSchema(current);
    for (let v = current; v < SCHEMA_VERSION; v += 1) {
      const step = MIGRATIONS[v]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${v + 1}`);
    }
  });
}

/**
 * What a read-only open checks instead of migrating: the file is an Earful database of the
 * version this code reads. Only reads, so an empty file or another application's database is
 * refused byte for byte unchanged, and so is an older Earful database: a read-only connection
 * cannot add the tables this version reads, so it says how to upgrade the file.
 */
export function checkEarfulDatabase(db: SqliteConnection, path: string): void {
  const version = db.pragma('user_version') as number;
  if (version > SCHEMA_VERSION) throw newerSchema(version);
  const tables = db.prepare<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('responses', 'pending_alerts')").get()?.n;
  if (version === 0 || tables !== 2) {
    throw new StoreError(`${JSON.stringify(path)} is not an Earful database (it has no Earful tables); point --db at the file that earful serve writes`);
  }
  if (version < SCHEMA_VERSION) {
    throw new StoreError(
      `${JSON.stringify(path)} has Earful schema version ${version}, older than this @earful/server reads (${SCHEMA_VERSION}), and a read-only open cannot upgrade it; ` +
        `run \`earful serve --db ${path}\` once (or open it with sqliteStore() without readOnly) to add cases to it — no row is lost`,
    );
  }
}
