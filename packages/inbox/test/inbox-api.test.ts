/** The API client: same-origin credentials always, typed errors for every failure a receiver or proxy gives. */
import { describe, expect, it } from 'vitest';
import { ApiError, isApiError } from '../src/app/api/api-error.js';
import { createInboxApi } from '../src/app/api/inbox-api.js';

const caseBody = { id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', version: 3 };

function stub(answer: () => Response | Promise<Response>) {
  const seen: RequestInit[] = [];
  const api = createInboxApi({
    fetch: async (_input, init) => {
      seen.push(init ?? {});
      return answer();
    },
  });
  return { api, seen };
}

describe('createInboxApi', () => {
  it('sends JSON with credentials: same-origin and If-Match on a patch', async () => {
    const { api, seen } = stub(() => Response.json(caseBody));
    await api.patchCase(caseBody.id, 3, { status: 'acknowledged' });
    expect(seen[0]).toMatchObject({ method: 'PATCH', credentials: 'same-origin', body: '{"status":"acknowledged"}', headers: { 'Content-Type': 'application/json', 'If-Match': '3' } });
  });
  it('a receiver that cannot be reached is an ApiError with status 0', async () => {
    const { api } = stub(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await api.summary().catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 0, reason: 'network', code: 'api' });
    expect((error as ApiError).cause).toBeInstanceOf(TypeError);
  });
  it('a proxy\'s HTML error page is an ApiError with its status', async () => {
    const { api } = stub(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.summary()).rejects.toMatchObject({ status: 502, reason: 'http', message: 'The receiver answered 502.' });
  });
  it('a stale version (409) carries the case as it is now', async () => {
    const { api } = stub(() => Response.json({ error: 'conflict', message: 'changed', case: caseBody }, { status: 409 }));
    await expect(api.patchCase(caseBody.id, 1, { tags: [] })).rejects.toMatchObject({ status: 409, reason: 'conflict', case: caseBody });
  });
  it('reads who signed in after the receiver\'s 204, and null without a session', async () => {
    let n = 0;
    const { api } = stub(() => (n++ === 0 ? new Response(null, { status: 204 }) : Response.json({ email: 'ana@shop.example' })));
    await expect(api.signIn('ana@shop.example', 'pw')).resolves.toEqual({ email: 'ana@shop.example' });
    const signedOut = stub(() => Response.json({ error: 'unauthorized', message: 'not signed in' }, { status: 401 })).api;
    await expect(signedOut.session()).resolves.toBeNull();
  });
  it('encodes case ids and leaves out empty filters', async () => {
    const urls: string[] = [];
    const api = createInboxApi({ base: '/support/api', fetch: async (input) => (urls.push(String(input)), Response.json({ items: [], nextCursor: null })) });
    await api.listCases({ q: '배송 지연', status: '' });
    await api.getCase('../users').catch(() => undefined);
    expect(urls[0]).toBe(`/support/api/cases?q=${encodeURIComponent('배송 지연').replace(/%20/g, '+')}&limit=50`);
    expect(urls[1]).toBe('/support/api/cases/..%2Fusers');
  });
});
