// @ts-check
import { expect, it } from 'vitest';
import worker, { handler } from '../src/worker.js';

const body = JSON.stringify({
  schemaVersion: 1,
  id: '5e0c2a4b-1f3d-4e6a-8b7c-9d0e1f2a3b4c',
  surveyId: 'checkout',
  createdAt: '2026-11-24T09:30:00+09:00',
  locale: 'te-IN',
  answers: [{ type: 'rating', questionId: 'nps', scale: 'nps', value: 3 }, { type: 'text', questionId: 'why', value: 'డెలివరీ చాలా ఆలస్యమైంది' }],
});
const post = (origin = 'https://eu.shop.example', text = body) =>
  worker.fetch(new Request('https://api.example/feedback', { method: 'POST', headers: { origin, 'content-type': 'text/plain;charset=UTF-8' }, body: text }));

it('accepts a response from an allowed origin and echoes CORS', async () => {
  const res = await post();
  expect(res.status).toBe(202);
  expect(res.headers.get('access-control-allow-origin')).toBe('https://eu.shop.example');
});

it('answers the CORS preflight', async () => {
  const res = await worker.fetch(new Request('https://api.example/feedback', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }));
  expect(res.status).toBeLessThan(300);
  expect(res.headers.get('access-control-allow-methods')).toContain('POST');
});

it('rejects bad input with field messages and other origins with 403', async () => {
  const bad = await post('https://shop.example', body.replace('"value":3', '"value":11'));
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ error: 'validation', issues: [{ path: 'answers[0].value' }] });
  expect((await post('https://evil.example')).status).toBe(403);
  await handler.close();
});
