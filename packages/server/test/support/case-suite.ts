/**
 * The one case test-suite: cases, their timeline and changes, case lists and search, the overdue
 * sweep, erasure, the summary's case figures, export, watch and the account store. Every built-in
 * store (memory, SQLite, PostgreSQL) runs it with one line in its test file, so the API can rely
 * on the same behaviour from each. Each test opens its own empty store.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@earful/schema';
import { isCaseRuleError, isStoreError } from '../../src/errors.js';
import { followUpLink } from '../../src/follow-up/follow-up-link.js';
import { followUpRoutes } from '../../src/follow-up/follow-up-routes.js';
import type { AuthToken, CaseChange, CaseQuery, ResponseStore, StoreChange, StoredResponse } from '../../src/store.js';
import { complaint, drain, eventually, makeRecord, makeResponse } from './fixtures.js';
import { withStoreOf, type StoreFixture } from './store-suite.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A fixed arrival time, so due times, `now` and the series are exact. */
const T0 = Date.parse('2026-11-20T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const ANA = 'user:ana@shop.example';

/** A change by Ana at `T0 + minutes`. */
const by = (minutes: number, rest: Omit<CaseChange, 'actor' | 'at'>, actor = ANA): CaseChange => ({ actor, at: iso(T0 + minutes * MINUTE), ...rest });

export function describeCaseStore(name: string, open: () => Promise<StoreFixture>): void {
  const withStore = withStoreOf(open);

  async function put(store: ResponseStore, record: StoredResponse, dueInMs?: number, alerts: readonly string[] = []): Promise<StoredResponse> {
    const received = Date.parse(record.receivedAt);
    const init = dueInMs === undefined ? undefined : { firstResponseDueAt: iso(received + dueInMs), resolutionDueAt: iso(received + 7 * DAY) };
    expect(await store.putIfAbsent(record, alerts, init)).toEqual({ inserted: true });
    return record;
  }

  async function caseOf(store: ResponseStore, id: string, now = T0) {
    const found = await store.getCase(id, { now });
    if (!found) throw new Error(`no case ${id}`);
    return found.case;
  }

  async function apply(store: ResponseStore, id: string, change: CaseChange) {
    const result = await store.changeCase(id, change);
    if (result.kind !== 'applied') throw new Error(`expected the change to apply, got ${result.kind}`);
    return result;
  }

  describe(`${name} store: cases`, () => {
    it('gives a new response a case: new, version 1, SLA times from CaseInit, a received entry', withStore(async ({ store }) => {
      const record = makeRecord(
        complaint('Late again', { answers: [{ type: 'contact', questionId: 'c', consent: true, email: 'kim@example.kr' }] }),
        T0,
      );
      const init = { firstResponseDueAt: iso(T0 + HOUR), resolutionDueAt: iso(T0 + 7 * DAY) };
      expect(await store.putIfAbsent(record, [], init)).toEqual({ inserted: true });
      const found = await store.getCase(record.id, { now: T0 });
      expect(found?.record).toEqual(record);
      expect(found?.case).toEqual({
        id: record.id,
        surveyId: 'checkout',
        receivedAt: record.receivedAt,
        sentiment: 'negative',
        status: 'new',
        assignee: null,
        tags: [],
        remedy: null,
        remedyNote: null,
        dueAt: null,
        version: 1,
        firstResponseAt: null,
        firstResponseDueAt: init.firstResponseDueAt,
        resolutionDueAt: init.resolutionDueAt,
        resolvedAt: null,
        overdue: false,
        contactable: true,
        followUp: null,
        updatedAt: record.receivedAt,
      });
      expect(await store.timeline(record.id)).toEqual([{ seq: 1, type: 'received', at: record.receivedAt, actor: 'system' }]);
      // Overdue is decided when read, at `now`.
      expect((await caseOf(store, record.id, T0 + HOUR - 1)).overdue).toBe(false);
      expect((await caseOf(store, record.id, T0 + HOUR)).overdue).toBe(true);

      // A repeat adds no second case or entry; no CaseInit means no targets; no consent, no contact.
      await store.putIfAbsent({ ...record, receivedAt: iso(T0 + 5000) }, [], init);
      expect(await store.timeline(record.id)).toHaveLength(1);
      const plain = await put(store, makeRecord(makeResponse(), T0));
      expect(await caseOf(store, plain.id)).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null, contactable: false, overdue: false });
      expect(await store.getCase(randomUUID())).toBeUndefined();
      expect(await store.timeline(randomUUID())).toEqual([]);
    }));

    it('applies each patch field with the timeline entries it implies, one version per change', withStore(async ({ store }) => {
      const { id } = await put(store, makeRecord(complaint('Late'), T0), HOUR);
      const due = iso(T0 + 2 * DAY);
      const steps: [CaseChange, Partial<TimelineEvent>[]][] = [
        [by(1, { expectedVersion: 1, patch: { status: 'acknowledged' } }), [{ type: 'status_changed', from: 'new', to: 'acknowledged' }]],
        [by(2, { expectedVersion: 2, patch: { assignee: 'ana@shop.example' } }), [{ type: 'assigned', from: null, to: 'ana@shop.example' }]],
        [by(3, { expectedVersion: 3, patch: { tags: ['vip', 'late'] } }), [{ type: 'tagged', added: ['vip', 'late'], removed: [] }]],
        [by(4, { expectedVersion: 4, patch: { tags: ['late', 'refund'] } }), [{ type: 'tagged', added: ['refund'], removed: ['vip'] }]],
        [by(5, { expectedVersion: 5, patch: { status: 'resolving', dueAt: due } }), [{ type: 'status_changed', from: 'acknowledged', to: 'resolving', dueAt: due }]],
        [
          by(6, { expectedVersion: 6, patch: { status: 'resolved', remedy: 'refund', remedyNote: 'refunded 20 €' } }),
          [{ type: 'status_changed', from: 'resolving', to: 'resolved', remedy: 'refund', remedyNote: 'refunded 20 €' }],
        ],
      ];
      let seq = 1;
      for (const [change, expected] of steps) {
        const result = await apply(store, id, change);
        expect(result.events).toEqual(expected.map((e) => ({ seq: (seq += 1), at: change.at, actor: ANA, ...e })));
        expect(result.case.version).toBe(change.expectedVersion! + 1);
        expect(result.case.updatedAt).toBe(change.at);
      }
      expect(await caseOf(store, id)).toMatchObject({
        status: 'resolved',
        assignee: 'ana@shop.example',
        tags: ['late', 'refund'],
        remedy: 'refund',
        remedyNote: 'refunded 20 €',
        dueAt: due,
        version: 7,
        firstResponseAt: iso(T0 + MINUTE),
        resolvedAt: iso(T0 + 6 * MINUTE),
      });
      // The same tags in another order, or the same assignee, change nothing: no entry, no version.
      const same = await apply(store, id, by(7, { expectedVersion: 7, patch: { tags: ['refund', 'late'], assignee: 'ana@shop.example' } }));
      expect(same.events).toEqual([]);
      expect(same.case.version).toBe(7);
      expect((await store.timeline(id)).map((e) => [e.seq, e.type])).toEqual([
        [1, 'received'],
        [2, 'status_changed'],
        [3, 'assigned'],
        [4, 'tagged'],
        [5, 'tagged'],
        [6, 'status_changed'],
        [7, 'status_changed'],
      ]);
    }));

    it('reopening clears the remedy, its note, resolvedAt and the due date', withStore(async ({ store }) => {
      const { id } = await put(store, makeRecord(complaint('Broken'), T0), HOUR);
      await apply(store, id, by(1, { patch: { status: 'resolving', dueAt: iso(T0 + DAY) } }));
      await apply(store, id, by(2, { patch: { status: 'resolved', remedy: 'replacement', remedyNote: 'new one sent' } }));
      const reopened = await apply(store, id, by(3, { expectedVersion: 3, patch: { status: 'acknowledged' } }));
      expect(reopened.case).toMatchObject({ status: 'acknowledged', remedy: null, remedyNote: null, resolvedAt: null, dueAt: null, version: 4 });
      expect(reopened.events).toEqual([{ seq: 4, type: 'status_changed', at: iso(T0 + 3 * MINUTE), actor: ANA, from: 'resolved', to: 'acknowledged', dueAt: null }]);
      // The first response stays the first one.
      expect(reopened.case.firstResponseAt).toBe(iso(T0 + MINUTE));
    }));

    it('records notes, replies, follow-ups and alerts as entries; only field changes move the version', withStore(async ({ store }) => {
      const { id } = await put(store, makeRecord(complaint('Late'), T0), HOUR);
      const note = await apply(store, id, by(1, { expectedVersion: 1, event: { type: 'note_added', text: 'Called, no answer' } }));
      expect(note.events).toEqual([{ seq: 2, type: 'note_added', text: 'Called, no answer', at: iso(T0 + MINUTE), actor: ANA }]);
      expect(note.case).toMatchObject({ version: 1, updatedAt: iso(T0), firstResponseAt: null });

      const reply = { type: 'reply_sent', to: 'kim@example.kr', subject: 'Sorry', body: 'We are sorry.', messageId: '<m1@shop.example>' } as const;
      expect((await apply(store, id, by(2, { expectedVersion: 1, event: reply }))).case).toMatchObject({ version: 2, firstResponseAt: iso(T0 + 2 * MINUTE) });
      const second = await apply(store, id, by(3, { expectedVersion: 2, event: { ...reply, messageId: null } }));
      expect(second.case).toMatchObject({ version: 2, firstResponseAt: iso(T0 + 2 * MINUTE) });
      expect(second.events).toEqual([{ seq: 4, ...reply, messageId: null, at: iso(T0 + 3 * MINUTE), actor: ANA }]);

      const expiresAt = iso(T0 + 14 * DAY);
      const sent = await apply(store, id, by(4, { event: { type: 'follow_up_sent', via: 'link', expiresAt } }));
      expect(sent.case).toMatchObject({ version: 3, followUp: { sentAt: iso(T0 + 4 * MINUTE), expiresAt, answeredAt: null, sentiment: null, responseId: null } });
      const responseId = randomUUID();
      const answered = await apply(store, id, by(5, { event: { type: 'follow_up_answered', responseId, sentiment: 'positive' } }, 'customer'));
      expect(answered.case).toMatchObject({
        version: 4,
        followUp: { sentAt: iso(T0 + 4 * MINUTE), expiresAt, answeredAt: iso(T0 + 5 * MINUTE), sentiment: 'positive', responseId },
      });
      const alerted = await apply(store, id, by(6, { event: { type: 'alerted', alert: 'slack', kind: 'response' } }, 'system'));
      expect(alerted.case.version).toBe(4);
      expect((await store.timeline(id)).map((e) => `${e.seq}:${e.type}:${e.actor}`)).toEqual([
        '1:received:system',
        `2:note_added:${ANA}`,
        `3:reply_sent:${ANA}`,
        `4:reply_sent:${ANA}`,
        `5:follow_up_sent:${ANA}`,
        '6:follow_up_answered:customer',
        '7:alerted:system',
      ]);
    }));

    it('sets firstResponseAt on the first reply or a person taking the case up — not by the system, not for spam', withStore(async ({ store }) => {
      const [a, b, c] = await Promise.all([1, 2, 3].map((i) => put(store, makeRecord(complaint(`case ${i}`), T0 + i), HOUR)));
      expect((await apply(store, a!.id, by(1, { patch: { status: 'acknowledged' } }, 'system'))).case.firstResponseAt).toBeNull();
      expect((await apply(store, b!.id, by(1, { patch: { status: 'spam' } }))).case.firstResponseAt).toBeNull();
      expect((await apply(store, b!.id, by(2, { patch: { status: 'new' } }))).case.firstResponseAt).toBeNull();
      // Back from spam to work on it: someone took it up.
      expect((await apply(store, b!.id, by(3, { patch: { status: 'acknowledged' } }))).case.firstResponseAt).toBe(iso(T0 + 3 * MINUTE));
      const reply = { type: 'reply_sent', to: 'kim@example.kr', subject: 'Hi', body: 'Sorry', messageId: null } as const;
      expect((await apply(store, c!.id, by(4, { event: reply }, 'key:crm'))).case.firstResponseAt).toBe(iso(T0 + 4 * MINUTE));
      expect((await apply(store, c!.id, by(5, { patch: { status: 'resolving' } }))).case.firstResponseAt).toBe(iso(T0 + 4 * MINUTE));
    }));

    it('refuses a stale version with the current case and applies nothing', withStore(async ({ store }) => {
      const { id } = await put(store, makeRecord(complaint('Late'), T0), HOUR);
      await apply(store, id, by(1, { expectedVersion: 1, patch: { assignee: 'ana@shop.example' } }));
      const stale = await store.changeCase(id, by(2, { expectedVersion: 1, patch: { assignee: 'bo@shop.example' } }, 'user:bo@shop.example'));
      expect(stale).toMatchObject({ kind: 'conflict', case: { id, version: 2, assignee: 'ana@shop.example' } });
      expect(await store.timeline(id)).toHaveLength(2);
      // Without expectedVersion the change applies regardless.
      expect((await apply(store, id, by(3, { patch: { assignee: null } }))).case).toMatchObject({ version: 3, assignee: null });
    }));

    it('applies a change with an idempotency key once; another body under that key is refused', withStore(async ({ store }) => {
      const { id } = await put(store, makeRecord(complaint('Late'), T0), HOUR);
      const other = await put(store, makeRecord(complaint('Also late'), T0 + 1), HOUR);
      const idempotency = { key: 'req-1', digest: 'aaa' };
      const change = by(1, { expectedVersion: 1, patch: { status: 'acknowledged' }, idempotency });
      expect((await store.changeCase(id, change)).kind).toBe('applied');
      // The retry carries the version it read before: still a repeat, not a conflict.
      expect(await store.changeCase(id, change)).toMatchObject({ kind: 'repeat', case: { id, version: 2, status: 'acknowledged' } });
      expect(await store.changeCase(id, by(2, { patch: { status: 'resolving' }, idempotency: { key: 'req-1', digest: 'bbb' } }))).toMatchObject({
        kind: 'key-reused',
        case: { version: 2, status: 'acknowledged' },
      });
      expect((await store.changeCase(other.id, { ...change, expectedVersion: 1 })).kind).toBe('key-reused');
      expect(await store.timeline(id)).toHaveLength(2);
      expect(await store.timeline(other.id)).toHaveLength(1);
      // Notes too: the repeat adds no second entry.
      const note = by(3, { event: { type: 'note_added', text: 'once' }, idempotency: { key: 'req-2', digest: 'ccc' } });
      expect((await store.changeCase(id, note)).kind).toBe('applied');
      expect((await store.changeCase(id, note)).kind).toBe('repeat');
      expect((await store.timeline(id)).filter((e) => e.type === 'note_added')).toHaveLength(1);
      expect(await store.changeCase(randomUUID(), change)).toEqual({ kind: 'missing' });
    }));

    it('throws a CaseRuleError for a change the rules refuse, and writes nothing', withStore(async ({ store }) => {
      const { id } = await put(store, makeRecord(complaint('Late'), T0), HOUR);
      const refused: CaseChange[] = [
        by(1, { patch: { status: 'resolved' } }),
        by(1, { patch: { remedy: 'refund' } }),
        by(1, { patch: { status: 'acknowledged', dueAt: iso(T0 + DAY) } }),
        by(1, { patch: { remedyNote: 'a note without a resolved case' } }),
        by(1, { patch: { status: 'resolved' }, idempotency: { key: 'bad', digest: 'x' } }),
      ];
      for (const change of refused) await expect(store.changeCase(id, change)).rejects.toSatisfy(isCaseRuleError);
      expect(await caseOf(store, id)).toMatchObject({ version: 1, status: 'new' });
      expect(await store.timeline(id)).toHaveLength(1);
      // A refused change does not use up its key.
      expect((await store.changeCase(id, by(2, { patch: { status: 'acknowledged' }, idempotency: { key: 'bad', digest: 'y' } }))).kind).toBe('applied');
    }));
  });

  describe(`${name} store: case lists and search`, () => {
    /** Six cases, one minute apart, each made to be found by some filters and not others. */
    async function seed(store: ResponseStore) {
      const a = await put(
        store,
        makeRecord(
          complaint('배송이 3주나 늦었고 연락도 없었어요', {
            answers: [
              { type: 'choice', questionId: 'why', values: ['late', 'rude'] },
              { type: 'contact', questionId: 'c', consent: true, email: 'kim@example.kr', name: '김민수' },
            ],
            metadata: { orderId: 'A-1001', channel: 'web' },
            locale: 'ko',
          }),
          T0,
        ),
        HOUR,
      );
      const b = await put(
        store,
        makeRecord(
          makeResponse({
            surveyId: 'support',
            answers: [
              { type: 'rating', questionId: 'q1', scale: 'csat5', value: 5 },
              { type: 'text', questionId: 'q2', value: 'డెలివరీ చాలా ఆలస్యంగా వచ్చింది' },
            ],
            metadata: { orderId: 1002 },
            locale: 'te',
          }),
          T0 + MINUTE,
        ),
      );
      const c = await put(
        store,
        makeRecord(
          makeResponse({
            answers: [
              { type: 'rating', questionId: 'q1', scale: 'csat5', value: 3 },
              { type: 'text', questionId: 'q2', value: 'Piegāde kavējās divas nedēļas' },
            ],
            user: { id: 'u-42' },
            locale: 'lv',
          }),
          T0 + 2 * MINUTE,
        ),
        HOUR,
      );
      const d = await put(
        store,
        makeRecord(
          makeResponse({ answers: [{ type: 'text', questionId: 'q2', value: 'The Parcel arrived BROKEN' }], metadata: { 'a.b': 'dotted', "x'\"y": 'quoted', '$': 'dollar' } }),
          T0 + 3 * MINUTE,
        ),
      );
      await apply(store, d.id, by(5, { patch: { tags: ['vip'], assignee: 'ana@shop.example' } }));
      const e = await put(
        store,
        makeRecord(complaint('Wrong size', { answers: [{ type: 'choice', questionId: 'why', values: ['late'], other: 'zipper stuck' }] }), T0 + 4 * MINUTE),
        HOUR,
      );
      await apply(store, e.id, by(6, { event: { type: 'note_added', text: 'Customer called about the warranty' } }));
      await apply(store, e.id, by(7, { patch: { status: 'resolved', remedy: 'replacement' } }));
      const f = await put(
        store,
        makeRecord(makeResponse({ answers: [{ type: 'rating', questionId: 't', scale: 'thermometer4', value: 1 }, { type: 'text', questionId: 'q2', value: 'cold food' }] }), T0 + 5 * MINUTE),
        10 * HOUR,
      );
      const names = new Map([a, b, c, d, e, f].map((r, i) => [r.id, 'abcdef'[i]!]));
      /** The cases a query finds, by letter, in page order. */
      const found = async (query: CaseQuery) => (await store.listCases({ now: T0 + 3 * HOUR, limit: 100, ...query })).items.map((item) => names.get(item.case.id));
      return { found, ids: { a: a.id, e: e.id } };
    }

    it('filters by status, sentiment, survey, reason, assignee, tag, overdue, dates and metadata', withStore(async ({ store }) => {
      const { found } = await seed(store);
      expect(await found({})).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
      expect(await found({ status: ['new'] })).toEqual(['f', 'd', 'c', 'b', 'a']);
      expect(await found({ status: ['resolved', 'spam'] })).toEqual(['e']);
      expect(await found({ sentiment: 'negative' })).toEqual(['f', 'e', 'a']);
      expect(await found({ sentiment: 'none' })).toEqual(['d']);
      expect(await found({ sentiment: 'neutral' })).toEqual(['c']);
      expect(await found({ surveyId: 'support' })).toEqual(['b']);
      expect(await found({ reason: 'late' })).toEqual(['e', 'a']);
      expect(await found({ reason: 'rude' })).toEqual(['a']);
      expect(await found({ assignee: 'ana@shop.example' })).toEqual(['d']);
      expect(await found({ assignee: null })).toEqual(['f', 'e', 'c', 'b', 'a']);
      expect(await found({ tag: 'vip' })).toEqual(['d']);
      expect(await found({ tag: 'vi' })).toEqual([]);
      // a is negative, unanswered and past its hour; e is answered; f is due in ten hours.
      expect(await found({ overdue: true })).toEqual(['a']);
      expect(await found({ overdue: false })).toEqual(['f', 'e', 'd', 'c', 'b']);
      expect(await found({ overdue: true, now: T0 + 30 * MINUTE })).toEqual([]);
      expect(await found({ overdue: true, now: T0 + 11 * HOUR })).toEqual(['f', 'a']);
      expect(await found({ since: iso(T0 + 2 * MINUTE) })).toEqual(['f', 'e', 'd', 'c']);
      expect(await found({ until: new Date(T0 + 2 * MINUTE) })).toEqual(['b', 'a']);
      expect(await found({ since: iso(T0 + MINUTE), until: iso(T0 + 3 * MINUTE) })).toEqual(['c', 'b']);
      expect(await found({ metadata: { orderId: 'A-1001' } })).toEqual(['a']);
      expect(await found({ metadata: { orderId: '1002' } })).toEqual(['b']);
      expect(await found({ metadata: { orderId: 'A-1001', channel: 'web' } })).toEqual(['a']);
      expect(await found({ metadata: { orderId: 'A-1001', channel: 'app' } })).toEqual([]);
      expect(await found({ metadata: { nothing: 'A-1001' } })).toEqual([]);
      expect(await found({ sentiment: 'negative', status: ['new'] })).toEqual(['f', 'a']);
      await expect(store.listCases({ status: ['open' as never] })).rejects.toSatisfy(isStoreError);
      await expect(store.listCases({ cursor: 'garbage' })).rejects.toSatisfy(isStoreError);
      await expect(store.listCases({ limit: 0 })).rejects.toSatisfy(isStoreError);
    }));

    it('finds words in any script inside longer text, in every searched field, all terms required', withStore(async ({ store }) => {
      const { found } = await seed(store);
      expect(await found({ q: '배송' })).toEqual(['a']); // two syllables inside 배송이
      expect(await found({ q: 'ఆలస్యంగా' })).toEqual(['b']);
      expect(await found({ q: 'kavējās' })).toEqual(['c']);
      expect(await found({ q: 'KAVĒJĀS'.normalize('NFD') })).toEqual(['c']);
      expect(await found({ q: 'broken' })).toEqual(['d']);
      expect(await found({ q: '  PARCEL   broken ' })).toEqual(['d']);
      expect(await found({ q: 'parcel missing' })).toEqual([]);
      expect(await found({ q: 'warranty' })).toEqual(['e']); // only in a note
      expect(await found({ q: 'zipper' })).toEqual(['e']); // the "other" text of a choice
      expect(await found({ q: 'a-1001' })).toEqual(['a']); // a metadata value
      expect(await found({ q: '김민수' })).toEqual(['a']); // the contact's name
      expect(await found({ q: 'U-42' })).toEqual(['c']); // the user id
      expect(await found({ q: 'kim@example.kr' })).toEqual([]); // emails are not searched
      expect(await found({ q: '%' })).toEqual([]);
      expect(await found({ q: '_' })).toEqual([]);
      expect(await found({ q: 'o' })).toEqual(['f', 'e', 'd']); // one letter: no trigram, still found
      expect(await found({ q: '배송 늦었고', sentiment: 'negative' })).toEqual(['a']);
      expect(await found({ q: '   ' })).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
    }));

    it('takes hostile search words and metadata keys as plain data', withStore(async ({ store }) => {
      const { found } = await seed(store);
      const words = ['"parcel', 'parcel*', 'NEAR(parcel', "'); DROP TABLE cases; --", '\\', 'parcel OR', '%parcel%', '[a-z]'];
      for (const q of words) expect(await found({ q }), q).toEqual([]);
      expect(await found({ metadata: { 'a.b': 'dotted' } })).toEqual(['d']);
      expect(await found({ metadata: { a: 'dotted' } })).toEqual([]);
      expect(await found({ metadata: { "x'\"y": 'quoted' } })).toEqual(['d']);
      expect(await found({ metadata: { $: 'dollar' } })).toEqual(['d']);
      expect(await found({ metadata: { "orderId') OR 1=1 --": 'x' } })).toEqual([]);
      expect(await found({ metadata: { '$.orderId': 'A-1001' } })).toEqual([]);
      // Still whole afterwards.
      expect(await found({ q: 'parcel' })).toEqual(['d']);
    }));

    it('pages newest first through everything, many cases sharing one arrival time', withStore(async ({ store }) => {
      const records = Array.from({ length: 23 }, (_, i) => makeRecord(complaint(`case ${i}`), T0 + Math.floor(i / 5) * MINUTE));
      for (const r of records) await put(store, r, HOUR);
      const expected = records
        .map((r) => r.id)
        .sort((x, y) => {
          const dx = Date.parse(records.find((r) => r.id === x)!.receivedAt);
          const dy = Date.parse(records.find((r) => r.id === y)!.receivedAt);
          return dy - dx || (x < y ? 1 : -1);
        });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page += 1) {
        const result = await store.listCases({ limit: 4, ...(cursor ? { cursor } : {}) });
        seen.push(...result.items.map((item) => item.case.id));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(seen).toEqual(expected);
    }));

    it('pages most urgent first: open negative by due time, then other open, then closed; newest within', withStore(async ({ store }) => {
      const now = T0 + 10 * HOUR;
      type Plan = { sentiment: 'negative' | 'positive'; due?: number; close?: boolean; answered?: boolean; at: number };
      const plans: Plan[] = [];
      // Many share an arrival time and a due time, so only the id separates them.
      for (let i = 0; i < 30; i += 1) {
        plans.push({
          sentiment: i % 3 === 0 ? 'positive' : 'negative',
          due: i % 4 === 0 ? undefined : (i % 2) * HOUR + HOUR,
          close: i % 7 === 0,
          answered: i % 5 === 0,
          at: T0 + (i % 3) * MINUTE,
        });
      }
      const ids: string[] = [];
      for (const [i, plan] of plans.entries()) {
        const response = plan.sentiment === 'negative' ? complaint(`urgent ${i}`) : makeResponse({ answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 5 }] });
        const record = makeRecord(response, plan.at);
        await put(store, record, plan.due);
        if (plan.answered) await apply(store, record.id, by(1, { patch: { status: 'acknowledged' } }));
        if (plan.close) await apply(store, record.id, by(2, { patch: { status: 'spam' } }));
        ids.push(record.id);
      }
      // The order, worked out here from the plan (not from the store's own rule).
      const rank = (i: number) => {
        const p = plans[i]!;
        const priority = p.close ? 2 : p.sentiment === 'negative' ? 0 : 1;
        // Answered cases are due at their resolution target: 7 days after arrival.
        const due = p.close || p.due === undefined ? Infinity : p.answered ? p.at + 7 * DAY : p.at + p.due;
        return { priority, due, at: p.at, id: ids[i]! };
      };
      const expected = plans
        .map((_, i) => rank(i))
        .sort((x, y) => x.priority - y.priority || (x.due === y.due ? 0 : x.due < y.due ? -1 : 1) || y.at - x.at || (x.id < y.id ? 1 : -1))
        .map((r) => r.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page += 1) {
        const result = await store.listCases({ sort: 'urgent', limit: 4, now, ...(cursor ? { cursor } : {}) });
        seen.push(...result.items.map((item) => item.case.id));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(seen).toEqual(expected);
      // Filters and the urgent order together.
      const negativeOpen = await store.listCases({ sort: 'urgent', sentiment: 'negative', status: ['new'], limit: 100, now });
      expect(negativeOpen.items.map((item) => item.case.id)).toEqual(expected.filter((id) => negativeOpen.items.some((item) => item.case.id === id)));
      expect(negativeOpen.items[0]!.case.overdue).toBe(true);
    }));
  });

  describe(`${name} store: overdue`, () => {
    it('marks each negative, past-due, unanswered case once, with one overdue alert per sink and an entry', withStore(async ({ store }) => {
      const late = await put(store, makeRecord(complaint('Late'), T0), HOUR);
      const later = await put(store, makeRecord(complaint('Later'), T0 + MINUTE), 30 * MINUTE);
      const answered = await put(store, makeRecord(complaint('Answered'), T0), HOUR);
      await apply(store, answered.id, by(5, { patch: { status: 'acknowledged' } }));
      const notYet = await put(store, makeRecord(complaint('Not yet'), T0), 5 * HOUR);
      await put(store, makeRecord(makeResponse({ answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 5 }] }), T0), HOUR);
      await put(store, makeRecord(complaint('No target'), T0));
      const now = T0 + 2 * HOUR;

      // The earliest due first: `later` was due at T0 + 31 min.
      expect(await store.markOverdue({ now, alerts: ['hook', 'mail'], limit: 1 })).toEqual([later.id]);
      expect(await store.markOverdue({ now, alerts: ['hook', 'mail'], limit: 10 })).toEqual([late.id]);
      expect(await store.markOverdue({ now, alerts: ['hook', 'mail'], limit: 10 })).toEqual([]);
      expect(await store.markOverdue({ now: now + 10 * HOUR, alerts: ['hook'], limit: 10 })).toEqual([notYet.id]);

      const entries = (await store.timeline(late.id)).filter((e) => e.type === 'overdue');
      expect(entries).toEqual([{ seq: 2, type: 'overdue', target: 'first_response', at: iso(now), actor: 'system' }]);
      expect(await caseOf(store, late.id, now)).toMatchObject({ overdue: true, version: 1 });

      const claimed = await store.claimAlerts({ now: now + 11 * HOUR, limit: 100, leaseMs: 1000 });
      expect(claimed.map((a) => `${a.responseId}:${a.kind}:${a.alert}`).sort()).toEqual(
        [`${late.id}:overdue:hook`, `${late.id}:overdue:mail`, `${later.id}:overdue:hook`, `${later.id}:overdue:mail`, `${notYet.id}:overdue:hook`].sort(),
      );
      expect(claimed.every((a) => a.id === `${a.responseId}:overdue:${a.alert}`)).toBe(true);
    }));

    it('marks a case once even when two sweeps run at once', withStore(async ({ store }) => {
      const records = await Promise.all(Array.from({ length: 5 }, (_, i) => put(store, makeRecord(complaint(`late ${i}`), T0 + i), HOUR)));
      const sweeps = await Promise.all([1, 2, 3].map(() => store.markOverdue({ now: T0 + DAY, alerts: ['hook'], limit: 100 })));
      expect(sweeps.flat().sort()).toEqual(records.map((r) => r.id).sort());
      expect(await store.claimAlerts({ now: T0 + DAY, limit: 100, leaseMs: 1000 })).toHaveLength(5);
    }));
  });

  describe(`${name} store: erasure`, () => {
    it('erases one response: texts gone, a tombstone with counts, never stored again, out of every figure', withStore(async ({ store }) => {
      const keep = await put(store, makeRecord(complaint('Keep me'), T0), HOUR);
      const gone = await put(
        store,
        makeRecord(complaint('My secret complaint', { answers: [{ type: 'contact', questionId: 'c', consent: true, email: 'kim@example.kr', name: 'Kim' }] }), T0 + MINUTE),
        HOUR,
        ['hook'],
      );
      await apply(store, gone.id, by(2, { event: { type: 'note_added', text: 'secret note one' } }));
      await apply(store, gone.id, by(3, { event: { type: 'note_added', text: 'secret note two' } }));
      await apply(store, gone.id, by(4, { event: { type: 'reply_sent', to: 'kim@example.kr', subject: 'secret subject', body: 'secret body', messageId: '<m@x>' } }));
      await apply(store, gone.id, by(5, { patch: { status: 'resolved', remedy: 'refund', remedyNote: 'secret remedy' } }));
      const before = await store.summary({ now: T0 + HOUR, days: 7 });

      const tombstones = await store.erase({ responseId: gone.id }, { actor: ANA, at: iso(T0 + DAY) });
      const tombstone = { id: gone.id, erasedAt: iso(T0 + DAY), actor: ANA, counts: { answers: 3, notes: 2, replies: 1 } };
      expect(tombstones).toEqual([tombstone]);
      expect(await store.tombstone(gone.id)).toEqual(tombstone);
      expect(await store.tombstone(keep.id)).toBeUndefined();
      expect(await store.get(gone.id)).toBeUndefined();
      expect(await store.getCase(gone.id)).toBeUndefined();
      expect(await store.putIfAbsent(gone, ['hook'])).toEqual({ inserted: false, erased: true });
      expect(await store.get(gone.id)).toBeUndefined();

      // The timeline keeps kinds, times and actors, and not one word of what was written.
      const timeline = await store.timeline(gone.id);
      expect(timeline.map((e) => e.type)).toEqual(['received', 'note_added', 'note_added', 'reply_sent', 'status_changed', 'erased']);
      expect(timeline.at(-1)).toEqual({ seq: 6, type: 'erased', at: iso(T0 + DAY), actor: ANA });
      expect(JSON.stringify(timeline)).not.toMatch(/secret|kim@example/);

      expect((await store.list()).items.map((r) => r.id)).toEqual([keep.id]);
      expect((await store.listCases()).items.map((item) => item.case.id)).toEqual([keep.id]);
      expect((await store.listCases({ q: 'secret' })).items).toEqual([]);
      expect((await drain(store.exportRows())).map((row) => row.record.id)).toEqual([keep.id]);
      // Its pending alert would carry the customer's data: gone too.
      expect((await store.claimAlerts({ now: T0 + 2 * DAY, limit: 10, leaseMs: 1000 })).map((a) => a.responseId)).toEqual([]);

      // Erased responses leave the summary's figures.
      const after = await store.summary({ now: T0 + HOUR, days: 7 });
      expect(before.total).toBe(2);
      expect(before.cases.byRemedy.refund).toBe(1);
      expect(after.total).toBe(1);
      expect(after.bySentiment.negative).toBe(1);
      expect(after.csat).toEqual({ answers: 1, satisfied: 0, percent: 0 });
      expect(after.cases.byStatus).toEqual({ new: 1, acknowledged: 0, resolving: 0, resolved: 0, spam: 0 });
      expect(after.cases.byRemedy.refund).toBe(0);
      expect(after.cases.firstResponse.count).toBe(0);
      expect(after.series.reduce((n, d) => n + d.count, 0)).toBe(1);

      expect(await store.erase({ responseId: gone.id }, { actor: ANA, at: iso(T0 + 2 * DAY) })).toEqual([]);
      expect(await store.erase({ responseId: randomUUID() }, { actor: ANA, at: iso(T0 + 2 * DAY) })).toEqual([]);
    }));

    it('erases every response of an email (any case) or of a user id', withStore(async ({ store }) => {
      const contact = (email: string) => [{ type: 'contact' as const, questionId: 'c', consent: true as const, email }];
      const one = await put(store, makeRecord(complaint('first', { answers: contact('Kim@Example.kr') }), T0));
      const two = await put(store, makeRecord(complaint('second', { answers: contact('kim@example.kr') }), T0 + 1));
      const other = await put(store, makeRecord(complaint('other', { answers: contact('lee@example.kr') }), T0 + 2));
      const user = await put(store, makeRecord(complaint('by user', { user: { id: 'u-7' } }), T0 + 3));
      const otherUser = await put(store, makeRecord(complaint('by another user', { user: { id: 'u-70' } }), T0 + 4));

      const byEmail = await store.erase({ email: 'KIM@example.KR' }, { actor: 'system', at: iso(T0 + DAY) });
      expect(byEmail.map((t) => t.id).sort()).toEqual([one.id, two.id].sort());
      const byUser = await store.erase({ userId: 'u-7' }, { actor: 'system', at: iso(T0 + DAY) });
      expect(byUser.map((t) => t.id)).toEqual([user.id]);
      expect((await store.list()).items.map((r) => r.id).sort()).toEqual([other.id, otherUser.id].sort());
      expect(await store.erase({ email: 'nobody@example.kr' }, { actor: 'system', at: iso(T0 + DAY) })).toEqual([]);
    }));
  });

  describe(`${name} store: summary of cases`, () => {
    it('counts cases by status and remedy, open and overdue, response and resolution times, recovery and a daily series', withStore(async ({ store }) => {
      const now = T0 + 2 * DAY + 12 * HOUR; // 2026-11-22 20:00 UTC
      const durations = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      const records: StoredResponse[] = [];
      for (const [i, hours] of durations.entries()) {
        const record = await put(store, makeRecord(complaint(`late ${i}`, { answers: [{ type: 'choice', questionId: 'why', values: ['late'] }] }), T0 + i), HOUR);
        records.push(record);
        const at = iso(T0 + i + hours * HOUR);
        await apply(store, record.id, { actor: ANA, at, patch: { status: 'acknowledged' } });
        if (i < 4) await apply(store, record.id, { actor: ANA, at: iso(T0 + i + hours * 2 * HOUR), patch: { status: 'resolved', remedy: i < 3 ? 'refund' : 'apology' } });
      }
      // Follow-ups: three sent, two answered, one of them positive.
      for (const [i, sentiment] of (['positive', 'negative', null] as const).entries()) {
        const id = records[i]!.id;
        await apply(store, id, by(3 * 60, { event: { type: 'follow_up_sent', via: 'email', expiresAt: iso(T0 + 14 * DAY) } }));
        if (sentiment) await apply(store, id, by(4 * 60, { event: { type: 'follow_up_answered', responseId: randomUUID(), sentiment } }, 'customer'));
      }
      // Overdue now: negative, unanswered, due an hour after arrival. Then spam and a positive one.
      await put(store, makeRecord(complaint('nobody answered'), T0 + DAY), HOUR);
      const spam = await put(store, makeRecord(complaint('buy pills'), now - HOUR), HOUR);
      await apply(store, spam.id, { actor: ANA, at: iso(now - 30 * MINUTE), patch: { status: 'spam' } });
      await put(store, makeRecord(makeResponse({ answers: [{ type: 'rating', questionId: 'n', scale: 'nps', value: 10 }] }), now - HOUR));
      // In another survey, and long before the series: counted in totals only where the query says.
      await put(store, makeRecord(complaint('other survey', { surveyId: 'support' }), T0), HOUR);
      await put(store, makeRecord(complaint('long ago'), T0 - 30 * DAY), HOUR);

      const s = await store.summary({ surveyId: 'checkout', now, days: 7 });
      expect(s.total).toBe(14);
      expect(s.cases.byStatus).toEqual({ new: 3, acknowledged: 6, resolving: 0, resolved: 4, spam: 1 });
      expect(s.cases.open).toBe(9);
      expect(s.cases.overdue).toBe(2); // "nobody answered" and "long ago"
      expect(s.cases.byRemedy).toEqual({ apology: 1, refund: 3, discount: 0, credit: 0, replacement: 0, fix: 0, other: 0 });
      // Nearest rank: p50 of ten is the 5th, p90 the 9th.
      expect(s.cases.firstResponse).toEqual({ count: 10, p50Ms: 5 * HOUR, p90Ms: 9 * HOUR });
      expect(s.cases.resolution).toEqual({ count: 4, p50Ms: 4 * HOUR, p90Ms: 8 * HOUR });
      expect(s.recovery).toEqual({ sent: 3, answered: 2, positive: 1, rate: 50 });
      expect(s.topReasons).toEqual([{ questionId: 'why', value: 'late', count: 10 }]);

      expect(s.series.map((d) => d.day)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
      expect(s.series[0]).toEqual({ day: '2026-11-16', count: 0, csat: null, nps: null, negativeShare: null });
      expect(s.series[4]).toEqual({ day: '2026-11-20', count: 10, csat: 0, nps: null, negativeShare: 100 });
      expect(s.series[5]).toEqual({ day: '2026-11-21', count: 1, csat: 0, nps: null, negativeShare: 100 });
      expect(s.series[6]).toEqual({ day: '2026-11-22', count: 2, csat: 0, nps: 100, negativeShare: 50 });

      // Overdue is counted at `now`; `since` and the survey narrow every figure.
      expect((await store.summary({ surveyId: 'checkout', now: T0, days: 7 })).cases.overdue).toBe(1);
      const since = await store.summary({ surveyId: 'checkout', since: iso(T0 + DAY), now, days: 7 });
      expect(since.total).toBe(3);
      expect(since.cases.byStatus).toEqual({ new: 2, acknowledged: 0, resolving: 0, resolved: 0, spam: 1 });
      expect(since.cases.firstResponse).toEqual({ count: 0, p50Ms: null, p90Ms: null });
      expect(since.recovery).toEqual({ sent: 0, answered: 0, positive: 0, rate: null });
      // The series too: the ten of 2026-11-20 arrived before `since`.
      expect(since.series.map((d) => d.count)).toEqual([0, 0, 0, 0, 0, 1, 2]);
      const all = await store.summary({ now });
      expect(all.total).toBe(15);
      expect(all.series).toHaveLength(90);
      expect(all.series.at(-1)!.day).toBe('2026-11-22');
      await expect(store.summary({ days: 0 })).rejects.toSatisfy(isStoreError);
      await expect(store.summary({ days: 367 })).rejects.toSatisfy(isStoreError);
    }));
  });

  describe(`${name} store: follow-up answers`, () => {
    it('an answer belongs to its case: lists and the summary count the original only; a negative answer reopens it', withStore(async ({ store }) => {
      const errors: unknown[] = [];
      let clock = T0 + 2 * HOUR;
      // The customer's side, as the receiver serves it: the answer is stored and the case told.
      const page = followUpRoutes({ store, now: () => clock, widgetScript: false, rateLimit: false, onError: (error) => errors.push(error) });
      const answer = async (caseId: string, rating: number): Promise<string> => {
        const link = await followUpLink({ store, caseId, publicUrl: 'https://feedback.shop.example', ttlMs: 14 * DAY, now: clock });
        await apply(store, caseId, { actor: ANA, at: iso(clock), event: { type: 'follow_up_sent', via: 'link', expiresAt: link.expiresAt } });
        const sent = await page(
          new Request(`http://r.test/follow-up/${link.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rating }) }),
        );
        expect(sent.status).toBe(202);
        return ((await sent.json()) as { id: string }).id;
      };
      const ids = async (query: CaseQuery = {}) => (await store.listCases({ now: clock, ...query })).items.map((item) => item.case.id);
      const a = await put(store, makeRecord(complaint('late'), T0), HOUR);
      const b = await put(store, makeRecord(complaint('broken'), T0 + MINUTE), HOUR);
      for (const record of [a, b]) await apply(store, record.id, by(60, { patch: { status: 'resolved', remedy: 'refund' } }));
      const changes: StoreChange[] = [];
      const stop = store.watch((change) => changes.push(change));

      // "Gold": the case stays resolved, nothing is open, and the answer is no case to work.
      const gold = await answer(a.id, 4);
      expect((await caseOf(store, a.id)).status).toBe('resolved');
      expect(await ids()).toEqual([b.id, a.id]);
      expect(await ids({ status: ['new'] })).toEqual([]);
      expect(await ids({ sort: 'urgent' })).toEqual([b.id, a.id]);
      let s = await store.summary({ now: clock });
      expect(s.total).toBe(2);
      expect(s.cases.open).toBe(0);
      expect(s.cases.byStatus).toEqual({ new: 0, acknowledged: 0, resolving: 0, resolved: 2, spam: 0 });
      expect(s.thermometer).toEqual({ red: 0, amber: 0, green: 0, gold: 0 });
      expect(s.recovery).toEqual({ sent: 1, answered: 1, positive: 1, rate: 100 });
      expect(s.cases.firstResponse).toEqual({ count: 2, p50Ms: 59 * MINUTE, p90Ms: HOUR });
      // Asked for by its survey, the answer is there: a case without SLA targets.
      const [answerCase] = (await store.listCases({ surveyId: 'follow-up', now: clock })).items;
      expect(answerCase?.case).toMatchObject({ id: gold, status: 'new', firstResponseDueAt: null, resolutionDueAt: null, overdue: false });
      expect(answerCase?.record.response.metadata).toEqual({ followUpOf: a.id });

      // "Red": the original goes back to work, by the customer, after the answer's entry.
      clock = T0 + 3 * HOUR;
      const red = await answer(b.id, 1);
      const reopened = await caseOf(store, b.id);
      // Resolved (2), link sent (3), answered (4), reopened (5).
      expect(reopened).toMatchObject({ status: 'acknowledged', remedy: null, resolvedAt: null, version: 5 });
      expect((await store.timeline(b.id)).slice(-2)).toEqual([
        expect.objectContaining({ type: 'follow_up_answered', actor: 'customer', responseId: red, sentiment: 'negative' }),
        expect.objectContaining({ type: 'status_changed', actor: 'customer', at: iso(clock), from: 'resolved', to: 'acknowledged' }),
      ]);
      expect(await ids()).toEqual([b.id, a.id]);
      expect(await ids({ status: ['new', 'acknowledged', 'resolving'] })).toEqual([b.id]);
      expect(await ids({ sentiment: 'negative', sort: 'urgent' })).toEqual([b.id, a.id]);
      expect(await ids({ surveyId: 'follow-up' })).toEqual([red, gold]);
      // A person takes the red answer up: its time to respond (57 minutes, in the bucket of the
      // cases' 59 and 60) is the answers' figure, not the cases'.
      await apply(store, red, { actor: ANA, at: iso(clock + 57 * MINUTE), patch: { status: 'acknowledged' } });
      const now = T0 + 5 * HOUR;
      // Whole days from the counters, and a `since` inside the day from the rows: the same figures.
      for (const query of [{ now }, { now, since: iso(T0 - HOUR) }]) {
        s = await store.summary(query);
        expect(s.total).toBe(2);
        expect(s.bySentiment.negative).toBe(2);
        expect(s.cases.open).toBe(1);
        expect(s.cases.byStatus).toEqual({ new: 0, acknowledged: 1, resolving: 0, resolved: 1, spam: 0 });
        expect(s.cases.firstResponse).toEqual({ count: 2, p50Ms: 59 * MINUTE, p90Ms: HOUR });
        expect(s.thermometer).toEqual({ red: 0, amber: 0, green: 0, gold: 0 });
        expect(s.recovery).toEqual({ sent: 2, answered: 2, positive: 1, rate: 50 });
        expect(s.series.at(-1)).toMatchObject({ day: '2026-11-20', count: 2 });
      }
      const answers = await store.summary({ surveyId: 'follow-up', now });
      expect(answers.total).toBe(2);
      expect(answers.thermometer).toEqual({ red: 1, amber: 0, green: 0, gold: 1 });
      expect(answers.cases.byStatus).toEqual({ new: 1, acknowledged: 1, resolving: 0, resolved: 0, spam: 0 });
      expect(answers.cases.firstResponse).toEqual({ count: 1, p50Ms: 57 * MINUTE, p90Ms: 57 * MINUTE });
      expect(answers.recovery).toEqual({ sent: 0, answered: 0, positive: 0, rate: null });
      // No SLA on an answer: never overdue, not even a negative one a month on.
      expect(await ids({ surveyId: 'follow-up', overdue: true, now: T0 + 30 * DAY })).toEqual([]);
      expect(await store.markOverdue({ now: T0 + 30 * DAY, alerts: ['hook'], limit: 10 })).toEqual([]);

      // Watchers hear of the reopen as of any change.
      const caseChanges = () => changes.filter((c) => c.type === 'case' && c.id === b.id);
      await eventually('the reopen', () => caseChanges().length >= 3).catch(() => undefined);
      expect(caseChanges()).toEqual([3, 4, 5].map((version) => ({ type: 'case', id: b.id, version })));
      stop();
      expect(errors).toEqual([]);
    }));
  });

  describe(`${name} store: export and watch`, () => {
    it('exports every response with its case, oldest first, in batches, with filters', withStore(async ({ store }) => {
      const records: StoredResponse[] = [];
      for (let i = 0; i < 7; i += 1) {
        // Two share each arrival time; the last two come in out of order.
        const at = i < 5 ? T0 + Math.floor(i / 2) * MINUTE : T0 - i * MINUTE;
        records.push(await put(store, makeRecord(makeResponse({ surveyId: i % 2 ? 'support' : 'checkout' }), at)));
      }
      await apply(store, records[0]!.id, by(1, { patch: { tags: ['exported'] } }));
      const expected = [...records].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.id < b.id ? -1 : 1));
      const rows = await drain(store.exportRows({ batch: 2 }));
      expect(rows.map((row) => row.record.id)).toEqual(expected.map((r) => r.id));
      expect(rows.map((row) => row.case.id)).toEqual(expected.map((r) => r.id));
      expect(rows.find((row) => row.record.id === records[0]!.id)).toMatchObject({ record: records[0], case: { tags: ['exported'], version: 2 } });
      expect((await drain(store.exportRows({ surveyId: 'support' }))).map((row) => row.record.id)).toEqual(expected.filter((r) => r.surveyId === 'support').map((r) => r.id));
      expect((await drain(store.exportRows({ since: iso(T0) }))).map((row) => row.record.id)).toEqual(expected.filter((r) => Date.parse(r.receivedAt) >= T0).map((r) => r.id));
    }));

    it('tells watchers about responses, alerts, case changes and erasures after they are stored, until they stop', withStore(async ({ store }) => {
      const changes: StoreChange[] = [];
      const visible: boolean[] = [];
      const stop = store.watch((change) => {
        changes.push(change);
        // Called after commit: what the change names can be read already.
        if (change.type === 'response') void store.get(change.id).then((found) => visible.push(found !== undefined));
        if (change.type === 'case') void store.getCase(change.id).then((found) => visible.push(found !== undefined && found.case.version >= change.version));
      });
      const record = await put(store, makeRecord(complaint('Late'), T0), HOUR, ['hook']);
      await apply(store, record.id, by(1, { patch: { status: 'acknowledged' } }));
      await apply(store, record.id, by(2, { event: { type: 'note_added', text: 'a note moves no version but is news' } }));
      const overdue = await put(store, makeRecord(complaint('Later'), T0), HOUR);
      await store.markOverdue({ now: T0 + DAY, alerts: ['hook'], limit: 10 });
      const expected: StoreChange[] = [
        { type: 'response', id: record.id, sentiment: 'negative', surveyId: 'checkout' },
        { type: 'alert', id: record.id, alert: 'hook', kind: 'response' },
        { type: 'case', id: record.id, version: 2 },
        { type: 'case', id: record.id, version: 2 },
        { type: 'response', id: overdue.id, sentiment: 'negative', surveyId: 'checkout' },
        { type: 'case', id: overdue.id, version: 1 },
        { type: 'alert', id: overdue.id, alert: 'hook', kind: 'overdue' },
      ];
      // On a timeout, the comparison below shows which changes came.
      await eventually('every change', () => changes.length >= expected.length).catch(() => undefined);
      expect(changes).toEqual(expected);
      await eventually('the reads made by the watcher', () => visible.length >= 5);
      expect(visible).toEqual([true, true, true, true, true]);
      await store.erase({ responseId: record.id }, { actor: ANA, at: iso(T0 + DAY) });
      await eventually('the erasure', () => changes.length > expected.length);
      expect(changes.slice(expected.length)).toEqual([{ type: 'erased', id: record.id }]);
      expected.push({ type: 'erased', id: record.id });

      // After stop() nothing more arrives; a second watcher proves the change was sent.
      stop();
      const later: StoreChange[] = [];
      const stopLater = store.watch((change) => later.push(change));
      await put(store, makeRecord(complaint('After')));
      await eventually('the second watcher', () => later.length >= 1);
      stopLater();
      expect(changes).toHaveLength(expected.length);
    }));
  });

  describe(`${name} store: accounts`, () => {
    const user = { email: 'ana@shop.example', passwordHash: 'scrypt$1', createdAt: iso(T0) };
    const token = (over: Partial<AuthToken>): AuthToken => ({
      hash: randomUUID(),
      kind: 'session',
      subject: 'ana@shop.example',
      name: null,
      readOnly: false,
      createdAt: iso(T0),
      expiresAt: iso(T0 + HOUR),
      ...over,
    });

    it('adds a user once, changes the password, removes the user', withStore(async ({ store }) => {
      expect(await store.auth.addUser(user)).toBe(true);
      expect(await store.auth.addUser({ ...user, passwordHash: 'other' })).toBe(false);
      expect(await store.auth.addUser({ ...user, email: 'bo@shop.example' })).toBe(true);
      expect(await store.auth.getUser('ana@shop.example')).toEqual(user);
      expect((await store.auth.listUsers()).map((u) => u.email)).toEqual(['ana@shop.example', 'bo@shop.example']);
      expect(await store.auth.setPassword('ana@shop.example', 'scrypt$2')).toBe(true);
      expect((await store.auth.getUser('ana@shop.example'))?.passwordHash).toBe('scrypt$2');
      expect(await store.auth.setPassword('nobody@shop.example', 'x')).toBe(false);
      expect(await store.auth.removeUser('bo@shop.example')).toBe(true);
      expect(await store.auth.removeUser('bo@shop.example')).toBe(false);
      expect(await store.auth.getUser('bo@shop.example')).toBeUndefined();
    }));

    it('keeps tokens until they expire, replaces by hash, takes a one-time token once', withStore(async ({ store }) => {
      const session = token({});
      await store.auth.putToken(session);
      expect(await store.auth.getToken(session.hash, T0 + HOUR - 1)).toEqual(session);
      expect(await store.auth.getToken(session.hash, T0 + HOUR)).toBeUndefined(); // expires at `now`
      const moved = { ...session, expiresAt: iso(T0 + 2 * HOUR) };
      await store.auth.putToken(moved);
      expect(await store.auth.getToken(session.hash, T0 + HOUR)).toEqual(moved);
      const key = token({ kind: 'api-key', subject: 'key-1', name: 'crm', readOnly: true, expiresAt: null });
      await store.auth.putToken(key);
      expect(await store.auth.getToken(key.hash, T0 + 1000 * DAY)).toEqual(key);

      const link = token({ kind: 'setup', subject: null });
      await store.auth.putToken(link);
      const taken = await Promise.all([store.auth.takeToken(link.hash, T0), store.auth.takeToken(link.hash, T0)]);
      expect(taken.filter((t) => t !== undefined)).toEqual([link]);
      expect(await store.auth.getToken(link.hash, T0)).toBeUndefined();
      const expired = token({ kind: 'login' });
      await store.auth.putToken(expired);
      expect(await store.auth.takeToken(expired.hash, T0 + HOUR)).toBeUndefined();

      await store.auth.deleteToken(key.hash);
      expect(await store.auth.getToken(key.hash, T0)).toBeUndefined();
      expect(await store.auth.getToken(randomUUID(), T0)).toBeUndefined();
    }));

    it('lists live tokens of a kind and deletes those of a subject', withStore(async ({ store }) => {
      const a = token({ createdAt: iso(T0) });
      const b = token({ createdAt: iso(T0 + 1) });
      const old = token({ subject: 'old@shop.example', createdAt: iso(T0 - DAY), expiresAt: iso(T0 - 1) });
      const bo = token({ subject: 'bo@shop.example' });
      const key = token({ kind: 'api-key', subject: 'key-1', name: 'crm', expiresAt: null });
      for (const t of [b, a, old, bo, key]) await store.auth.putToken(t);
      expect((await store.auth.listTokens('session', T0)).map((t) => t.hash).sort()).toEqual([a.hash, b.hash, bo.hash].sort());
      expect(await store.auth.listTokens('api-key', T0)).toEqual([key]);
      expect(await store.auth.deleteTokens('session', 'ana@shop.example')).toBe(2);
      expect((await store.auth.listTokens('session', T0)).map((t) => t.hash)).toEqual([bo.hash]);
      expect(await store.auth.deleteTokens('session', 'ana@shop.example')).toBe(0);
      expect(await store.auth.listTokens('api-key', T0)).toEqual([key]);
    }));

    it('makes one random secret per name, the same on every call and (when durable) after a restart', async () => {
      const fixture = await open();
      let store = fixture.store;
      try {
        const [first, again] = await Promise.all([store.auth.secret('follow-up'), store.auth.secret('follow-up')]);
        expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(again).toBe(first);
        expect(await store.auth.secret('follow-up')).toBe(first);
        expect(await store.auth.secret('other')).not.toBe(first);
        if (fixture.reopen) {
          store = await fixture.reopen();
          expect(await store.auth.secret('follow-up')).toBe(first);
        }
      } finally {
        await store.close();
      }
    });
  });
}
