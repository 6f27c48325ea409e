/**
 * Alerts and cases: what every alert now carries (user, metadata, the case link, its kind), the
 * `alerted` timeline entry after a delivery, and the overdue sweep — one `earful.case.overdue`
 * alert per case, never two, also with two dispatchers on one database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Alert, AlertPayload } from '../src/alerts/alert.js';
import { alertPayload } from '../src/alerts/alert-payload.js';
import { alertLines, waitedWords } from '../src/alerts/alert-text.js';
import { webhookAlert } from '../src/alerts/webhook-alert.js';
import { createHandler } from '../src/create-handler.js';
import { createDispatcher } from '../src/internal/alert-dispatcher.js';
import type { ResponseStore } from '../src/store.js';
import { memoryStore } from '../src/stores/memory.js';
import { sqliteStore } from '../src/stores/sqlite.js';
import { makeRecord, makeResponse, post } from './support/fixtures.js';
import { serveLoopback } from '@earful/devtools/loopback';

const dir = mkdtempSync(join(tmpdir(), 'earful-alert-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;
const RECEIVED = Date.parse('2026-12-01T09:00:00.000Z');
const PUBLIC_URL = 'https://feedback.shop.example';

const complaint = (overrides: Parameters<typeof makeResponse>[0] = {}) =>
  makeResponse({
    answers: [
      { type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 },
      { type: 'text', questionId: 'q2', value: '배송이 3주나 늦었고 <!channel> 연락도 없었습니다' },
      { type: 'choice', questionId: 'why', values: ['late'] },
      { type: 'contact', questionId: 'c', consent: true, email: 'kim@example.kr', name: '김민지' },
    ],
    user: { id: 'u-42', traits: { plan: 'pro' } },
    metadata: { orderId: 'A-1001', cart: 3 },
    ...overrides,
  });

/** A sink that records every payload, failing the first `failures` attempts. */
function recorder(name: string, failures = 0) {
  const payloads: AlertPayload[] = [];
  let calls = 0;
  const alert: Alert = {
    name,
    async deliver(payload) {
      calls += 1;
      if (calls <= failures) throw new Error(`sink ${name} is down`);
      payloads.push(payload);
    },
  };
  return { alert, payloads, calls: () => calls };
}

const quiet = { retry: { baseDelayMs: 10, maxDelayMs: 20 }, pollIntervalMs: 60_000, onError: () => {} };

async function stored(store: ResponseStore, response = complaint(), dueInMs = 24 * HOUR, alerts = ['ops']) {
  const record = makeRecord(response, RECEIVED);
  await store.putIfAbsent(record, alerts, { firstResponseDueAt: new Date(RECEIVED + dueInMs).toISOString(), resolutionDueAt: null });
  return record;
}

describe('what an alert carries', () => {
  it('the response alert: user, metadata, the case link and its kind', async () => {
    const store = memoryStore();
    const sink = recorder('ops');
    const record = await stored(store);
    const dispatcher = createDispatcher({ ...quiet, store, alerts: [sink.alert], publicUrl: PUBLIC_URL, now: () => RECEIVED + 1000 });
    try {
      await vi.waitFor(() => expect(sink.payloads).toHaveLength(1), { timeout: 5000, interval: 5 });
      expect(sink.payloads[0]).toMatchObject({
        type: 'earful.response.negative',
        kind: 'response',
        id: record.id,
        alertId: record.id,
        user: { id: 'u-42', traits: { plan: 'pro' } },
        metadata: { orderId: 'A-1001', cart: 3 },
        caseUrl: `${PUBLIC_URL}/inbox/#/cases/${record.id}`,
        overdue: null,
        contact: { name: '김민지', email: 'kim@example.kr' },
      });
    } finally {
      await dispatcher.close();
    }
  });

  it('no public URL, no user, no metadata: nulls, not missing keys', () => {
    const payload = alertPayload(makeRecord(makeResponse()));
    expect(payload).toMatchObject({ caseUrl: null, user: null, metadata: null, overdue: null, kind: 'response' });
    expect(Object.keys(payload)).toEqual(expect.arrayContaining(['caseUrl', 'user', 'metadata', 'overdue']));
  });

  it('waited time in words', () => {
    expect([45 * 60_000, 26 * HOUR, 72 * HOUR, 76 * HOUR].map(waitedWords)).toEqual(['45 min', '26 h', '3 d', '3 d 4 h']);
  });
});

describe('through createHandler', () => {
  it('publicUrl and now reach the alerts: the case link, and an overdue alert on the handler’s clock', async () => {
    const sink = recorder('ops');
    let clock = Date.now();
    const handler = createHandler({
      store: memoryStore(),
      publicUrl: `${PUBLIC_URL}/`,
      now: () => clock,
      sla: { firstResponseMs: HOUR },
      alertRetry: { baseDelayMs: 10, maxDelayMs: 20 },
      alertPollIntervalMs: 20,
      onError: () => {},
      alerts: [sink.alert],
    });
    try {
      const response = complaint();
      expect((await handler(post(response))).status).toBe(202);
      await vi.waitFor(() => expect(sink.payloads).toHaveLength(1), { timeout: 5000, interval: 5 });
      expect(sink.payloads[0]!.caseUrl).toBe(`${PUBLIC_URL}/inbox/#/cases/${response.id}`);
      clock += 2 * HOUR;
      await vi.waitFor(() => expect(sink.payloads).toHaveLength(2), { timeout: 5000, interval: 5 });
      expect(sink.payloads[1]).toMatchObject({ kind: 'overdue', overdue: { waitedMs: 2 * HOUR } });
    } finally {
      await handler.close();
    }
  });
});

describe('the alerted timeline entry', () => {
  it('is appended once, after the delivery that worked, and moves no version', async () => {
    for (const store of [memoryStore(), sqliteStore(join(dir, 'alerted.db'))]) {
      const sink = recorder('ops', 2);
      const record = await stored(store);
      const version = (await store.getCase(record.id))!.case.version;
      const dispatcher = createDispatcher({ ...quiet, pollIntervalMs: 15, store, alerts: [sink.alert], now: () => RECEIVED + 5000 });
      try {
        await vi.waitFor(() => expect(sink.payloads).toHaveLength(1), { timeout: 5000, interval: 5 });
        await dispatcher.idle();
        const alerted = (await store.timeline(record.id)).filter((e) => e.type === 'alerted');
        expect(sink.calls()).toBe(3);
        expect(alerted).toEqual([expect.objectContaining({ type: 'alerted', alert: 'ops', kind: 'response', actor: 'system', at: new Date(RECEIVED + 5000).toISOString() })]);
        expect((await store.getCase(record.id))!.case.version).toBe(version);
      } finally {
        await dispatcher.close();
        await store.close();
      }
    }
  });
});

describe('the overdue sweep', () => {
  it('fires one earful.case.overdue alert with how long the customer has waited, and marks the case once', async () => {
    const store = memoryStore();
    let clock = RECEIVED + HOUR;
    const sink = recorder('ops');
    const late = await stored(store);
    const positive = await stored(store, makeResponse({ answers: [{ type: 'rating', questionId: 'q', scale: 'csat5', value: 5 }] }), 24 * HOUR, []);
    const answered = await stored(store);
    const dispatcher = createDispatcher({ ...quiet, store, alerts: [sink.alert], publicUrl: PUBLIC_URL, now: () => clock });
    try {
      await vi.waitFor(() => expect(sink.payloads).toHaveLength(2), { timeout: 5000, interval: 5 }); // the two negative arrivals
      await store.changeCase(answered.id, { actor: 'user:ana@shop.example', at: new Date(clock).toISOString(), patch: { status: 'acknowledged' } });
      await dispatcher.sweep();
      await dispatcher.idle();
      expect(sink.payloads.filter((p) => p.kind === 'overdue')).toEqual([]); // not due yet

      clock = RECEIVED + 26 * HOUR;
      for (let i = 0; i < 3; i += 1) await dispatcher.sweep();
      await dispatcher.idle();
      const overdue = sink.payloads.filter((p) => p.kind === 'overdue');
      expect(overdue).toHaveLength(1);
      expect(overdue[0]).toMatchObject({
        type: 'earful.case.overdue',
        id: late.id,
        alertId: `${late.id}:overdue`,
        overdue: { dueAt: new Date(RECEIVED + 24 * HOUR).toISOString(), waitedMs: 26 * HOUR },
        caseUrl: `${PUBLIC_URL}/inbox/#/cases/${late.id}`,
        metadata: { orderId: 'A-1001', cart: 3 },
      });
      const timeline = await store.timeline(late.id);
      expect(timeline.filter((e) => e.type === 'overdue')).toHaveLength(1);
      expect(timeline.filter((e) => e.type === 'alerted').map((e) => e.type === 'alerted' && e.kind)).toEqual(['response', 'overdue']);
      expect((await store.timeline(positive.id)).some((e) => e.type === 'overdue')).toBe(false);
      expect((await store.timeline(answered.id)).some((e) => e.type === 'overdue')).toBe(false);
    } finally {
      await dispatcher.close();
    }
  });

  it('runs on the poll timer by itself', async () => {
    const store = memoryStore();
    const sink = recorder('ops');
    const record = await stored(store, complaint(), HOUR, []);
    const dispatcher = createDispatcher({ ...quiet, pollIntervalMs: 20, store, alerts: [sink.alert], now: () => RECEIVED + 2 * HOUR });
    try {
      await vi.waitFor(() => expect(sink.payloads.map((p) => p.alertId)).toEqual([`${record.id}:overdue`]), { timeout: 5000, interval: 10 });
    } finally {
      await dispatcher.close();
    }
  });

  it('skips an overdue alert whose case was answered before it went out', async () => {
    const store = memoryStore();
    const sink = recorder('ops');
    const record = await stored(store, complaint(), HOUR, []);
    const now = RECEIVED + 2 * HOUR;
    expect(await store.markOverdue({ now, alerts: ['ops'], limit: 10 })).toEqual([record.id]);
    await store.changeCase(record.id, { actor: 'user:ana@shop.example', at: new Date(now).toISOString(), patch: { status: 'acknowledged' } });
    const dispatcher = createDispatcher({ ...quiet, store, alerts: [sink.alert], now: () => now });
    try {
      await dispatcher.idle();
      expect(sink.calls()).toBe(0);
      expect(await store.claimAlerts({ now: now + HOUR, limit: 10, leaseMs: 1 })).toEqual([]);
      expect((await store.timeline(record.id)).some((e) => e.type === 'alerted')).toBe(false);
    } finally {
      await dispatcher.close();
    }
  });

  it('two dispatchers on one SQLite database sweeping at once: one overdue alert per sink, ever', async () => {
    const path = join(dir, 'two.db');
    const storeA = sqliteStore(path);
    const storeB = sqliteStore(path);
    const got: { process: string; alert: string; payload: AlertPayload }[] = [];
    const sink = (process: string, name: string): Alert => ({ name, async deliver(payload) { got.push({ process, alert: name, payload }); } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await stored(storeA, complaint(), HOUR, [])).id);
    const clock = () => RECEIVED + 3 * HOUR;
    const options = { ...quiet, pollIntervalMs: 10, now: clock };
    const a = createDispatcher({ ...options, store: storeA, alerts: [sink('a', 'ops'), sink('a', 'mail')] });
    const b = createDispatcher({ ...options, store: storeB, alerts: [sink('b', 'ops'), sink('b', 'mail')] });
    try {
      await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);
      await vi.waitFor(() => expect(got).toHaveLength(10), { timeout: 10_000, interval: 10 });
      await new Promise((resolve) => setTimeout(resolve, 300)); // more ticks of both timers
      await Promise.all([a.idle(), b.idle()]);
      expect(got).toHaveLength(10);
      const keys = got.map((g) => `${g.payload.alertId}|${g.alert}`);
      expect(new Set(keys).size).toBe(10);
      expect(new Set(got.map((g) => g.payload.id))).toEqual(new Set(ids));
      for (const id of ids) expect((await storeB.timeline(id)).filter((e) => e.type === 'overdue')).toHaveLength(1);
      console.log(`two dispatchers, one database: ${got.filter((g) => g.process === 'a').length} overdue alerts went out through A, ${got.filter((g) => g.process === 'b').length} through B`);
    } finally {
      await a.close();
      await b.close();
      await storeA.close();
      await storeB.close();
    }
  });
});

describe('webhook and Slack formats', () => {
  async function hook() {
    const received: { body: string; headers: IncomingMessage['headers'] }[] = [];
    const server = await serveLoopback((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ body, headers: req.headers });
        res.writeHead(204).end();
      });
    });
    return { ...server, received };
  }

  it('an overdue alert as JSON has its own Earful-Alert-Id; as Slack it says how long, links the case and escapes what customers wrote', async () => {
    const server = await hook();
    const store = memoryStore();
    const record = await stored(store, complaint(), HOUR, []);
    await store.markOverdue({ now: RECEIVED + 30 * HOUR, alerts: ['json', 'slack'], limit: 10 });
    const dispatcher = createDispatcher({
      ...quiet,
      store,
      publicUrl: PUBLIC_URL,
      now: () => RECEIVED + 30 * HOUR,
      alerts: [webhookAlert({ url: server.url, name: 'json' }), webhookAlert({ url: server.url, name: 'slack', format: 'slack' })],
    });
    try {
      await vi.waitFor(() => expect(server.received).toHaveLength(2), { timeout: 5000, interval: 5 });
      const json = server.received.find((r) => !r.body.startsWith('{"text"'))!;
      const slack = JSON.parse(server.received.find((r) => r.body.startsWith('{"text"'))!.body) as { text: string };
      expect(json.headers['earful-alert-id']).toBe(`${record.id}:overdue`);
      expect(JSON.parse(json.body)).toMatchObject({ type: 'earful.case.overdue', overdue: { waitedMs: 30 * HOUR } });
      expect(slack.text.split('\n')[0]).toBe('*Overdue: an unhappy customer has waited 30 h for an answer on survey "checkout" (order A-1001)*');
      expect(slack.text).toContain('> 배송이 3주나 늦었고 &lt;!channel&gt; 연락도 없었습니다');
      expect(slack.text).not.toContain('<!channel>');
      expect(slack.text).toContain('Order: A-1001');
      expect(slack.text).toContain('User: u-42 (plan=pro)');
      expect(slack.text).toContain(`<${PUBLIC_URL}/inbox/#/cases/${record.id}|Open the case>`);
    } finally {
      await dispatcher.close();
      await server.close();
    }
  });

  it('Slack: metadata, reasons and names cannot add a link or a mention', () => {
    const hostile = '<https://evil.example|Refund here> <!here> & <@U123>';
    const payload = alertPayload(
      makeRecord(
        makeResponse({
          answers: [
            { type: 'rating', questionId: 'q', scale: 'csat5', value: 1 },
            { type: 'choice', questionId: 'why', values: ['late'], other: hostile },
            { type: 'contact', questionId: 'c', consent: true, email: 'kim@example.kr', name: hostile },
          ],
          user: { id: hostile, traits: { note: hostile } },
          metadata: { orderId: hostile, [hostile.slice(0, 30)]: hostile },
          context: { url: 'https://shop.example/checkout' },
        }),
      ),
      { publicUrl: PUBLIC_URL },
    );
    const text = alertLines(payload, 'slack').join('\n');
    // The only link and the only "<" are the case link this receiver made.
    expect(text.match(/</g)).toHaveLength(1);
    expect(text).toContain(`<${PUBLIC_URL}/inbox/#/cases/${payload.id}|Open the case>`);
    expect(text).toContain('&lt;https://evil.example|Refund here&gt; &lt;!here&gt; &amp; &lt;@U123&gt;');
    // Plain text (the owner's email) keeps what they wrote as is.
    expect(alertLines(payload, 'plain').join('\n')).toContain(`Order: ${hostile}`);
  });
});
