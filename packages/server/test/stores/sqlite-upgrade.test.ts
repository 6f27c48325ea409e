/**
 * Upgrading a database made before cases existed: a file with schema version 1 (the first
 * migration's SQL, rows written as that version's store wrote them, a pending alert) opened by
 * this store loses no row, and every response gains a case. A read-only open cannot migrate, so
 * it refuses the old file and says how to upgrade it, without touching it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isStoreError } from '../../src/errors.js';
import type { StoredResponse } from '../../src/store.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/stores/shared/sqlite-schema.js';
import { sqliteStore } from '../../src/stores/sqlite.js';
import { makeRecord, makeResponse } from '../support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-sqlite-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A version-1 database, as the store before cases made it, with `records` and one pending alert per record. */
function oldDatabase(records: readonly StoredResponse[]): string {
  const path = join(dir, `old-${(n += 1)}.db`);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const first = MIGRATIONS[0];
  if (typeof first !== 'string') throw new Error('migration 1 is SQL');
  db.exec(first);
  db.pragma('user_version = 1');
  const insert = db.prepare('INSERT INTO responses (id, survey_id, received_at, sentiment, digest, body) VALUES (?, ?, ?, ?, ?, ?)');
  const alert = db.prepare('INSERT INTO pending_alerts (id, alert, response_id, next_at) VALUES (?, ?, ?, 0)');
  db.transaction(() => {
    for (const r of records) {
      insert.run(r.id, r.surveyId, Date.parse(r.receivedAt), r.sentiment, r.digest, JSON.stringify(r.response));
      if (r.sentiment === 'negative') alert.run(`${r.id}:slack`, 'slack', r.id);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}

const base = Date.parse('2026-10-01T08:00:00.000Z');
const records = Array.from({ length: 2_345 }, (_, i) =>
  makeRecord(
    makeResponse({
      surveyId: i % 2 ? 'checkout' : 'delivery',
      answers: [
        { type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 + (i % 5) },
        { type: 'text', questionId: 'q2', value: i % 7 === 0 ? `배송이 3주나 늦었고 #${i}` : `parcel number ${i}` },
      ],
    }),
    base + i * 60_000,
  ),
);

describe('upgrading a database made before cases', () => {
  it('keeps every row and alert, and gives every response a new case with a received entry', async () => {
    const path = oldDatabase(records);
    const store = sqliteStore(path);
    try {
      for (const r of [records[0]!, records[1_000]!, records.at(-1)!]) {
        expect(await store.get(r.id)).toEqual(r);
        const found = await store.getCase(r.id);
        expect(found?.record).toEqual(r);
        expect(found?.case).toMatchObject({ id: r.id, status: 'new', version: 1, receivedAt: r.receivedAt, firstResponseDueAt: null, resolutionDueAt: null, firstResponseAt: null });
        expect(await store.timeline(r.id)).toEqual([{ seq: 1, type: 'received', at: r.receivedAt, actor: 'system' }]);
      }
      const listed: string[] = [];
      for await (const row of store.exportRows({ batch: 1000 })) {
        expect(row.case.id).toBe(row.record.id);
        listed.push(row.record.id);
      }
      expect(listed).toEqual(records.map((r) => r.id));
      const summary = await store.summary({ now: base + 3 * 86_400_000 });
      expect(summary.total).toBe(records.length);
      expect(summary.cases.byStatus.new).toBe(records.length);
      expect(summary.csat.answers).toBe(records.length);
      // The pending alerts of version 1 are still due, as arrival alerts.
      const alerts = await store.claimAlerts({ now: Date.now(), limit: 5_000, leaseMs: 1000 });
      expect(alerts.map((a) => a.id).sort()).toEqual(records.filter((r) => r.sentiment === 'negative').map((r) => `${r.id}:slack`).sort());
      expect(new Set(alerts.map((a) => a.kind))).toEqual(new Set(['response']));
      // Search reaches the upgraded rows: a trigram term and a short one.
      expect((await store.listCases({ q: '늦었고', limit: 1000 })).items).toHaveLength(records.filter((_, i) => i % 7 === 0).length);
      expect((await store.listCases({ q: '배송 #700', limit: 10 })).items.map((c) => c.record.id)).toEqual([records[700]!.id]);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: records.length });
    expect(db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: records.length });
    db.close();
  });

  it('refuses a read-only open of the old file, says how to upgrade it, and leaves it byte for byte', () => {
    const path = oldDatabase(records.slice(0, 10));
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    let thrown: unknown;
    try {
      sqliteStore(path, { readOnly: true });
    } catch (error) {
      thrown = error;
    }
    expect(isStoreError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(/schema version 1, older than this @earful\/server reads/);
    expect((thrown as Error).message).toContain(`earful serve --db ${path}`);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  });

  it('reads an upgraded file read-only', async () => {
    const path = oldDatabase(records.slice(0, 10));
    await sqliteStore(path).close();
    const store = sqliteStore(path, { readOnly: true });
    try {
      expect((await store.summary()).total).toBe(10);
      expect((await store.getCase(records[3]!.id))?.case.status).toBe('new');
      await expect(store.changeCase(records[3]!.id, { actor: 'system', at: new Date().toISOString(), patch: { status: 'spam' } })).rejects.toSatisfy(isStoreError);
    } finally {
      await store.close();
    }
  });
});
