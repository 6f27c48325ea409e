/**
 * The OpenAPI document against the real routes: answers of list, detail, patch, 409, 400,
 * summary, notes and the rest are validated with Ajv (JSON Schema 2020-12) against the schema the
 * document gives for that path, method and status. Answer objects are closed
 * (`additionalProperties: false`), so a route that sends a field the contract does not have fails.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSurvey } from '@earful/schema';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../src/api/api-routes.js';
import { openApiDocument } from '../src/api/openapi.js';
import { FOLLOW_UP_SURVEY } from '../src/follow-up/follow-up-survey.js';
import { memoryStore } from '../src/stores/memory.js';
import { sqliteStore } from '../src/stores/sqlite.js';
import { apiHarness, contact, type ApiHarness } from './support/api-harness.js';

// ajv-formats is CommonJS; its default export is the plugin function (as in the schema's parity test).
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const survey = parseSurvey({ id: 'checkout', questions: [{ id: 'q1', type: 'rating', scale: 'csat5', prompt: { en: 'How did we do?', ko: '어떠셨나요?' } }] });
const dir = mkdtempSync(join(tmpdir(), 'earful-openapi-'));
const DOC_ID = 'https://earful.test/openapi.json';
let h: ApiHarness;
let doc: Record<string, any>;
let ajv: Ajv2020;

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Validates an answer against the document's schema for its path, method and status. */
async function check(answer: Response, path: string, method: string): Promise<unknown> {
  const status = String(answer.status);
  const operation = doc.paths[path]?.[method];
  expect(operation, `${method} ${path} is documented`).toBeDefined();
  expect(operation.responses[status], `${method} ${path} documents ${status}`).toBeDefined();
  const body = await answer.json();
  const validate = ajv.getSchema(`${DOC_ID}#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`)!;
  expect(validate, `${method} ${path} ${status} has a JSON schema`).toBeDefined();
  const ok = validate(body);
  expect(ok, `${method} ${path} ${status}: ${JSON.stringify(validate.errors)}`).toBe(true);
  return body;
}

beforeAll(async () => {
  doc = openApiDocument() as Record<string, any>;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: DOC_ID });
  h = await apiHarness({ surveys: [survey] });
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the document', () => {
  it('is OpenAPI 3.1 with both security schemes and a path for every route', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'cookie']);
    for (const route of API_ROUTES) {
      const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
      expect(doc.paths[path]?.[route.method.toLowerCase()]?.operationId, `${route.method} ${path}`).toBe(route.name);
    }
    expect(doc.paths['/api/session'].post.security).toEqual([]);
  });

  it('resolves every $ref, and its request schemas accept what the routes accept', () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) key === '$ref' ? refs.push(value as string) : walk(value);
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
    const patch = ajv.getSchema(`${DOC_ID}#/components/schemas/CasePatch`)!;
    expect(patch({ status: 'resolving', dueAt: '2026-12-04T12:00:00.000Z' })).toBe(true);
    expect(patch({ stauts: 'new' })).toBe(false);
    expect(patch({ status: 'closed' })).toBe(false);
    const reply = ajv.getSchema(`${DOC_ID}#/components/schemas/ReplyInput`)!;
    expect(reply({ template: 'apology', locale: 'ko' })).toBe(true);
    expect(reply({ template: 'Bad Name' })).toBe(false);
  });

  it('says one thing of `survey` on summary, cases and export: without it, lists and the summary leave the follow-up answers out', () => {
    const words = ['/api/summary', '/api/cases', '/api/export'].map((path) => doc.paths[path].get.parameters.find((p: { name: string }) => p.name === 'survey')?.description);
    expect(new Set(words).size).toBe(1);
    expect(words[0]).toContain(`case lists and the summary leave out \`${FOLLOW_UP_SURVEY}\``);
    expect(words[0]).toContain('the export keeps them');
  });

  it('has a section in docs/api.md for every route', () => {
    const guide = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    const missing = API_ROUTES.filter((route) => route.name !== 'openapi' && !guide.includes(`### \`${route.method} /api${route.path}\``) && !guide.includes(`\`${route.method} /api${route.path}`));
    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('is served at /api/openapi.json to any authenticated caller', async () => {
    const answer = await h.call('/api/openapi.json', { as: 'read-only' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    expect((await h.call('/api/openapi.json', { as: 'nobody' })).status).toBe(401);
  });

  it('closes answer objects, so a field the contract does not have fails validation', async () => {
    const response = await h.seed();
    const body = (await (await h.call(`/api/cases/${response.id}`)).json()) as Record<string, any>;
    const validate = ajv.getSchema(`${DOC_ID}#/components/schemas/CaseDetail`)!;
    expect(validate(body)).toBe(true);
    expect(validate({ ...body, case: { ...body.case, passwordHash: 'x' } })).toBe(false);
    expect(validate({ ...body, extra: 1 })).toBe(false);
    expect(validate({ ...body, timeline: [{ ...body.timeline[0], secret: 'x' }] })).toBe(false);
  });
});

describe.each(['memory', 'sqlite'])('real answers match the document (%s store)', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await apiHarness({ surveys: [survey], store: kind === 'memory' ? memoryStore() : sqliteStore(join(dir, 'openapi.db')) });
  });
  afterAll(async () => {
    await h.close();
  });

  it('list, detail, patch, stale, notes, and the problems', async () => {
    const response = await h.seed({
      metadata: { orderId: 'A-1001' },
      user: { id: 'u-1', traits: { plan: 'pro' } },
      answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, { type: 'text', questionId: 'q2', value: '<img src=x onerror=alert(1)>' }, contact('kim@example.kr', '김민지')],
    });
    await check(await h.call('/api/cases?sort=urgent&limit=10'), '/api/cases', 'get');
    await check(await h.call('/api/cases?status=bogus'), '/api/cases', 'get');
    await check(await h.call('/api/cases', { as: 'nobody' }), '/api/cases', 'get');
    await check(await h.call(`/api/cases/${response.id}`), '/api/cases/{id}', 'get');
    await check(await h.call(`/api/cases/${randomUUID()}`), '/api/cases/{id}', 'get');
    const patched = await h.call(`/api/cases/${response.id}`, { method: 'PATCH', headers: { 'if-match': '"1"' }, body: { status: 'resolving', dueAt: '2026-12-04T12:00:00.000Z', tags: ['delivery'], assignee: 'ana@shop.example' } });
    await check(patched, '/api/cases/{id}', 'patch');
    const stale = (await check(await h.call(`/api/cases/${response.id}`, { method: 'PATCH', headers: { 'if-match': '"1"' }, body: { status: 'spam' } }), '/api/cases/{id}', 'patch')) as { case?: unknown };
    expect(stale.case).toBeDefined();
    await check(await h.call(`/api/cases/${response.id}`, { method: 'PATCH', headers: { 'if-match': '"2"' }, body: { status: 'closed' } }), '/api/cases/{id}', 'patch');
    await check(await h.call(`/api/cases/${response.id}`, { method: 'PATCH', body: { status: 'spam' } }), '/api/cases/{id}', 'patch');
    await check(await h.call(`/api/cases/${response.id}`, { method: 'PATCH', as: 'read-only', headers: { 'if-match': '"2"' }, body: { status: 'spam' } }), '/api/cases/{id}', 'patch');
    await check(await h.call(`/api/cases/${response.id}/notes`, { method: 'POST', body: { text: '전화 드림' } }), '/api/cases/{id}/notes', 'post');
    await check(await h.call(`/api/cases/${response.id}/replies`, { method: 'POST', body: { template: 'apology' } }), '/api/cases/{id}/replies', 'post');
    await check(await h.call(`/api/cases/${response.id}/replies`, { method: 'POST', body: { subject: 'Sorry', body: 'Refunded.', sent: 'manually' } }), '/api/cases/{id}/replies', 'post');
    await check(await h.call(`/api/cases/${response.id}/follow-up`, { method: 'POST', body: {} }), '/api/cases/{id}/follow-up', 'post');
    const resolved = await h.call(`/api/cases/${response.id}`, { method: 'PATCH', headers: { 'if-match': '"4"' }, body: { status: 'resolved', remedy: 'refund', remedyNote: 'full' } });
    await check(resolved, '/api/cases/{id}', 'patch');
  });

  it('summary, templates, surveys, users, erasure and 410', async () => {
    await h.seed({ answers: [{ type: 'rating', questionId: 'q1', scale: 'nps', value: 9 }, { type: 'choice', questionId: 'why', values: ['late'] }] });
    await check(await h.call('/api/summary?days=7'), '/api/summary', 'get');
    await check(await h.call('/api/summary?days=9999'), '/api/summary', 'get');
    await check(await h.call('/api/templates?locale=ko'), '/api/templates', 'get');
    await check(await h.call('/api/surveys'), '/api/surveys', 'get');
    await check(await h.call('/api/users'), '/api/users', 'get');
    const response = await h.seed();
    await check(await h.call(`/api/responses/${response.id}`, { method: 'DELETE' }), '/api/responses/{id}', 'delete');
    await check(await h.call(`/api/cases/${response.id}`), '/api/cases/{id}', 'get');
  });
});
