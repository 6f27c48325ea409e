/**
 * The one store test-suite: every built-in store (memory, SQLite, PostgreSQL) must pass it, so
 * the handler can rely on the same behaviour from each. Cases, erasure, watch and accounts have
 * their own suite in `case-suite.ts`.
 */
import { describe, expect, it } from 'vitest';
import { isStoreError } from '../../src/errors.js';
import type { ResponseStore } from '../../src/store.js';
import { makeRecord, makeResponse } from './fixtures.js';

export interface StoreFixture {
  store: ResponseStore;
  /** Closes the store and opens the same data again (durable stores only). */
  reopen?: () => Promise<ResponseStore>;
}

/** A test body that opens a fresh store, runs `test` with it and closes it, pass or fail. */
export function withStoreOf(open: () => Promise<StoreFixture>) {
  return (test: (f: StoreFixture) => Promise<void>) => async () => {
    const fixture = await open();
    try {
      await test(fixture);
    } finally {
      await fixture.store.close();
    }
  };
}

export function describeStore(name: string, open: () => Promise<StoreFixture>): void {
  const withStore = withStoreOf(open);

  describe(`${name} store`, () => {
    it('stores a response once and returns the existing record on a repeat', withStore(async ({ store }) => {
      const record = makeRecord(makeResponse());
      expect(await store.putIfAbsent(record)).toEqual({ inserted: true });
      const again = await store.putIfAbsent({ ...record, receivedAt: new Date(Date.now() + 5000).toISOString() });
      // The record as first stored: its digest and arrival time, not the repeat's.
      expect(again).toEqual({ inserted: false, existing: record });
      expect(await store.get(record.id)).toEqual(record);
      expect(await store.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    }));

    it('inserts once when the same id arrives three times at once', withStore(async ({ store }) => {
      const record = makeRecord(makeResponse());
      const results = await Promise.all([store.putIfAbsent(record), store.putIfAbsent(record), store.putIfAbsent(record)]);
      expect(results.filter((r) => r.inserted)).toHaveLength(1);
      expect((await store.list()).items).toHaveLength(1);
    }));

    it('lists newest first with filters, and pages through everything with the cursor', withStore(async ({ store }) => {
      const base = Date.parse('2026-11-20T00:00:00.000Z');
      const records = Array.from({ length: 7 }, (_, i) =>
        makeRecord(
          makeResponse({
            surveyId: i % 2 === 0 ? 'checkout' : 'support',
            answers: [{ type: 'rating', questionId: 'q', scale: 'csat5', value: i < 3 ? 1 : 5 }],
          }),
          base + Math.floor(i / 2) * 1000, // pairs share a timestamp: the id breaks the tie
        ),
      );
      for (const r of records) await store.putIfAbsent(r);
      const all = await store.list({ limit: 100 });
      expect(all.items).toHaveLength(7);
      expect(all.nextCursor).toBeNull();
      const times = all.items.map((r) => Date.parse(r.receivedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page += 1) {
        const result = await store.list({ limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...result.items.map((r) => r.id));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(seen).toEqual(all.items.map((r) => r.id));

      expect((await store.list({ surveyId: 'support' })).items.every((r) => r.surveyId === 'support')).toBe(true);
      expect((await store.list({ surveyId: 'support' })).items).toHaveLength(3);
      expect((await store.list({ sentiment: 'negative' })).items).toHaveLength(3);
      expect((await store.list({ sentiment: 'positive', surveyId: 'checkout' })).items).toHaveLength(2);
      const since = new Date(base + 2000);
      expect((await store.list({ since })).items).toHaveLength(3);
      expect((await store.list({ until: new Date(base + 1000).toISOString() })).items).toHaveLength(2);
    }));

    it('rejects a bad cursor, limit or date with a StoreError', withStore(async ({ store }) => {
      await expect(store.list({ cursor: 'not-a-cursor' })).rejects.toSatisfy(isStoreError);
      await expect(store.list({ limit: 0 })).rejects.toSatisfy(isStoreError);
      await expect(store.list({ since: 'yesterday-ish' })).rejects.toSatisfy(isStoreError);
    }));

    it('summarizes sentiment, CSAT, NPS, thermometer and top reasons', withStore(async ({ store }) => {
      const answers = [
        [{ type: 'rating', questionId: 'c', scale: 'csat5', value: 5 }],
        [{ type: 'rating', questionId: 'c', scale: 'csat5', value: 4 }],
        [{ type: 'rating', questionId: 'c', scale: 'csat5', value: 1 }, { type: 'choice', questionId: 'why', values: ['slow', 'price'] }],
        [{ type: 'rating', questionId: 'n', scale: 'nps', value: 10 }],
        [{ type: 'rating', questionId: 'n', scale: 'nps', value: 3 }, { type: 'choice', questionId: 'why', values: ['slow'] }],
        [{ type: 'rating', questionId: 'n', scale: 'nps', value: 8 }],
        [{ type: 'rating', questionId: 't', scale: 'thermometer4', value: 1 }],
        [{ type: 'text', questionId: 'x', value: 'just text' }],
      ] as const;
      for (const a of answers) await store.putIfAbsent(makeRecord(makeResponse({ answers: a as never })));
      await store.putIfAbsent(makeRecord(makeResponse({ surveyId: 'other', answers: [{ type: 'rating', questionId: 'c', scale: 'csat5', value: 1 }] })));
      const s = await store.summary({ surveyId: 'checkout' });
      expect(s.total).toBe(8);
      expect(s.bySentiment).toEqual({ negative: 3, neutral: 1, positive: 3, none: 1 });
      expect(s.csat).toEqual({ answers: 3, satisfied: 2, percent: 66.7 });
      expect(s.nps).toEqual({ answers: 3, promoters: 1, passives: 1, detractors: 1, score: 0 });
      expect(s.thermometer).toEqual({ red: 1, amber: 0, green: 0, gold: 0 });
      expect(s.topReasons).toEqual([
        { questionId: 'why', value: 'slow', count: 2 },
        { questionId: 'why', value: 'price', count: 1 },
      ]);
      expect((await store.summary()).total).toBe(9);
      expect((await store.summary({ since: new Date(Date.now() + 60_000) })).total).toBe(0);
    }));

    it('summarizes thousands of rows exactly, many sharing one millisecond', withStore(async ({ store }) => {
      const count = 4007;
      const base = Date.now() - 60_000;
      // Half share one millisecond, so a store that reads in pages must also break ties by id.
      const records = Array.from({ length: count }, (_, i) =>
        makeRecord(makeResponse({ answers: [{ type: 'rating', questionId: 'c', scale: 'csat5', value: (i % 5) + 1 }] as never }), i % 2 ? base : base + i),
      );
      for (let i = 0; i < count; i += 500) await Promise.all(records.slice(i, i + 500).map((r) => store.putIfAbsent(r)));
      const s = await store.summary();
      expect(s.total).toBe(count);
      const satisfied = records.filter((_, i) => (i % 5) + 1 >= 4).length;
      expect(s.csat).toEqual({ answers: count, satisfied, percent: Math.round((satisfied / count) * 1000) / 10 });
      expect(s.bySentiment.negative + s.bySentiment.neutral + s.bySentiment.positive).toBe(count);
      expect(s.cases.byStatus.new).toBe(count);
      // `since` to the millisecond, not to the day.
      expect((await store.summary({ since: new Date(base + 1) })).total).toBe(Math.floor(count / 2));
    }));

    it('keeps pending alerts in an outbox: claim, lease, retry, give up, complete', withStore(async ({ store }) => {
      const record = makeRecord(makeResponse());
      await store.putIfAbsent(record, ['hook-a', 'hook-b']);
      await store.putIfAbsent(record, ['hook-a', 'hook-b']); // a repeat adds no alerts
      const now = Date.now();
      const claimed = await store.claimAlerts({ now, limit: 10, leaseMs: 60_000 });
      expect(claimed.map((a) => a.alert).sort()).toEqual(['hook-a', 'hook-b']);
      expect(claimed.every((a) => a.responseId === record.id && a.attempts === 0 && a.kind === 'response')).toBe(true);
      expect(await store.claimAlerts({ now, limit: 10, leaseMs: 60_000 })).toEqual([]); // leased
      const [a, b] = claimed.sort((x, y) => x.alert.localeCompare(y.alert));
      await store.failAlert(a!.id, { retryAt: now + 1000, error: 'HTTP 500' });
      await store.failAlert(b!.id, { retryAt: null, error: 'gave up' });
      expect(await store.claimAlerts({ now: now + 500, limit: 10, leaseMs: 60_000 })).toEqual([]);
      const retry = await store.claimAlerts({ now: now + 1000, limit: 10, leaseMs: 60_000 });
      expect(retry).toEqual([{ id: a!.id, alert: 'hook-a', responseId: record.id, kind: 'response', attempts: 1 }]);
      await store.completeAlert(a!.id);
      expect(await store.claimAlerts({ now: now + 10_000_000, limit: 10, leaseMs: 1 })).toEqual([]);
    }));

    it('counts an attempt when it is claimed, so a claim cut short by a crash is counted', withStore(async ({ store }) => {
      const record = makeRecord(makeResponse());
      await store.putIfAbsent(record, ['hook']);
      const now = Date.now();
      expect((await store.claimAlerts({ now, limit: 10, leaseMs: 1000 })).map((a) => a.attempts)).toEqual([0]);
      // The claimer died: no completeAlert, no failAlert. The lease runs out and the next claim is attempt 2.
      expect(await store.claimAlerts({ now: now + 999, limit: 10, leaseMs: 1000 })).toEqual([]);
      const [again] = await store.claimAlerts({ now: now + 1000, limit: 10, leaseMs: 1000 });
      expect(again).toMatchObject({ responseId: record.id, attempts: 1 });
      // A failure reschedules without counting twice.
      await store.failAlert(again!.id, { retryAt: now + 2000, error: 'HTTP 503' });
      expect((await store.claimAlerts({ now: now + 2000, limit: 10, leaseMs: 1000 })).map((a) => a.attempts)).toEqual([2]);
    }));

    it('renews the lease of claims still being delivered, and never revives a given-up alert', withStore(async ({ store }) => {
      const a = makeRecord(makeResponse());
      const b = makeRecord(makeResponse());
      await store.putIfAbsent(a, ['hook']);
      await store.putIfAbsent(b, ['hook']);
      const now = Date.now();
      const claimed = await store.claimAlerts({ now, limit: 10, leaseMs: 1000 });
      expect(claimed).toHaveLength(2);
      const ofA = claimed.find((c) => c.responseId === a.id)!;
      const ofB = claimed.find((c) => c.responseId === b.id)!;
      await store.failAlert(ofB.id, { retryAt: null, error: 'gave up' });
      await store.renewAlerts({ ids: [ofA.id, ofB.id, 'no-such-alert'], until: now + 5000 });
      await store.renewAlerts({ ids: [], until: now + 5000 });
      expect(await store.claimAlerts({ now: now + 4999, limit: 10, leaseMs: 1000 })).toEqual([]);
      expect((await store.claimAlerts({ now: now + 5000, limit: 10, leaseMs: 1000 })).map((c) => c.id)).toEqual([ofA.id]);
      await store.completeAlert(ofA.id);
      await store.renewAlerts({ ids: [ofA.id], until: now + 5000 });
      expect(await store.claimAlerts({ now: now + 10_000_000, limit: 10, leaseMs: 1 })).toEqual([]);
    }));

    it('claims only the named sink when asked', withStore(async ({ store }) => {
      const record = makeRecord(makeResponse());
      await store.putIfAbsent(record, ['slow-hook', 'fast-hook']);
      const now = Date.now();
      expect((await store.claimAlerts({ now, limit: 10, leaseMs: 1000, alert: 'fast-hook' })).map((c) => c.alert)).toEqual(['fast-hook']);
      expect(await store.claimAlerts({ now, limit: 10, leaseMs: 1000, alert: 'fast-hook' })).toEqual([]);
      expect(await store.claimAlerts({ now, limit: 10, leaseMs: 1000, alert: 'nobody' })).toEqual([]);
      expect((await store.claimAlerts({ now, limit: 10, leaseMs: 1000 })).map((c) => c.alert)).toEqual(['slow-hook']);
    }));

    it('puts a response without alerts in no outbox', withStore(async ({ store }) => {
      await store.putIfAbsent(makeRecord(makeResponse()));
      expect(await store.claimAlerts({ now: Date.now() + 1000, limit: 10, leaseMs: 1000 })).toEqual([]);
    }));

    it('keeps responses and pending alerts across a restart when durable', async () => {
      const fixture = await open();
      if (!fixture.reopen) {
        await fixture.store.close();
        expect(name).toBe('memory'); // only the memory store may forget
        return;
      }
      const record = makeRecord(makeResponse());
      await fixture.store.putIfAbsent(record, ['hook']);
      const store = await fixture.reopen();
      try {
        expect(await store.get(record.id)).toEqual(record);
        expect((await store.claimAlerts({ now: Date.now(), limit: 10, leaseMs: 1000 })).map((a) => a.responseId)).toEqual([record.id]);
      } finally {
        await store.close();
      }
    });
  });
}
