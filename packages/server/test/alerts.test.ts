import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { AlertPayload } from '../src/alerts/alert.js';
import { webhookAlert } from '../src/alerts/webhook-alert.js';
import { createHandler } from '../src/create-handler.js';
import { memoryStore } from '../src/memory-store.js';
import { verifySignature } from '../src/signature.js';
import { sqliteStore } from '../src/stores/sqlite.js';
import { makeResponse, post } from './support/fixtures.js';
import { listen } from './support/loopback.js';

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
  const server = await listen((req, res) => {
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

  it('refuses a webhook URL that is not absolute http(s)', () => {
    expect(() => webhookAlert({ url: '/hooks' })).toThrowError(/absolute http\(s\) URL, got "\/hooks"/);
    expect(() => webhookAlert({ url: 'ftp://x.example' })).toThrowError(/absolute http/);
  });
});
