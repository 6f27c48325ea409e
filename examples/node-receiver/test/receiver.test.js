// @ts-check
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveLoopback } from '@earful/devtools/loopback';
import { verifySignature } from '@earful/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startReceiver } from '../src/receiver.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-node-receiver-'));
/** @type {{ body: string, signature: string | undefined }[]} */
const hooks = [];
/** @type {import('@earful/devtools/loopback').Loopback} */
let hookServer;
/** @type {Awaited<ReturnType<typeof startReceiver>>} */
let receiver;

beforeAll(async () => {
  hookServer = await serveLoopback((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push({ body, signature: /** @type {string | undefined} */ (req.headers['earful-signature']) });
      res.writeHead(204).end();
    });
  });
  receiver = await startReceiver({
    db: join(dir, 'feedback.db'),
    port: 0,
    origins: ['https://shop.example'],
    webhookUrl: `${hookServer.url}/hook`,
    webhookSecret: 'hush',
  });
});

afterAll(async () => {
  await receiver.close();
  await hookServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

const complaint = {
  schemaVersion: 1,
  id: '0d6b1c1e-7d4a-4c55-9a53-2f0b1e8c6d71',
  surveyId: 'checkout',
  createdAt: '2026-11-24T09:30:00.000Z',
  locale: 'lv-LV',
  answers: [
    { type: 'rating', questionId: 'rating', scale: 'csat5', value: 1 },
    { type: 'text', questionId: 'details', value: 'Piegāde kavējās divas nedēļas.' },
  ],
};

it('stores a complaint once, answers 202, and fires a signed alert', async () => {
  const send = () =>
    fetch(receiver.endpoint, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' }, body: JSON.stringify(complaint) });
  const first = await send();
  expect(first.status).toBe(202);
  expect(await first.json()).toEqual({ id: complaint.id, status: 'accepted' });
  expect((await send()).status).toBe(202);
  expect((await receiver.store.list()).items).toHaveLength(1);
  // The alert goes out within a second of storing; wait (bounded) for it.
  for (let i = 0; i < 50 && hooks.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(hooks).toHaveLength(1);
  expect(hooks[0]?.body).toContain('Piegāde kavējās');
  expect(verifySignature('hush', hooks[0]?.body ?? '', hooks[0]?.signature)).toBe(true);
});

it('refuses other origins', async () => {
  const res = await fetch(receiver.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify(complaint) });
  expect(res.status).toBe(403);
});
