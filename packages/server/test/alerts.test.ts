import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Alert, AlertPayload } from '../src/alerts/alert.js';
import { webhookAlert } from '../src/alerts/webhook-alert.js';
import { createHandler } from '../src/create-handler.js';
import { createDispatcher } from '../src/internal/alert-dispatcher.js';
import { memoryStore } from '../src/stores/memory.js';
import { verifySignature } from '../src/signature.js';
import { sqliteStore } from '../src/stores/sqlite.js';
import { makeRecord, makeResponse, post } from './support/fixtures.js';
import { serveLoopback } from '@earful/devtools/loopback';

const SECRET = 'whsec_test_secret_value';
const dir = mkdtempSync(join(tmpdir(), 'earful-alerts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fast = { alertRetry: { baseDelayMs: 20, maxDelayMs: 100 }, alertPollIntervalMs: 25, onError: () => {} };

interface Received {
  body: string;
  headers: IncomingMessage['headers'];
}

/** A webhook receiver on loopback that fails its first `failures` requests with 500. */
async function flakyReceiver(failures: number) {
  const received: Received[] = [];
  let calls = 0;
  const server = await serveLoopback((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls += 1;
      if (calls <= failures) {
        res.writeHead(500).end('try later');
        return;
      }
      received.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  return { ...server, received, calls: () => calls };
}

/**
 * A webhook on loopback that, until `recover()`, accepts every request and never answers it
 * (the connection stays open until the sender gives up); afterwards it answers 204.
 */
async function hangingReceiver(hanging: boolean) {
  const received: (Received & { id: string; attempt: number; at: number })[] = [];
  const hung: { id: string; open: boolean; at: number }[] = [];
  let down = hanging;
  const server = await serveLoopback((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const id = String(req.headers['earful-alert-id']);
      if (down) {
        const entry = { id, open: true, at: Date.now() };
        hung.push(entry);
        res.on('close', () => (entry.open = false));
        return;
      }
      received.push({ body, headers: req.headers, id, attempt: Number(req.headers['earful-attempt']), at: Date.now() });
      res.writeHead(204).end();
    });
  });
  return { ...server, received, hung, recover: () => (down = false), got: (id: string) => received.find((r) => r.id === id) };
}

/** The real collector, as `node --expose-gc` would give it. */
function collector(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

const complaint = () =>
  makeResponse({
    answers: [
      { type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 },
      { type: 'text', questionId: 'q2', value: 'Checkout failed twice.' },
      { type: 'choice', questionId: 'why', values: ['payment', 'slow'] },
      { type: 'contact', questionId: 'c', consent: true, email: 'ana@example.com', name: 'Ana' },
    ],
  });

describe('webhook alerts', () => {
  it('delivers a negative response at least once through a flaky receiver, signed', async () => {
    const receiver = await flakyReceiver(2);
    const onError = vi.fn();
    const handler = createHandler({ store: memoryStore(), ...fast, onError, alerts: [webhookAlert({ url: receiver.url, secret: SECRET })] });
    try {
      const response = complaint();
      const started = Date.now();
      expect((await handler(post(response))).status).toBe(202);
      await vi.waitFor(() => expect(receiver.received.length).toBeGreaterThanOrEqual(1), { timeout: 10_000, interval: 20 });
      console.log(`alert delivered after ${Date.now() - started} ms and ${receiver.calls()} attempts (2 refused)`);
      expect(receiver.calls()).toBeGreaterThanOrEqual(3);
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('answered 500') }), expect.objectContaining({ phase: 'alert' }));
      const { body, headers } = receiver.received[0]!;
      expect(verifySignature(SECRET, body, headers['earful-signature'] as string)).toBe(true);
      expect(verifySignature('wrong-secret-value', body, headers['earful-signature'] as string)).toBe(false);
      expect(headers['earful-alert-id']).toBe(response.id);
      const payload = JSON.parse(body) as AlertPayload;
      expect(payload).toMatchObject({
        type: 'earful.response.negative',
        id: response.id,
        surveyId: 'checkout',
        sentiment: 'negative',
        ratings: [{ questionId: 'q1', scale: 'csat5', value: 1, min: 1, max: 5 }],
        comments: [{ questionId: 'q2', text: 'Checkout failed twice.' }],
        reasons: [{ questionId: 'why', values: ['payment', 'slow'] }],
        contact: { name: 'Ana', email: 'ana@example.com' },
        page: 'https://shop.example/checkout',
        createdAt: response.createdAt,
        kind: 'response',
        alertId: response.id,
        user: null,
        metadata: null,
        caseUrl: null, // no publicUrl given
        overdue: null,
      });
    } finally {
      await handler.close();
      await receiver.close();
    }
  });

  it('does not alert for positive responses unless asked for all', async () => {
    const receiver = await flakyReceiver(0);
    const negativeOnly = webhookAlert({ url: receiver.url, secret: SECRET, name: 'neg' });
    const all = webhookAlert({ url: receiver.url, secret: SECRET, when: 'all', name: 'all', format: 'slack' });
    const handler = createHandler({ store: memoryStore(), ...fast, alerts: [negativeOnly, all] });
    try {
      await handler(post(makeResponse({ answers: [{ type: 'rating', questionId: 'q', scale: 'nps', value: 10 }] })));
      await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 10_000 });
      await handler.idle();
      const slack = JSON.parse(receiver.received[0]!.body) as { text: string };
      expect(slack.text).toContain('New response');
      expect(slack.text).toContain('Rating: 10 on nps');
      expect(receiver.received).toHaveLength(1);
    } finally {
      await handler.close();
      await receiver.close();
    }
  });

  it('keeps undelivered alerts in the SQLite outbox across a restart', async () => {
    const path = join(dir, 'outbox.db');
    const down = await flakyReceiver(1_000_000); // refuses everything
    const store1 = sqliteStore(path);
    const first = createHandler({ store: store1, ...fast, alerts: [webhookAlert({ url: down.url, secret: SECRET, name: 'ops' })] });
    const response = complaint();
    expect((await first(post(response))).status).toBe(202);
    await vi.waitFor(() => expect(down.calls()).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    await first.close();
    await store1.close();
    await down.close();

    const up = await flakyReceiver(0);
    const store2 = sqliteStore(path);
    const second = createHandler({ store: store2, ...fast, alerts: [webhookAlert({ url: up.url, secret: SECRET, name: 'ops' })] });
    try {
      await vi.waitFor(() => expect(up.received.length).toBeGreaterThanOrEqual(1), { timeout: 10_000, interval: 20 });
      const payload = JSON.parse(up.received[0]!.body) as AlertPayload;
      expect(payload.id).toBe(response.id);
      expect(Number(up.received[0]!.headers['earful-attempt'])).toBeGreaterThan(1);
      await second.idle();
      expect(await store2.claimAlerts({ now: Date.now() + 3_600_000, limit: 10, leaseMs: 1 })).toEqual([]);
    } finally {
      await second.close();
      await store2.close();
      await up.close();
    }
  });

  it('one hanging webhook delays neither another sink nor later alerts, and its alerts come through once it recovers', async () => {
    const gc = collector();
    const hanging = await hangingReceiver(true);
    const healthy = await hangingReceiver(false);
    const errors: unknown[] = [];
    const store = sqliteStore(join(dir, 'hang.db'));
    const handler = createHandler({
      store,
      ...fast,
      onError: (error) => errors.push(error),
      alerts: [
        webhookAlert({ url: hanging.url, secret: SECRET, name: 'ops', timeoutMs: 4000 }),
        webhookAlert({ url: healthy.url, secret: SECRET, name: 'team' }),
      ],
    });
    try {
      const first = complaint();
      expect((await handler(post(first))).status).toBe(202);
      await vi.waitFor(() => expect(hanging.hung).toHaveLength(1), { timeout: 5000, interval: 10 });
      await vi.waitFor(() => expect(healthy.got(first.id)).toBeDefined(), { timeout: 5000, interval: 10 });

      const second = complaint();
      const postedSecond = Date.now();
      expect((await handler(post(second))).status).toBe(202);
      await vi.waitFor(() => expect(healthy.got(second.id)).toBeDefined(), { timeout: 10_000, interval: 5 });
      // The healthy sink got the new complaint while the other sink's first delivery still hung.
      expect(hanging.hung[0]).toMatchObject({ id: first.id, open: true });
      const healthyLag = healthy.got(second.id)!.at - postedSecond;

      // Ordinary traffic while the hook hangs, with the garbage collector run between bursts:
      // a time-out held by nothing (AbortSignal.timeout inside AbortSignal.any) is lost here.
      for (let burst = 0; burst < 10; burst += 1) {
        const happy = Array.from({ length: 20 }, () => makeResponse({ answers: [{ type: 'rating', questionId: 'q', scale: 'nps', value: 10 }] }));
        const statuses = await Promise.all(happy.map(async (r) => (await handler(post(r))).status));
        expect(statuses.every((s) => s === 202)).toBe(true);
        gc();
      }

      // The hook recovers: both stuck alerts must come again (their time-outs fired although the
      // collector ran), and a new complaint must reach both sinks.
      hanging.recover();
      const recovered = Date.now();
      await vi.waitFor(() => expect(hanging.got(first.id) && hanging.got(second.id)).toBeDefined(), { timeout: 15_000, interval: 20 });
      const third = complaint();
      const postedThird = Date.now();
      expect((await handler(post(third))).status).toBe(202);
      await vi.waitFor(() => expect(hanging.got(third.id) && healthy.got(third.id)).toBeDefined(), { timeout: 10_000, interval: 10 });

      expect(new Set(hanging.hung.map((h) => h.id))).toEqual(new Set([first.id, second.id]));
      expect(hanging.hung.every((h) => !h.open)).toBe(true);
      // Every hung attempt ended and was counted: 2 when the traffic fitted in one time-out.
      expect(hanging.got(first.id)!.attempt).toBe(hanging.hung.filter((h) => h.id === first.id).length + 1);
      expect(hanging.got(third.id)!.attempt).toBe(1);
      expect(verifySignature(SECRET, hanging.got(first.id)!.body, hanging.got(first.id)!.headers['earful-signature'] as string)).toBe(true);
      expect(errors).toContainEqual(expect.objectContaining({ name: 'AlertError', reason: 'timeout', message: expect.stringContaining('within 4000 ms') }));
      await handler.idle();
      expect(await store.claimAlerts({ now: Date.now() + 3_600_000, limit: 10, leaseMs: 1 })).toEqual([]);
      console.log(
        `hang (sink time-out 4000 ms): healthy sink got the 2nd complaint ${healthyLag} ms after it was posted while the other hung; ` +
          `the stuck 1st complaint was redelivered ${hanging.got(first.id)!.at - hanging.hung[0]!.at} ms after its first attempt hung ` +
          `(${hanging.got(first.id)!.at - recovered} ms after the hook recovered, 2nd ${hanging.got(second.id)!.at - recovered} ms); a new complaint reached both sinks in ` +
          `${Math.max(hanging.got(third.id)!.at, healthy.got(third.id)!.at) - postedThird} ms`,
      );
    } finally {
      await handler.close();
      await store.close();
      await hanging.close();
      await healthy.close();
    }
  });

  it('gives up on a sink that ignores its signal and never settles, and retries it', async () => {
    let calls = 0;
    const delivered: number[] = [];
    const signals: AbortSignal[] = [];
    const stubborn: Alert = {
      name: 'stubborn',
      deliver(_payload, { signal, attempt }) {
        calls += 1;
        signals.push(signal);
        if (calls === 1) return new Promise<void>(() => {}); // ignores the signal, never settles
        delivered.push(attempt);
        return Promise.resolve();
      },
    };
    const errors: unknown[] = [];
    const handler = createHandler({
      store: memoryStore(),
      ...fast,
      alertRetry: { ...fast.alertRetry, attemptTimeoutMs: 300 },
      onError: (error) => errors.push(error),
      alerts: [stubborn],
    });
    try {
      expect((await handler(post(complaint()))).status).toBe(202);
      await vi.waitFor(() => expect(delivered).toEqual([2]), { timeout: 10_000, interval: 10 });
      expect(signals[0]!.aborted).toBe(true);
      expect(errors).toContainEqual(expect.objectContaining({ name: 'AlertError', reason: 'timeout', message: expect.stringContaining('"stubborn" did not finish within 300 ms') }));
    } finally {
      await handler.close();
    }
  });

  it('renews the lease while a long delivery runs, so another receiver on the same database does not take it over', async () => {
    const path = join(dir, 'renew.db');
    const calls: { process: string; attempt: number }[] = [];
    let finish: () => void = () => {};
    const slow = (process: string): Alert => ({
      name: 'slow',
      deliver: (_payload, { attempt }) => {
        calls.push({ process, attempt });
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    const storeA = sqliteStore(path);
    const storeB = sqliteStore(path);
    const errors: unknown[] = [];
    const options = { retry: { attemptTimeoutMs: 10_000 }, pollIntervalMs: 20, onError: (e: unknown) => errors.push(e), leaseMs: 500 };
    const a = createDispatcher({ ...options, store: storeA, alerts: [slow('a')] });
    const record = makeRecord(complaint());
    await storeA.putIfAbsent(record, ['slow']);
    a.kick();
    await vi.waitFor(() => expect(calls).toHaveLength(1), { timeout: 5000, interval: 5 });
    const b = createDispatcher({ ...options, store: storeB, alerts: [slow('b')] });
    try {
      // Four leases long: B polls every 20 ms and would take the alert over without the renewals.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(calls).toEqual([{ process: 'a', attempt: 1 }]);
      finish();
      await a.idle();
      expect(await storeB.claimAlerts({ now: Date.now() + 3_600_000, limit: 10, leaseMs: 1 })).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await storeA.close();
      await storeB.close();
    }
  });

  it('refuses a webhook URL that is not absolute http(s)', () => {
    expect(() => webhookAlert({ url: '/hooks' })).toThrowError(/absolute http\(s\) URL, got "\/hooks"/);
    expect(() => webhookAlert({ url: 'ftp://x.example' })).toThrowError(/absolute http/);
  });
});
