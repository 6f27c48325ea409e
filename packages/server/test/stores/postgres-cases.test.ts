/**
 * What only the PostgreSQL store has to prove beyond the shared suites: an upgrade of a database
 * made by the first release, several stores (receiver processes) on one database — changes heard
 * through LISTEN/NOTIFY, a dropped LISTEN connection reopened, the overdue sweep and version
 * checks settled by the database — and text search with and without the pg_trgm index.
 */
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { isCaseRuleError } from '../../src/errors.js';
import type { StoreChange } from '../../src/store.js';
import { memoryStore } from '../../src/stores/memory.js';
import { postgresStore } from '../../src/stores/postgres.js';
import { makeRecord, makeResponse } from '../support/fixtures.js';
import { usePostgres } from '../support/postgres-harness.js';

const db = usePostgres('earful_cases');
/** A new database, by default with a UTF-8 ctype so pg_trgm indexes every script. */
const freshDatabase = (ctype: 'C' | 'C.utf8' = 'C.utf8') => db.freshDatabase(ctype);

const HOUR = 3_600_000;
const negative = (text = 'The parcel never came') =>
  makeResponse({
    answers: [
      { type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 },
      { type: 'text', questionId: 'q2', value: text },
    ] as never,
  });

describe('postgres store: upgrade from the first release', () => {
  it('gives every response stored by the first release a case and keeps every row and pending alert', async () => {
    const url = await freshDatabase();
    const old = new pg.Client({ connectionString: url });
    await old.connect();
    // The first release's schema and bookkeeping, verbatim (not imported: a later edit of the
    // store's first step must not change what this test builds).
    await old.query(`CREATE TABLE IF NOT EXISTS earful_migrations (version INTEGER PRIMARY KEY)`);
    await old.query(`CREATE TABLE earful_responses (
       id TEXT PRIMARY KEY,
       survey_id TEXT NOT NULL,
       received_at BIGINT NOT NULL,
       sentiment TEXT,
       digest TEXT NOT NULL,
       body JSONB NOT NULL
     );
     CREATE INDEX earful_responses_by_time ON earful_responses (received_at, id);
     CREATE INDEX earful_responses_by_survey ON earful_responses (survey_id, received_at, id);
     CREATE TABLE earful_pending_alerts (
       id TEXT PRIMARY KEY,
       alert TEXT NOT NULL,
       response_id TEXT NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0,
       next_at BIGINT,
       last_error TEXT
     );
     CREATE INDEX earful_pending_alerts_due ON earful_pending_alerts (next_at);`);
    await old.query(`INSERT INTO earful_migrations (version) VALUES (1)`);
    const base = Date.UTC(2026, 10, 20, 12);
    // More rows than one backfill page, so the upgrade's paging is exercised.
    const records = Array.from({ length: 1203 }, (_, i) =>
      makeRecord(i % 3 === 0 ? negative(`배송이 ${i}주나 늦었고`) : makeResponse(), base + Math.floor(i / 2) * 1000),
    );
    await old.query(
      `INSERT INTO earful_responses (id, survey_id, received_at, sentiment, digest, body)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[])`,
      [
        records.map((r) => r.id),
        records.map((r) => r.surveyId),
        records.map((r) => Date.parse(r.receivedAt)),
        records.map((r) => r.sentiment),
        records.map((r) => r.digest),
        records.map((r) => JSON.stringify(r.response)),
      ],
    );
    await old.query(`INSERT INTO earful_pending_alerts (id, alert, response_id, attempts, next_at) VALUES ($1, 'hook', $2, 1, 0)`, [
      `${records[0]!.id}:hook`,
      records[0]!.id,
    ]);
    await old.end();

    const [a, b] = [postgresStore(url), postgresStore(url)];
    try {
      // Two receivers upgrading at once migrate once.
      await Promise.all([a.get(records[0]!.id), b.get(records[1]!.id)]);
      const page1 = await a.list({ limit: 1000 });
      const page2 = await a.list({ limit: 1000, cursor: page1.nextCursor! });
      expect(page1.items.length + page2.items.length).toBe(records.length);
      expect(page2.nextCursor).toBeNull();
      for (const r of [records[0]!, records[601]!, records.at(-1)!]) {
        const found = await a.getCase(r.id);
        expect(found?.record).toEqual(r);
        expect(found?.case).toMatchObject({ id: r.id, status: 'new', version: 1, firstResponseDueAt: null, receivedAt: r.receivedAt });
        expect(await a.timeline(r.id)).toEqual([{ seq: 1, type: 'received', at: r.receivedAt, actor: 'system' }]);
      }
      const summary = await a.summary({ now: base });
      expect(summary.total).toBe(records.length);
      expect(summary.cases.byStatus.new).toBe(records.length);
      expect(summary.bySentiment.negative).toBe(records.filter((r) => r.sentiment === 'negative').length);
      expect((await a.listCases({ q: '배송', limit: 1000 })).items).toHaveLength(records.filter((_, i) => i % 3 === 0).length);
      const [alert] = await a.claimAlerts({ now: Date.now(), limit: 10, leaseMs: 60_000 });
      expect(alert).toEqual({ id: `${records[0]!.id}:hook`, alert: 'hook', responseId: records[0]!.id, kind: 'response', attempts: 1 });
      // A case of the upgrade changes like any other.
      const changed = await a.changeCase(records[5]!.id, { actor: 'user:ana@shop.example', at: new Date(base + HOUR).toISOString(), patch: { status: 'acknowledged' } });
      expect(changed).toMatchObject({ kind: 'applied', case: { version: 2, status: 'acknowledged' } });
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);
});

describe('postgres store: several receivers on one database', () => {
  it('hears changes made by another store through NOTIFY, and its own once', async () => {
    const url = await freshDatabase();
    const [a, b] = [postgresStore(url), postgresStore(url)];
    const heard: StoreChange[] = [];
    try {
      const stop = a.watch((change) => heard.push(change));
      const theirs = makeRecord(negative());
      // b's write may commit before a's LISTEN connection is open: wait until a hears b at all.
      await vi.waitFor(async () => {
        await b.putIfAbsent(makeRecord(makeResponse()));
        expect(heard.some((c) => c.type === 'response')).toBe(true);
      }, { timeout: 10_000, interval: 200 });
      heard.length = 0;
      await b.putIfAbsent(theirs, ['hook']);
      await b.changeCase(theirs.id, { actor: 'user:ana@shop.example', at: new Date().toISOString(), patch: { assignee: 'ana@shop.example' } });
      // (Stray notifications of the warm-up writes may still arrive: look at this record's only.)
      const about = (id: string) => heard.filter((c) => c.id === id);
      await vi.waitFor(() => expect(about(theirs.id)).toHaveLength(3), { timeout: 5000 });
      expect(about(theirs.id)).toEqual([
        { type: 'response', id: theirs.id, sentiment: 'negative', surveyId: 'checkout' },
        { type: 'alert', id: theirs.id, alert: 'hook', kind: 'response' },
        { type: 'case', id: theirs.id, version: 2 },
      ]);
      const ours = makeRecord(makeResponse());
      await a.putIfAbsent(ours);
      // Delivered right after the commit, before the notification comes back…
      expect(about(ours.id)).toEqual([{ type: 'response', id: ours.id, sentiment: 'negative', surveyId: 'checkout' }]);
      await b.erase({ responseId: theirs.id }, { actor: 'user:ana@shop.example', at: new Date().toISOString() });
      await vi.waitFor(() => expect(about(theirs.id)).toHaveLength(4), { timeout: 5000 });
      // …and not a second time when it does (it came back before b's erasure did).
      expect(about(theirs.id)[3]).toEqual({ type: 'erased', id: theirs.id });
      expect(about(ours.id)).toHaveLength(1);
      stop();
      const after = makeRecord(makeResponse());
      await b.putIfAbsent(after);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(about(after.id)).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('opens its LISTEN connection on the first watch() and closes it with the store', async () => {
    const url = await freshDatabase();
    const database = new URL(url).pathname.slice(1);
    const listening = async () =>
      Number((await db.admin().query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'`, [database])).rows[0]!.n);
    const store = postgresStore(url);
    await store.putIfAbsent(makeRecord(makeResponse()));
    expect(await listening()).toBe(0);
    const stops = [store.watch(() => {}), store.watch(() => {})];
    await vi.waitFor(async () => expect(await listening()).toBe(1), { timeout: 5000 });
    for (const stop of stops) stop();
    await store.close();
    await vi.waitFor(async () => expect(await listening()).toBe(0), { timeout: 5000 });
  });

  it('reopens its LISTEN connection when the server drops it', async () => {
    const url = await freshDatabase();
    const [a, b] = [postgresStore(url), postgresStore(url)];
    const heard: string[] = [];
    try {
      a.watch((change) => heard.push(change.id));
      const first = makeRecord(makeResponse());
      await vi.waitFor(async () => {
        await b.putIfAbsent(makeRecord(makeResponse()));
        expect(heard.length).toBeGreaterThan(0);
      }, { timeout: 10_000, interval: 200 });
      const database = new URL(url).pathname.slice(1);
      const killed = await db.admin().query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'`,
        [database],
      );
      expect(killed.rowCount).toBe(1);
      await vi.waitFor(async () => {
        const again = makeRecord(makeResponse());
        await b.putIfAbsent(again);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(heard).toContain(again.id);
      }, { timeout: 15_000, interval: 300 });
      expect(heard).not.toContain(first.id);
    } finally {
      await a.close();
      await b.close();
    }
  }, 30_000);

  it('marks an overdue case once and queues its alerts once when two sweeps race', async () => {
    const url = await freshDatabase();
    const [a, b] = [postgresStore(url), postgresStore(url)];
    try {
      const now = Date.now();
      const due = Array.from({ length: 40 }, () => makeRecord(negative(), now - 2 * HOUR));
      const init = { firstResponseDueAt: new Date(now - HOUR).toISOString(), resolutionDueAt: null };
      for (const r of due) await a.putIfAbsent(r, [], init);
      // Rounds of four racing sweeps (two per store) until nothing is left: SKIP LOCKED lets a
      // sweep pass over cases another is marking, so one round may leave some for the next.
      const marked: string[] = [];
      for (let round = 0; round < 10; round += 1) {
        const sweep = () => [a, b].map((store) => store.markOverdue({ now, alerts: ['hook', 'mail'], limit: 15 }));
        const ids = (await Promise.all([...sweep(), ...sweep()])).flat();
        if (ids.length === 0) break;
        marked.push(...ids);
      }
      expect(marked.sort()).toEqual(due.map((r) => r.id).sort());
      expect(await b.markOverdue({ now: now + HOUR, alerts: ['hook'], limit: 100 })).toEqual([]);
      const alerts = await a.claimAlerts({ now, limit: 1000, leaseMs: 60_000 });
      expect(alerts).toHaveLength(80);
      expect(new Set(alerts.map((x) => x.id)).size).toBe(80);
      expect(alerts.every((x) => x.kind === 'overdue')).toBe(true);
      const timeline = await b.timeline(due[0]!.id);
      expect(timeline.filter((e) => e.type === 'overdue')).toHaveLength(1);
      expect((await a.summary({ now })).cases.overdue).toBe(40);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('applies one of two changes made from one version at once; the other is a conflict', async () => {
    const url = await freshDatabase();
    const [a, b] = [postgresStore(url), postgresStore(url)];
    try {
      const record = makeRecord(negative());
      await a.putIfAbsent(record);
      const at = new Date().toISOString();
      const results = await Promise.all([
        a.changeCase(record.id, { actor: 'user:ana@shop.example', at, expectedVersion: 1, patch: { assignee: 'ana@shop.example' } }),
        b.changeCase(record.id, { actor: 'user:ben@shop.example', at, expectedVersion: 1, patch: { assignee: 'ben@shop.example' } }),
      ]);
      expect(results.map((r) => r.kind).sort()).toEqual(['applied', 'conflict']);
      const conflict = results.find((r) => r.kind === 'conflict');
      expect(conflict).toMatchObject({ case: { version: 2 } });
      // One request repeated on two receivers (the same Idempotency-Key) is applied once.
      const change = { actor: 'user:ana@shop.example', at, event: { type: 'note_added', text: 'Called back' }, idempotency: { key: 'k-1', digest: 'd-1' } } as const;
      const repeated = await Promise.all([a.changeCase(record.id, change), b.changeCase(record.id, change)]);
      expect(repeated.map((r) => r.kind).sort()).toEqual(['applied', 'repeat']);
      expect((await a.timeline(record.id)).filter((e) => e.type === 'note_added')).toHaveLength(1);
      // A change the rules refuse is a CaseRuleError, not a StoreError, and writes nothing.
      const refused = await a.changeCase(record.id, { actor: 'user:ana@shop.example', at, patch: { status: 'resolved' } }).catch((error: unknown) => error);
      expect(isCaseRuleError(refused)).toBe(true);
      expect((await a.getCase(record.id))?.case.version).toBe(2);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('postgres store: text search', () => {
  const texts = ['배송이 3주나 늦었고 연락도 없었어요', 'డెలివరీ చాలా ఆలస్యమైంది', 'Piegāde kavējās divas nedēļas', 'The COURIER left it in the rain'];

  async function seeded(url: string) {
    const store = postgresStore(url);
    const records = texts.map((text) => makeRecord(negative(text)));
    for (const r of records) await store.putIfAbsent(r);
    const found = async (q: string) => (await store.listCases({ q })).items.map((item) => texts[records.findIndex((r) => r.id === item.record.id)]);
    return { store, found };
  }

  it('uses the trigram index for terms of three or more characters', async () => {
    const url = await freshDatabase();
    const { store, found } = await seeded(url);
    try {
      expect(await found('ఆలస్యమైంది')).toEqual([texts[1]]);
      expect(await found('kavējās')).toEqual([texts[2]]);
      expect(await found('courier rain')).toEqual([texts[3]]);
      expect(await found('배송')).toEqual([texts[0]]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'earful_cases_search'`);
        expect(rows[0]?.indexdef).toContain('gin_trgm_ops');
        await client.query('SET enable_seqscan = off');
        const plan = await client.query(`EXPLAIN SELECT id FROM earful_cases WHERE search_text LIKE '%kavējās%'`);
        expect(plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')).toContain('earful_cases_search');
      } finally {
        await client.end();
      }
    } finally {
      await store.close();
    }
  });

  it('finds every script without pg_trgm (a role that may not create extensions) and on a C-locale database', async () => {
    const url = await freshDatabase('C');
    const database = new URL(url).pathname.slice(1);
    await db.admin().query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'earful_plain') THEN CREATE ROLE earful_plain LOGIN; END IF; END $$`);
    await db.admin().query(`REVOKE CREATE ON DATABASE ${database} FROM PUBLIC`);
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    await owner.query('GRANT ALL ON SCHEMA public TO earful_plain');
    await owner.end();
    const plainUrl = url.replace('postgres@', 'earful_plain@');
    const { store, found } = await seeded(plainUrl);
    try {
      expect(await found('배송')).toEqual([texts[0]]);
      expect(await found('ఆలస్యమైంది')).toEqual([texts[1]]);
      expect(await found('kavējās')).toEqual([texts[2]]);
      expect(await found('Courier  RAIN')).toEqual([texts[3]]);
      const { rows } = await db.admin().query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
      expect(rows).toHaveLength(0); // in the postgres database; and the store's own has no index:
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      try {
        expect((await check.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'earful_cases_search'`)).rows).toHaveLength(0);
        expect((await check.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)).rows).toHaveLength(0);
      } finally {
        await check.end();
      }
    } finally {
      await store.close();
    }
  });
});

describe('postgres store: summary from counters', () => {
  it('equals the memory store for varied data: since inside a day, one survey, cases due before and later today, many durations', async () => {
    const url = await freshDatabase();
    const pgStore = postgresStore(url);
    const memory = memoryStore();
    const DAY = 86_400_000;
    const now = Date.UTC(2026, 10, 25, 15, 30); // mid-afternoon: some cases fall due later today
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    try {
      const records = Array.from({ length: 400 }, (_, i) => {
        const receivedAt = now - rand(20 * DAY);
        const value = 1 + rand(5);
        return makeRecord(
          makeResponse({
            surveyId: ['checkout', 'delivery'][i % 2]!,
            answers: [
              { type: 'rating', questionId: 'q1', scale: 'csat5', value },
              { type: 'choice', questionId: 'why', values: [['late', 'damaged', 'price'][rand(3)]!] },
            ] as never,
          }),
          receivedAt,
        );
      });
      for (const r of records) {
        const received = Date.parse(r.receivedAt);
        const init = { firstResponseDueAt: new Date(received + rand(3 * DAY)).toISOString(), resolutionDueAt: new Date(received + 7 * DAY).toISOString() };
        for (const store of [pgStore, memory]) await store.putIfAbsent(r, [], init);
      }
      // Work a third of them: durations from seconds to days (many buckets), some resolved, one reopened.
      for (const [i, r] of records.entries()) {
        if (i % 3 !== 0) continue;
        const received = Date.parse(r.receivedAt);
        const acknowledged = new Date(received + 1 + rand(2 * DAY)).toISOString();
        const resolved = new Date(Date.parse(acknowledged) + rand(5 * DAY)).toISOString();
        for (const store of [pgStore, memory]) {
          await store.changeCase(r.id, { actor: 'user:ana@shop.example', at: acknowledged, patch: { status: 'acknowledged' } });
          if (i % 2 === 0) await store.changeCase(r.id, { actor: 'user:ana@shop.example', at: resolved, patch: { status: 'resolved', remedy: 'refund' } });
          if (i % 12 === 0) await store.changeCase(r.id, { actor: 'user:ana@shop.example', at: resolved, patch: { status: 'acknowledged' } });
        }
      }
      await Promise.all([pgStore, memory].map((store) => store.erase({ responseId: records[1]!.id }, { actor: 'user:ana@shop.example', at: new Date(now).toISOString() })));
      const queries = [
        { now },
        { now, days: 30 },
        { now, surveyId: 'delivery' },
        { now, since: new Date(now - 6 * DAY - 5 * 3_600_000) },
        { now, since: new Date(Math.floor(now / DAY) * DAY - 3 * DAY), surveyId: 'checkout' },
        { now: now + 2 * DAY },
      ];
      for (const query of queries) {
        const [fromPg, fromMemory] = await Promise.all([pgStore.summary(query), memory.summary(query)]);
        expect(fromPg, JSON.stringify(query)).toEqual(fromMemory);
      }
      const all = await memory.summary({ now });
      // The data reaches what the test means to compare.
      expect(all.cases.overdue).toBeGreaterThan(10);
      expect(all.cases.firstResponse.count).toBeGreaterThan(100);
      expect(all.cases.resolution.count).toBeGreaterThan(20);
    } finally {
      await pgStore.close();
      await memory.close();
    }
  }, 120_000);
});
