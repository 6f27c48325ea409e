/**
 * What only the SQLite store does for cases, beyond the shared suites: text search through the
 * FTS5 trigram index with a scan for short terms, a summary read from counters that equals one
 * computed from every row, and one overdue mark per case with two stores on one file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SurveyResponse } from '@earful/schema';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseQuery, CaseRecord, ResponseStore, SummaryQuery } from '../../src/store.js';
import { memoryStore } from '../../src/stores/memory.js';
import { normalizeSummary } from '../../src/stores/shared/query.js';
import { summarizer } from '../../src/stores/shared/summarize.js';
import { sqliteStore } from '../../src/stores/sqlite.js';
import { makeRecord, makeResponse } from '../support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-sqlite-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `db-${(n += 1)}.db`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const text = (value: string, extra: Partial<SurveyResponse> = {}) =>
  makeResponse({ answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, { type: 'text', questionId: 'q2', value }], ...extra });

async function ids(store: ResponseStore, q: string): Promise<string[]> {
  return (await store.listCases({ q, limit: 100 })).items.map((item) => item.record.id).sort();
}

/** How far the FTS5 table has taken cases, read from the file. */
function indexedTo(path: string): { indexed: number; last: number } {
  const db = new Database(path, { readonly: true });
  try {
    const { indexed } = db.prepare('SELECT indexed_to AS indexed FROM case_search_state').get() as { indexed: number };
    const { last } = db.prepare('SELECT coalesce(max(seq), 0) AS last FROM cases').get() as { last: number };
    return { indexed, last };
  } finally {
    db.close();
  }
}

async function untilIndexed(path: string): Promise<void> {
  for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const { indexed, last } = indexedTo(path);
    if (indexed >= last) return;
  }
  throw new Error('the search index did not take the new cases within 5 s');
}

describe('sqlite case search', () => {
  it('under load that never pauses, indexes in chunks once the lag passes searchIndexMaxLag, and still finds every case', async () => {
    const path = fresh();
    // Puts never pause for 10 minutes here, so only the lag bound moves the index's mark.
    const store = sqliteStore(path, { searchIndexDelayMs: 600_000, searchIndexMaxLag: 100 });
    try {
      const records = Array.from({ length: 1200 }, (_, i) => makeRecord(text(`parcel no${String(i).padStart(5, '0')} arrived broken`)));
      for (let i = 0; i < records.length; i += 20) await Promise.all(records.slice(i, i + 20).map((r) => store.putIfAbsent(r)));
      const { indexed, last } = indexedTo(path);
      // Twice what they add once past 100, in chunks of at least 500: the lag is back near the bound.
      expect(last).toBe(1200);
      expect(indexed).toBeGreaterThanOrEqual(500);
      expect(last - indexed).toBeLessThanOrEqual(100 + 500);
      // Cases on both sides of the mark are found, each once.
      expect(await ids(store, 'no00007 arrived')).toEqual([records[7]!.id]);
      expect(await ids(store, 'no01199 arrived')).toEqual([records[1199]!.id]);
      const page = await store.listCases({ q: 'broken', limit: 200 });
      expect(page.items).toHaveLength(200);
    } finally {
      await store.close();
    }
    expect(() => sqliteStore(fresh(), { searchIndexMaxLag: -1 })).toThrowError(/searchIndexMaxLag must be a whole number of cases, 0 or more, got -1/);
    expect(() => sqliteStore(fresh(), { searchIndexMaxLag: 1.5 })).toThrowError(/searchIndexMaxLag/);
  });

  it('finds terms of any length in any script, before the trigram index takes new cases and after', async () => {
    const path = fresh();
    // New cases stay out of the index while this store is open: the first checks scan their text.
    let store = sqliteStore(path, { searchIndexDelayMs: 600_000 });
    try {
      const ko = makeRecord(text('배송이 3주나 늦었고 연락도 없었어요'));
      const te = makeRecord(text('డెలివరీ చాలా ఆలస్యమైంది'));
      const lv = makeRecord(text('Piegāde kavējās divas nedēļas'));
      const en = makeRecord(text('The PARCEL came "late" 100%_done'));
      const other = makeRecord(text('all good'));
      for (const r of [ko, te, lv, en, other]) await store.putIfAbsent(r);
      const checks = async () => {
        expect(await ids(store, '배송')).toEqual([ko.id]); // 2 characters: below a trigram
        expect(await ids(store, '늦었고 배송')).toEqual([ko.id]); // one long and one short term
        expect(await ids(store, 'ఆలస్యమైంది')).toEqual([te.id]);
        expect(await ids(store, 'kavējās')).toEqual([lv.id]);
        expect(await ids(store, 'kavejas')).toEqual([]); // diacritics matter, as in the memory store
        expect(await ids(store, 'parcel LATE')).toEqual([en.id]);
        expect(await ids(store, '"late"')).toEqual([en.id]); // quotes are text, not FTS5 syntax
        expect(await ids(store, '%_d')).toEqual([en.id]);
        expect(await ids(store, 'parcel missing')).toEqual([]);
        expect(await ids(store, 'a')).toEqual([lv.id, en.id, other.id].sort());
      };
      expect(indexedTo(path).indexed).toBe(0);
      await checks();
      // Opened again with the default delay, the store indexes what is behind at once.
      await store.close();
      store = sqliteStore(path);
      await untilIndexed(path);
      await checks(); // now through the FTS5 table

      // A note is searchable once added, and only on its own case; an erased case is not found.
      await store.changeCase(other.id, { actor: 'user:ana@shop.example', at: new Date().toISOString(), event: { type: 'note_added', text: 'Rückruf vereinbart' } });
      expect(await ids(store, 'rückruf')).toEqual([other.id]);
      expect(await ids(store, 'good rückruf')).toEqual([other.id]);
      await store.erase({ responseId: ko.id }, { actor: 'user:ana@shop.example', at: new Date().toISOString() });
      expect(await ids(store, '늦었고')).toEqual([]);

      // SQLite hands the erased newest seq to the next response: it is searchable at once, and
      // the erased one's timeline is its own.
      await store.erase({ responseId: other.id }, { actor: 'user:ana@shop.example', at: new Date().toISOString() });
      const next = makeRecord(text('vereinbart neu'));
      await store.putIfAbsent(next);
      expect(indexedTo(path).indexed).toBeGreaterThanOrEqual(indexedTo(path).last);
      expect(await ids(store, 'vereinbart')).toEqual([next.id]);
      expect((await store.timeline(next.id)).map((e) => e.type)).toEqual(['received']);
      expect((await store.timeline(other.id)).map((e) => e.type)).toEqual(['received', 'note_added', 'erased']);
    } finally {
      await store.close();
    }
    // A term of 3+ characters is answered by the FTS5 table, not by reading every case.
    const db = new Database(path, { readonly: true });
    try {
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT seq FROM cases c WHERE c.seq IN (SELECT rowid FROM case_search WHERE case_search MATCH '\"parcel\"')")
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
    } finally {
      db.close();
    }
  });
});

describe('sqlite case search pages', () => {
  it('pages through common and rare words as the memory store does, in both orders and with filters', async () => {
    const sqlite = sqliteStore(fresh());
    const memory = memoryStore();
    try {
      const base = Date.parse('2026-11-20T00:00:00.000Z');
      const words = ['parcel late', 'parcel damaged', 'late again', 'fine', 'parcel', 'rare-word-zq'];
      for (let i = 0; i < 90; i += 1) {
        const record = makeRecord(text(`${words[i % words.length]} ${i % 4 === 0 ? 'Ünïcode' : ''}`), base + Math.floor(i / 3) * 1000);
        const init = { firstResponseDueAt: new Date(base + (i % 5) * HOUR).toISOString(), resolutionDueAt: null };
        for (const store of [sqlite, memory]) {
          await store.putIfAbsent(record, [], init);
          if (i % 7 === 0) await store.changeCase(record.id, { actor: 'user:ana@shop.example', at: new Date(base + DAY).toISOString(), patch: { status: 'acknowledged' } });
        }
      }
      const walk = async (store: ResponseStore, query: CaseQuery) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 50; pages += 1) {
          const page = await store.listCases({ ...query, now: base + 2 * DAY, limit: 7, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((item) => item.record.id));
          if (page.nextCursor === null) return seen;
          cursor = page.nextCursor;
        }
        throw new Error('more than 50 pages');
      };
      const queries: CaseQuery[] = [
        { q: 'parcel' },
        { q: 'parcel', sort: 'urgent' },
        { q: 'late parcel', status: ['new'] },
        { q: 'ünïcode late', sort: 'urgent' },
        { q: 'rare-word-zq' },
        { q: 'rare-word-zq', sort: 'urgent', status: ['acknowledged'] },
        { q: 'nowhere' },
      ];
      for (const query of queries) {
        const expected = await walk(memory, query);
        expect(await walk(sqlite, query), JSON.stringify(query)).toEqual(expected);
      }
      expect((await walk(sqlite, { q: 'parcel' })).length).toBe(45);
    } finally {
      await sqlite.close();
      await memory.close();
    }
  });
});

/** The summary as the memory store's rules compute it from every stored case, for comparison. */
async function summaryFromRows(store: ResponseStore, query: SummaryQuery) {
  const q = normalizeSummary(query);
  const acc = summarizer({ now: q.now, days: q.days });
  for await (const { case: c, record } of store.exportRows({ ...(q.surveyId ? { surveyId: q.surveyId } : {}), ...(q.since !== undefined ? { since: new Date(q.since) } : {}) })) {
    acc.add(record.response, record.sentiment, Date.parse(record.receivedAt));
    const { overdue: _o, contactable: _c, ...fields } = c;
    acc.addCase(fields);
  }
  return acc.result();
}

describe('sqlite summary', () => {
  it('equals the summary computed from every row, for whole and partial days, one survey, after changes and erasure', async () => {
    const store = sqliteStore(fresh());
    try {
      const now = Date.parse('2026-11-30T15:00:00.000Z');
      let seed = 7;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      const records = Array.from({ length: 240 }, (_, i) => {
        const response = makeResponse({
          surveyId: i % 3 === 0 ? 'checkout' : 'delivery',
          answers: [
            { type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 + Math.floor(rand() * 5) },
            { type: 'rating', questionId: 'q2', scale: i % 2 ? 'nps' : 'thermometer4', value: i % 2 ? Math.floor(rand() * 11) : 1 + Math.floor(rand() * 4) },
            { type: 'choice', questionId: 'why', values: [['late', 'price', 'damaged'][i % 3]!, ...(i % 5 === 0 ? ['support'] : [])] },
            ...(i % 4 === 0 ? [{ type: 'contact' as const, questionId: 'c', email: `kim${i % 8}@example.kr`, consent: true as const }] : []),
          ],
        });
        return makeRecord(response, now - Math.floor(rand() * 6 * DAY));
      });
      for (const r of records) {
        const due = new Date(Date.parse(r.receivedAt) + 8 * HOUR).toISOString();
        await store.putIfAbsent(r, [], { firstResponseDueAt: due, resolutionDueAt: new Date(Date.parse(r.receivedAt) + 3 * DAY).toISOString() });
      }
      for (const [i, r] of records.entries()) {
        const at = (h: number) => new Date(Date.parse(r.receivedAt) + h * HOUR).toISOString();
        if (i % 3 === 0) await store.changeCase(r.id, { actor: 'user:ana@shop.example', at: at(1 + (i % 7)), patch: { status: 'acknowledged' } });
        if (i % 6 === 0) await store.changeCase(r.id, { actor: 'user:ana@shop.example', at: at(20 + i), patch: { status: 'resolved', remedy: i % 12 ? 'refund' : 'apology' } });
        if (i % 12 === 0) await store.changeCase(r.id, { actor: 'system', at: at(21 + i), event: { type: 'follow_up_sent', via: 'link', expiresAt: at(200) } });
        if (i % 24 === 0) {
          await store.changeCase(r.id, { actor: 'customer', at: at(22 + i), event: { type: 'follow_up_answered', responseId: makeResponse().id, sentiment: i % 48 ? 'positive' : 'negative' } });
        }
        if (i % 10 === 1) await store.changeCase(r.id, { actor: 'user:ana@shop.example', at: at(2), patch: { status: 'spam' } });
        if (i % 18 === 0) await store.changeCase(r.id, { actor: 'user:ana@shop.example', at: at(30 + i), patch: { status: 'acknowledged' } }); // reopened
      }
      await store.erase({ email: 'KIM3@example.kr' }, { actor: 'user:ana@shop.example', at: new Date(now).toISOString() });
      await store.erase({ responseId: records[5]!.id }, { actor: 'user:ana@shop.example', at: new Date(now).toISOString() });

      const midDay = now - 3 * DAY - 5 * HOUR;
      const queries: SummaryQuery[] = [
        { now },
        { now, surveyId: 'checkout' },
        { now, since: new Date(midDay) },
        { now, since: new Date(midDay), surveyId: 'delivery', days: 4 },
        { now, since: new Date(Math.floor(midDay / DAY) * DAY) },
        { now: now - 2 * DAY, days: 3 },
      ];
      for (const query of queries) {
        const summary = await store.summary(query);
        expect(summary, JSON.stringify(query)).toEqual(await summaryFromRows(store, query));
      }
      const all = await store.summary({ now });
      expect(all.total).toBe(240 - 1 - (await Promise.resolve(records.filter((r, i) => i !== 5 && r.response.answers.some((a) => a.type === 'contact' && a.email === 'kim3@example.kr')).length)));
      expect(all.cases.overdue).toBeGreaterThan(0);
      expect(all.cases.firstResponse.count).toBeGreaterThan(0);
      expect(all.recovery.answered).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});

describe('sqlite overdue', () => {
  it('marks a case once when two stores on one file sweep at the same time', async () => {
    const path = fresh();
    const a = sqliteStore(path);
    const b = sqliteStore(path);
    try {
      const now = Date.now();
      const records = Array.from({ length: 30 }, () => makeRecord(text('late'), now - 2 * DAY));
      for (const r of records) await a.putIfAbsent(r, [], { firstResponseDueAt: new Date(now - DAY).toISOString(), resolutionDueAt: null });
      const [x, y, z] = await Promise.all([
        a.markOverdue({ now, alerts: ['slack'], limit: 7 }),
        b.markOverdue({ now, alerts: ['slack'], limit: 100 }),
        a.markOverdue({ now, alerts: ['slack'], limit: 100 }),
      ]);
      const marked = [...x, ...y, ...z];
      expect(new Set(marked).size).toBe(30);
      expect(marked).toHaveLength(30);
      expect(await b.markOverdue({ now: now + DAY, alerts: ['slack'], limit: 100 })).toEqual([]);
      const alerts = await b.claimAlerts({ now, limit: 100, leaseMs: 1000 });
      expect(alerts.map((al) => al.id).sort()).toEqual(records.map((r) => `${r.id}:overdue:slack`).sort());
      expect(new Set(alerts.map((al) => al.kind))).toEqual(new Set(['overdue']));
      const timeline = await a.timeline(records[0]!.id);
      expect(timeline.filter((e) => e.type === 'overdue')).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('sqlite export', () => {
  it('streams every case oldest first in pages, with responses that arrived out of order', async () => {
    const store = sqliteStore(fresh());
    try {
      const base = Date.parse('2026-11-20T00:00:00.000Z');
      const records = Array.from({ length: 23 }, (_, i) => makeRecord(text(`n${i}`), base + ((i * 7) % 11) * 1000));
      for (const r of records) await store.putIfAbsent(r);
      const seen: CaseRecord[] = [];
      for await (const row of store.exportRows({ batch: 4 })) seen.push(row);
      const order = (r: { receivedAt: string; id: string }) => `${r.receivedAt}|${r.id}`;
      expect(seen.map((s) => order(s.record))).toEqual(records.map(order).sort());
      expect(seen.every((s) => s.case.id === s.record.id && s.case.status === 'new')).toBe(true);
    } finally {
      await store.close();
    }
  });
});
