/**
 * The case routes through the `/api` handler: the queue and its filters, one
 * case, changing it with If-Match and Idempotency-Key, notes, erasure — and what hostile callers
 * send: markup in every text, ids that are not UUIDs, garbage headers, huge keys and queries.
 * Every test runs on the memory store and on a real SQLite file.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseDetail, CaseListPage, Tombstone } from '@earful/schema';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResponseStore } from '../src/store.js';
import { memoryStore } from '../src/stores/memory.js';
import { sqliteStore } from '../src/stores/sqlite.js';
import { apiHarness, contact, STAFF, type ApiHarness } from './support/api-harness.js';

const XSS = '<img src=x onerror=alert(1)>';
const dir = mkdtempSync(join(tmpdir(), 'earful-api-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const STORES: Record<string, () => ResponseStore> = {
  memory: () => memoryStore(),
  sqlite: () => sqliteStore(join(dir, `cases-${(files += 1)}.db`)),
};

describe.each(Object.keys(STORES))('%s store', (kind) => {
  let h: ApiHarness;

  beforeEach(async () => {
    h = await apiHarness({ store: STORES[kind]!() });
  });
  afterEach(async () => {
    await h.close();
  });

  async function problem(response: Response): Promise<{ error: string; message: string; issues?: { path: string; message: string }[]; case?: { version: number } }> {
    expect(response.headers.get('content-type')).toContain('application/json');
    return (await response.json()) as never;
  }

  async function detail(id: string): Promise<CaseDetail> {
    const response = await h.call(`/api/cases/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CaseDetail;
  }

  function patch(id: string, version: number | string | undefined, body: unknown, headers: Record<string, string> = {}, as: 'session' | 'key' | 'read-only' = 'session') {
    return h.call(`/api/cases/${id}`, { method: 'PATCH', body, as, headers: { ...(version === undefined ? {} : { 'if-match': String(version) }), ...headers } });
  }

  describe('GET /api/cases', () => {
    it('lists cases newest first with their responses, and pages with the cursor', async () => {
      const first = await h.seed();
      h.clock += 1000;
      const second = await h.seed();
      const page = (await (await h.call('/api/cases?limit=1')).json()) as CaseListPage;
      expect(page.items.map((i) => i.case.id)).toEqual([second.id]);
      expect(page.items[0]!.response).toEqual(second);
      expect(page.nextCursor).toEqual(expect.any(String));
      const next = (await (await h.call(`/api/cases?limit=1&cursor=${encodeURIComponent(page.nextCursor!)}`)).json()) as CaseListPage;
      expect(next.items.map((i) => i.case.id)).toEqual([first.id]);
    });

    it('filters by status list, sentiment, metadata, assignee=me and none, and text', async () => {
      const late = await h.seed({ metadata: { orderId: 'A-1001' }, answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, { type: 'text', questionId: 'q2', value: '배송이 3주나 늦었고' }] });
      const happy = await h.seed({ metadata: { orderId: 'B-2' }, answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 5 }] });
      await patch(late.id, 1, { assignee: STAFF });
      const ids = async (query: string, as: 'session' | 'key' = 'session') => {
        const response = await h.call(`/api/cases?${query}`, { as });
        expect(response.status, await response.clone().text()).toBe(200);
        return ((await response.json()) as CaseListPage).items.map((i) => i.case.id);
      };
      expect(await ids('sentiment=negative')).toEqual([late.id]);
      expect(await ids('meta.orderId=B-2')).toEqual([happy.id]);
      expect(await ids('assignee=me')).toEqual([late.id]);
      expect(await ids('assignee=none')).toEqual([happy.id]);
      expect(await ids(`assignee=${encodeURIComponent(STAFF)}`, 'key')).toEqual([late.id]);
      expect(await ids(`q=${encodeURIComponent('배송')}`)).toEqual([late.id]);
      expect((await ids('status=new,acknowledged')).sort()).toEqual([late.id, happy.id].sort());
      expect(await ids('status=resolved')).toEqual([]);
    });

    it('passes overdue and sort=urgent through: the overdue negative case first', async () => {
      const past = new Date(h.clock - 3_600_000).toISOString();
      const overdue = await h.seed({}, { firstResponseDueAt: past, resolutionDueAt: null });
      h.clock += 1000;
      const newer = await h.seed({}, { firstResponseDueAt: null, resolutionDueAt: null });
      const ids = async (query: string) => ((await (await h.call(`/api/cases?${query}`)).json()) as CaseListPage).items.map((i) => i.case);
      expect((await ids('sort=newest')).map((c) => c.id)).toEqual([newer.id, overdue.id]);
      const urgent = await ids('sort=urgent');
      expect(urgent.map((c) => c.id)).toEqual([overdue.id, newer.id]);
      expect(urgent[0]!.overdue).toBe(true);
      expect((await ids('overdue=true')).map((c) => c.id)).toEqual([overdue.id]);
      expect((await ids('overdue=false')).map((c) => c.id)).toEqual([newer.id]);
    });

    it('answers 400 with field issues for bad values, unknown or repeated parameters, and a 10,000-character q', async () => {
      const cases: [string, string][] = [
        ['status=open', 'status'],
        ['sentiment=angry', 'sentiment'],
        ['limit=0', 'limit'],
        ['limit=abc', 'limit'],
        ['since=yesterday', 'since'],
        ['stauts=new', 'stauts'],
        ['tag=a&tag=b', 'tag'],
        [`q=${'x'.repeat(10_000)}`, 'q'],
        [`meta.${'k'.repeat(100)}=1`, `meta.${'k'.repeat(59)}`],
      ];
      for (const [query, path] of cases) {
        const response = await h.call(`/api/cases?${query}`);
        expect(response.status, query).toBe(400);
        const body = await problem(response);
        expect(body.error).toBe('invalid_query');
        expect(body.issues?.map((i) => i.path), query).toContain(path);
      }
    });

    it('refuses assignee=me for an API key, which has no email', async () => {
      const response = await h.call('/api/cases?assignee=me', { as: 'key' });
      expect(response.status).toBe(400);
      expect((await problem(response)).issues?.[0]?.path).toBe('assignee');
    });

    it('answers 400, not 500, for a cursor that is not one the store made', async () => {
      const response = await h.call('/api/cases?cursor=not-a-cursor');
      expect(response.status).toBe(400);
    });

    it('keeps metadata keys such as __proto__ as data', async () => {
      const response = await h.call('/api/cases?meta.__proto__=x');
      expect(response.status).toBe(200);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });
  });

  describe('GET /api/cases/:id', () => {
    it('answers the case, its response and its timeline, with the version as ETag', async () => {
      const response = await h.seed();
      const answer = await h.call(`/api/cases/${response.id}`);
      expect(answer.headers.get('etag')).toBe('"1"');
      const body = (await answer.json()) as CaseDetail;
      expect(body.case).toMatchObject({ id: response.id, status: 'new', version: 1, contactable: false });
      expect(body.response).toEqual(response);
      expect(body.timeline.map((e) => e.type)).toEqual(['received']);
    });

    it('answers 404, not 500, for ids that are not UUIDs or not stored', async () => {
      for (const id of ['nope', '1%20OR%201=1', '..%2F..%2Fetc', 'A'.repeat(5000), randomUUID()]) {
        const response = await h.call(`/api/cases/${id}`);
        expect(response.status, id.slice(0, 20)).toBe(404);
        expect((await problem(response)).error).toBe('not_found');
      }
    });

    it('answers 410 with the tombstone once the response is erased', async () => {
      const response = await h.seed();
      expect((await h.call(`/api/responses/${response.id}`, { method: 'DELETE' })).status).toBe(200);
      const answer = await h.call(`/api/cases/${response.id}`);
      expect(answer.status).toBe(410);
      expect(await answer.json()).toMatchObject({ error: 'erased', tombstone: { id: response.id } });
    });

    it('keeps markup in every text as data, in JSON with the JSON content type', async () => {
      const response = await h.seed({
        answers: [
          { type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 },
          { type: 'text', questionId: 'q2', value: XSS },
          { type: 'choice', questionId: 'q3', values: ['late'], other: XSS },
          contact('kim@example.kr', XSS),
        ],
        metadata: { [XSS]: XSS },
        user: { id: XSS, traits: { [XSS]: XSS } },
      });
      await h.call(`/api/cases/${response.id}/notes`, { method: 'POST', body: { text: XSS } });
      const answer = await h.call(`/api/cases/${response.id}`);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const text = await answer.text();
      const body = JSON.parse(text) as CaseDetail;
      expect(body.response).toEqual(response);
      expect(body.timeline.find((e) => e.type === 'note_added')).toMatchObject({ text: XSS });
      // The text, the other text, the name, metadata key and value, user id, trait key and value, the note.
      expect(text.split(XSS).length - 1).toBe(9);
    });
  });

  describe('PATCH /api/cases/:id', () => {
    it('changes the case, moves the version and the ETag, and records who did it', async () => {
      const response = await h.seed();
      const answer = await patch(response.id, '"1"', { status: 'acknowledged', assignee: STAFF, tags: ['delivery'] });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).toBe('"2"');
      const body = (await answer.json()) as CaseDetail;
      expect(body.case).toMatchObject({ status: 'acknowledged', assignee: STAFF, tags: ['delivery'], version: 2 });
      expect(body.case.firstResponseAt).toBe(new Date(h.clock).toISOString());
      expect(body.timeline.slice(1).map((e) => [e.type, e.actor])).toEqual([
        ['status_changed', `user:${STAFF}`],
        ['assigned', `user:${STAFF}`],
        ['tagged', `user:${STAFF}`],
      ]);
    });

    it('answers 428 without If-Match and 412 for If-Match garbage', async () => {
      const response = await h.seed();
      const missing = await patch(response.id, undefined, { status: 'acknowledged' });
      expect(missing.status).toBe(428);
      for (const garbage of ['*', 'abc', '"1" "2"', '-1', '99999999999999999999', '"1', '\u00e91']) {
        const answer = await patch(response.id, garbage, { status: 'acknowledged' });
        expect(answer.status, garbage).toBe(412);
        expect((await problem(answer)).error).toBe('bad_if_match');
      }
      expect((await detail(response.id)).case.version).toBe(1);
    });

    it('answers 409 stale with the current case when the version is old, and changes nothing', async () => {
      const response = await h.seed();
      expect((await patch(response.id, 1, { status: 'acknowledged' })).status).toBe(200);
      const stale = await patch(response.id, 1, { tags: ['late'] });
      expect(stale.status).toBe(409);
      const body = await problem(stale);
      expect(body.error).toBe('stale');
      expect(body.case).toMatchObject({ version: 2, status: 'acknowledged', tags: [] });
      expect((await detail(response.id)).case.tags).toEqual([]);
    });

    it('applies a repeated Idempotency-Key once and answers the same; the same key with another body is 422', async () => {
      const response = await h.seed();
      const key = { 'idempotency-key': randomUUID() };
      const first = await patch(response.id, 1, { tags: ['late'] }, key);
      const again = await patch(response.id, 1, { tags: ['late'] }, key);
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(((await again.json()) as CaseDetail).case.version).toBe(2);
      expect((await detail(response.id)).timeline.filter((e) => e.type === 'tagged')).toHaveLength(1);
      const other = await patch(response.id, 2, { tags: ['other'] }, key);
      expect(other.status).toBe(422);
      expect((await problem(other)).error).toBe('idempotency_key_reused');
    });

    it('refuses a huge or non-printable Idempotency-Key with 400', async () => {
      const response = await h.seed();
      for (const key of ['k'.repeat(201), 'a b', 'x'.repeat(100_000)]) {
        const answer = await patch(response.id, 1, { tags: ['late'] }, { 'idempotency-key': key });
        expect(answer.status).toBe(400);
        expect((await problem(answer)).error).toBe('bad_idempotency_key');
      }
      expect((await detail(response.id)).case.version).toBe(1);
    });

    it('answers 400 for bodies the schema or the case rules refuse, with field issues', async () => {
      const response = await h.seed();
      const bodies: [unknown, string][] = [
        [{}, ''],
        [{ status: 'closed' }, 'status'],
        [{ status: 'resolved' }, 'remedy'],
        [{ stauts: 'new' }, ''],
        [{ tags: ['a,b'] }, 'tags[0]'],
        [{ remedyNote: 'x'.repeat(501), remedy: 'refund', status: 'resolved' }, 'remedyNote'],
      ];
      for (const [body, path] of bodies) {
        const answer = await patch(response.id, 1, body);
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect((await problem(answer)).issues?.map((i) => i.path), JSON.stringify(body)).toContain(path);
      }
      // Allowed by the schema, refused by the rules: a due date belongs to "resolving".
      const rule = await patch(response.id, 1, { dueAt: '2026-12-01T00:00:00.000Z' });
      expect(rule.status).toBe(400);
      expect((await problem(rule)).error).toBe('invalid_change');
    });

    it('keeps an assignee lower-cased, as staff emails are, so assignee=me finds it', async () => {
      const response = await h.seed();
      const body = (await (await patch(response.id, 1, { assignee: 'Ana@Shop.Example' })).json()) as CaseDetail;
      expect(body.case.assignee).toBe(STAFF);
      expect(((await (await h.call('/api/cases?assignee=me')).json()) as CaseListPage).items).toHaveLength(1);
    });

    it('resolves with a remedy and reopens', async () => {
      const response = await h.seed();
      const resolved = (await (await patch(response.id, 1, { status: 'resolved', remedy: 'refund', remedyNote: 'full refund' })).json()) as CaseDetail;
      expect(resolved.case).toMatchObject({ status: 'resolved', remedy: 'refund', remedyNote: 'full refund', resolvedAt: new Date(h.clock).toISOString() });
      const reopened = (await (await patch(response.id, 2, { status: 'acknowledged' })).json()) as CaseDetail;
      expect(reopened.case).toMatchObject({ status: 'acknowledged', remedy: null, resolvedAt: null, version: 3 });
    });

    it('refuses read-only keys (403) and callers without credentials (401)', async () => {
      const response = await h.seed();
      expect((await patch(response.id, 1, { status: 'acknowledged' }, {}, 'read-only')).status).toBe(403);
      expect((await h.call(`/api/cases/${response.id}`, { method: 'PATCH', as: 'nobody', body: { status: 'spam' }, headers: { 'if-match': '1' } })).status).toBe(401);
      expect((await patch(response.id, 1, { status: 'acknowledged' }, {}, 'key')).status).toBe(200);
    });
  });

  describe('POST /api/cases/:id/notes', () => {
    it('adds a note (201, the version stays) and applies a repeated Idempotency-Key once', async () => {
      const response = await h.seed();
      const key = { 'idempotency-key': 'note-1' };
      const first = await h.call(`/api/cases/${response.id}/notes`, { method: 'POST', body: { text: '고객에게 전화함' }, headers: key });
      expect(first.status).toBe(201);
      const body = (await first.json()) as CaseDetail;
      expect(body.case.version).toBe(1);
      expect(body.timeline.at(-1)).toMatchObject({ type: 'note_added', text: '고객에게 전화함', actor: `user:${STAFF}` });
      const again = await h.call(`/api/cases/${response.id}/notes`, { method: 'POST', body: { text: '고객에게 전화함' }, headers: key });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect((await detail(response.id)).timeline.filter((e) => e.type === 'note_added')).toHaveLength(1);
      const reused = await h.call(`/api/cases/${response.id}/notes`, { method: 'POST', body: { text: 'another' }, headers: key });
      expect(reused.status).toBe(422);
    });

    it('refuses empty, too long and unknown-key notes with 400, and unknown cases with 404', async () => {
      const response = await h.seed();
      for (const body of [{ text: '' }, { text: 'x'.repeat(4001) }, { text: 'ok', extra: 1 }, 'not json']) {
        const answer = await h.call(`/api/cases/${response.id}/notes`, { method: 'POST', body });
        expect(answer.status, JSON.stringify(body)).toBe(400);
      }
      expect((await h.call(`/api/cases/${randomUUID()}/notes`, { method: 'POST', body: { text: 'hi' } })).status).toBe(404);
      expect((await h.call('/api/cases/not-a-uuid/notes', { method: 'POST', body: { text: 'hi' } })).status).toBe(404);
    });
  });

  describe('DELETE /api/responses/:id', () => {
    it('erases a response and answers its tombstone; again answers the same tombstone; unknown is 404', async () => {
      const response = await h.seed({ answers: [{ type: 'text', questionId: 'q', value: 'secret' }, contact('kim@example.kr')] });
      await h.call(`/api/cases/${response.id}/notes`, { method: 'POST', body: { text: 'called her' } });
      const answer = await h.call(`/api/responses/${response.id}`, { method: 'DELETE' });
      expect(answer.status).toBe(200);
      const tombstone = (await answer.json()) as Tombstone;
      expect(tombstone).toMatchObject({ id: response.id, actor: `user:${STAFF}`, counts: { answers: 2, notes: 1, replies: 0 } });
      expect(await (await h.call(`/api/responses/${response.id}`, { method: 'DELETE' })).json()).toEqual(tombstone);
      expect(await h.store.get(response.id)).toBeUndefined();
      expect((await h.call(`/api/responses/${randomUUID()}`, { method: 'DELETE' })).status).toBe(404);
      expect((await h.call('/api/responses/nope', { method: 'DELETE' })).status).toBe(404);
    });

    it('is refused to read-only keys', async () => {
      const response = await h.seed();
      expect((await h.call(`/api/responses/${response.id}`, { method: 'DELETE', as: 'read-only' })).status).toBe(403);
      expect(await h.store.get(response.id)).toBeDefined();
    });
  });
});
