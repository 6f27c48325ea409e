/**
 * The PostgreSQL store's schema, as numbered steps that run once each, in order, under an
 * advisory lock (so two receivers starting together migrate once). Released steps are never
 * edited; a change is a new step at the end.
 */
import type pg from 'pg';
import { StoreError } from '../../errors.js';
import { newCase } from './case-rules.js';
import { caseValues, insertCaseSql } from './postgres-case-row.js';
import { guard, type PgContext } from './postgres-context.js';
import { addRollup } from './postgres-rollup.js';
import { ROLLUP_COLUMNS, caseFacts, responseFacts, sumFacts } from './rollup-facts.js';
import { rowToRecord, type ResponseRow } from './response-row.js';

// Arbitrary constant: the advisory lock that serializes migrations across receiver processes.
const MIGRATION_LOCK = 472_119_305;

type Step = string | ((client: pg.PoolClient, p: string) => Promise<void>);

/** Rows the upgrade to cases reads per step (flat memory on a large table). */
const BACKFILL_PAGE = 1000;

function steps(p: string): readonly Step[] {
  return [
    // 1: responses and the alert outbox (the first release).
    `CREATE TABLE ${p}responses (
       id TEXT PRIMARY KEY,
       survey_id TEXT NOT NULL,
       received_at BIGINT NOT NULL,
       sentiment TEXT,
       digest TEXT NOT NULL,
       body JSONB NOT NULL
     );
     CREATE INDEX ${p}responses_by_time ON ${p}responses (received_at, id);
     CREATE INDEX ${p}responses_by_survey ON ${p}responses (survey_id, received_at, id);
     CREATE TABLE ${p}pending_alerts (
       id TEXT PRIMARY KEY,
       alert TEXT NOT NULL,
       response_id TEXT NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0,
       next_at BIGINT,
       last_error TEXT
     );
     CREATE INDEX ${p}pending_alerts_due ON ${p}pending_alerts (next_at);`,
    // 2: cases, their timeline, idempotency keys, tombstones, rollups for the summary, auth.
    `CREATE TABLE ${p}cases (
       id TEXT PRIMARY KEY,
       survey_id TEXT NOT NULL,
       received_at BIGINT NOT NULL,
       sentiment TEXT,
       status TEXT NOT NULL,
       assignee TEXT,
       tags TEXT[] NOT NULL,
       version INTEGER NOT NULL,
       first_response_at BIGINT,
       first_response_due_at BIGINT,
       resolved_at BIGINT,
       overdue_at BIGINT,
       priority SMALLINT NOT NULL,
       urgency_due BIGINT NOT NULL,
       first_response_ms BIGINT,
       resolution_ms BIGINT,
       email TEXT,
       user_id TEXT,
       search_text TEXT NOT NULL,
       fields JSONB NOT NULL
     );
     CREATE INDEX ${p}cases_newest ON ${p}cases (received_at DESC, id DESC);
     CREATE INDEX ${p}cases_urgent ON ${p}cases (priority, urgency_due, received_at DESC, id DESC);
     CREATE INDEX ${p}cases_by_status ON ${p}cases (status, received_at DESC, id DESC);
     CREATE INDEX ${p}cases_by_survey ON ${p}cases (survey_id, received_at DESC, id DESC);
     CREATE INDEX ${p}cases_by_assignee ON ${p}cases (assignee, received_at DESC, id DESC);
     CREATE INDEX ${p}cases_by_tag ON ${p}cases USING GIN (tags);
     CREATE INDEX ${p}cases_by_email ON ${p}cases (email) WHERE email IS NOT NULL;
     CREATE INDEX ${p}cases_by_user ON ${p}cases (user_id) WHERE user_id IS NOT NULL;
     CREATE INDEX ${p}cases_first_response ON ${p}cases (first_response_ms) WHERE first_response_ms IS NOT NULL;
     CREATE INDEX ${p}cases_resolution ON ${p}cases (resolution_ms) WHERE resolution_ms IS NOT NULL;
     CREATE INDEX ${p}cases_unanswered ON ${p}cases (urgency_due) WHERE priority = 0 AND first_response_at IS NULL;
     CREATE TABLE ${p}timeline (
       case_id TEXT NOT NULL,
       seq INTEGER NOT NULL,
       type TEXT NOT NULL,
       event JSONB NOT NULL,
       PRIMARY KEY (case_id, seq)
     );
     CREATE TABLE ${p}case_requests (
       key TEXT PRIMARY KEY,
       case_id TEXT NOT NULL,
       digest TEXT NOT NULL
     );
     CREATE INDEX ${p}case_requests_by_case ON ${p}case_requests (case_id);
     CREATE TABLE ${p}tombstones (
       id TEXT PRIMARY KEY,
       erased_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       counts JSONB NOT NULL
     );
     CREATE TABLE ${p}rollup (
       survey_id TEXT NOT NULL,
       day INTEGER NOT NULL,
       shard SMALLINT NOT NULL,
       ${ROLLUP_COLUMNS.map((c) => `${c} BIGINT NOT NULL DEFAULT 0`).join(',\n       ')},
       PRIMARY KEY (day, survey_id, shard)
     );
     CREATE TABLE ${p}rollup_reasons (
       survey_id TEXT NOT NULL,
       day INTEGER NOT NULL,
       shard SMALLINT NOT NULL,
       question_id TEXT NOT NULL,
       value TEXT NOT NULL,
       count BIGINT NOT NULL,
       PRIMARY KEY (day, survey_id, shard, question_id, value)
     );
     CREATE TABLE ${p}rollup_due (
       survey_id TEXT NOT NULL,
       day INTEGER NOT NULL,
       shard SMALLINT NOT NULL,
       due_day INTEGER NOT NULL,
       count BIGINT NOT NULL,
       PRIMARY KEY (day, survey_id, shard, due_day)
     );
     CREATE TABLE ${p}rollup_durations (
       survey_id TEXT NOT NULL,
       day INTEGER NOT NULL,
       shard SMALLINT NOT NULL,
       kind SMALLINT NOT NULL,
       bucket SMALLINT NOT NULL,
       count BIGINT NOT NULL,
       PRIMARY KEY (day, survey_id, shard, kind, bucket)
     );
     ALTER TABLE ${p}pending_alerts ADD COLUMN kind TEXT NOT NULL DEFAULT 'response';
     CREATE TABLE ${p}users (
       email TEXT PRIMARY KEY,
       password_hash TEXT NOT NULL,
       created_at TEXT NOT NULL
     );
     CREATE TABLE ${p}tokens (
       hash TEXT PRIMARY KEY,
       kind TEXT NOT NULL,
       subject TEXT,
       name TEXT,
       read_only BOOLEAN NOT NULL,
       created_at TEXT NOT NULL,
       expires_at TEXT,
       expires_ms BIGINT
     );
     CREATE INDEX ${p}tokens_by_subject ON ${p}tokens (kind, subject);
     CREATE TABLE ${p}secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
    // 3: every response stored before cases existed gets one (status new, a received entry).
    backfillCases,
    // 4: the trigram index of text search, when pg_trgm can be created (see trigramIndex).
    trigramIndex,
  ];
}

async function backfillCases(client: pg.PoolClient, p: string): Promise<void> {
  let after: [number, string] = [-1, ''];
  for (;;) {
    const { rows } = await client.query<ResponseRow>(
      `SELECT r.* FROM ${p}responses r WHERE (r.received_at, r.id) > ($1, $2)
         AND NOT EXISTS (SELECT 1 FROM ${p}cases c WHERE c.id = r.id)
       ORDER BY r.received_at, r.id LIMIT ${BACKFILL_PAGE}`,
      after,
    );
    const facts = [];
    for (const row of rows) {
      const record = rowToRecord(row);
      const { fields, event } = newCase(record, undefined);
      await client.query(insertCaseSql(p), caseValues(fields, record, []));
      await client.query(`INSERT INTO ${p}timeline (case_id, seq, type, event) VALUES ($1, 1, 'received', $2)`, [record.id, JSON.stringify(event)]);
      facts.push(sumFacts(responseFacts(record), caseFacts(fields, 1)));
    }
    await addRollup(client, p, facts);
    const last = rows.at(-1);
    if (!last || rows.length < BACKFILL_PAGE) return;
    after = [Number(last.received_at), last.id];
  }
}

/**
 * A GIN trigram index on the search text, so a term of 3+ characters is an index lookup. It
 * needs the `pg_trgm` extension (shipped in Debian's `postgresql` package; creating it needs a
 * database owner or superuser). Without it search still works, by a scan of the search texts:
 * the step then records itself done, and `CREATE EXTENSION pg_trgm` plus
 * `CREATE INDEX … USING GIN (search_text gin_trgm_ops)` by an administrator add the index later.
 * Terms shorter than 3 characters (`배송`) have no trigram; PostgreSQL then scans the index's
 * candidates or the table, and the LIKE recheck keeps the answer exact either way.
 */
async function trigramIndex(client: pg.PoolClient, p: string): Promise<void> {
  await client.query('SAVEPOINT trigram');
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await client.query(`CREATE INDEX ${p}cases_search ON ${p}cases USING GIN (search_text gin_trgm_ops)`);
    await client.query('RELEASE SAVEPOINT trigram');
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT trigram');
  }
}

/** The number of schema steps this version of the store knows. */
export const SCHEMA_VERSION = 4;

/** Runs the steps not yet applied; `ctx` gives the pool and prefix. */
export function migrator(ctx: Pick<PgContext, 'p' | 'transaction'>): () => Promise<void> {
  const { p } = ctx;
  let ready: Promise<void> | undefined;
  return () =>
    (ready ??= guard('migrate its tables', () =>
      ctx.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(`CREATE TABLE IF NOT EXISTS ${p}migrations (version INTEGER PRIMARY KEY)`);
        const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${p}migrations`);
        const all = steps(p);
        const current = rows[0]?.v ?? 0;
        if (current > all.length) {
          throw new StoreError(`database schema version ${current} is newer than this @earful/server understands (${all.length}); upgrade @earful/server`);
        }
        for (let v = current; v < all.length; v += 1) {
          const step = all[v]!;
          if (typeof step === 'string') await client.query(step);
          else await step(client, p);
          await client.query(`INSERT INTO ${p}migrations (version) VALUES ($1)`, [v + 1]);
        }
      }),
    ).catch((error: unknown) => {
      ready = undefined; // let the next call try again (the server may come back)
      throw error;
    }));
}

/** The first release's schema, exactly: the upgrade test builds an old database with it. */
export function firstReleaseSql(p: string): string {
  return steps(p)[0] as string;
}
