/**
 * The `/api` gate through the Fetch handler: who gets in (API keys, sessions, one-time links),
 * who does not (no credentials, forged or expired cookies, revoked keys), CSRF, read-only keys,
 * the sign-in rate limit, and the body reader's limits. The routes behind the gate are H8's;
 * here they only need to be reached.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../src/api/api-routes.js';
import { createApiKey, removeStaffUser, revokeApiKey, setStaffPassword } from '../src/api/auth/accounts.js';
import { loginLink, setupLinkIfNeeded } from '../src/api/auth/links.js';
import { hashPassword, verifyPassword } from '../src/api/auth/password.js';
import { newToken, TOKEN_PREFIX } from '../src/api/auth/secret-token.js';
import { createApiHandler, MAX_API_BODY_BYTES, type ApiHandler } from '../src/api/create-api-handler.js';
import type { ApiOptions } from '../src/api/api-options.js';
import { memoryStore } from '../src/stores/memory.js';
import type { ResponseStore } from '../src/store.js';

const BASE = 'http://127.0.0.1:8787';
const PASSWORD = 'correct horse battery staple';
const HOUR = 3_600_000;

let store: ResponseStore;
let clock: number;
let api: ApiHandler;
let anaHash: string;

beforeAll(async () => {
  anaHash = await hashPassword(PASSWORD);
});

function make(options: Partial<ApiOptions> = {}): ApiHandler {
  return createApiHandler({ store, now: () => clock, onError: () => {}, ...options });
}

beforeEach(async () => {
  store = memoryStore();
  clock = Date.parse('2026-11-22T09:00:00.000Z');
  api = make();
  // One hash for every test: scrypt is slow on purpose.
  await store.auth.addUser({ email: 'ana@shop.example', passwordHash: anaHash, createdAt: new Date(clock).toISOString() });
});

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; base?: string } = {}): Request {
  const { method = 'GET', headers = {}, body, base = BASE } = init;
  const hasBody = body !== undefined;
  return new Request(`${base}${path}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(hasBody ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

async function signIn(handler = api, email = 'ana@shop.example', password = PASSWORD, headers: Record<string, string> = { origin: BASE }, base = BASE): Promise<Response> {
  return handler(request('/api/session', { method: 'POST', headers, body: { email, password }, base }));
}

/** The `name=value` part of a Set-Cookie, as a browser would send it back. */
function cookieOf(response: Response): string {
  const set = response.headers.get('set-cookie');
  expect(set).toBeTruthy();
  return set!.split(';')[0]!;
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error: string; message: string };
  expect(typeof body.message).toBe('string');
  return body.error;
}

const ANY_ID = randomUUID();
const concrete = (path: string) => path.replace(/:[a-z]+/g, ANY_ID);

describe('without credentials', () => {
  it('every route of the table answers 401 with a JSON problem', async () => {
    expect(API_ROUTES.length).toBeGreaterThanOrEqual(14);
    for (const route of API_ROUTES) {
      const response = await api(request(`/api${concrete(route.path)}`, { method: route.method, headers: { origin: BASE }, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }) }));
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="earful"');
      expect(await errorOf(response)).toBe('unauthorized');
    }
  });

  it('GET /api/session says not signed in; unknown paths are 404, not 401', async () => {
    expect((await api(request('/api/session'))).status).toBe(401);
    const missing = await api(request('/api/nothing-here'));
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toBe('not_found');
  });

  it('a forged, junk or oversized cookie is not a session', async () => {
    for (const cookie of [`earful_session=${newToken(TOKEN_PREFIX.session)}`, 'earful_session=../../etc/passwd', `earful_session=${'a'.repeat(20_000)}`, 'earful_session=', `earful_session=${newToken(TOKEN_PREFIX.apiKey)}`]) {
      const response = await api(request('/api/cases', { headers: { cookie } }));
      expect(response.status, cookie.slice(0, 40)).toBe(401);
    }
  });

  it('a bearer token that is not a key, or a revoked key, is refused even with a valid cookie beside it', async () => {
    const session = cookieOf(await signIn());
    const { key } = await createApiKey(store, { name: 'crm', readOnly: false, now: clock });
    for (const authorization of ['Bearer nope', `Bearer ${newToken(TOKEN_PREFIX.apiKey)}`, 'Basic YWRtaW46YWRtaW4=', `Bearer ${key}x`]) {
      expect((await api(request('/api/cases', { headers: { authorization, cookie: session } }))).status, authorization).toBe(401);
    }
    expect(await revokeApiKey(store, 'crm')).toBe(true);
    expect((await api(request('/api/cases', { headers: { authorization: `Bearer ${key}` } }))).status).toBe(401);
  });
});

describe('sessions', () => {
  it('signs in with 204 and an HttpOnly, SameSite=Strict cookie; GET /api/session says who; routes are reached', async () => {
    const response = await signIn(api, 'ANA@shop.example');
    expect(response.status).toBe(204);
    const set = response.headers.get('set-cookie')!;
    expect(set).toMatch(/^earful_session=es_[A-Za-z0-9_-]{43}; /);
    expect(set).toContain('; Path=/');
    expect(set).toContain('; HttpOnly');
    expect(set).toContain('; SameSite=Strict');
    expect(set).not.toContain('Secure');
    const cookie = cookieOf(response);
    const me = await api(request('/api/session', { headers: { cookie } }));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ email: 'ana@shop.example' });
    // Past the gate: the route answers (whatever it is), not the gate.
    expect((await api(request('/api/cases', { headers: { cookie } }))).status).not.toBe(401);
  });

  it('sets Secure behind HTTPS: an https publicUrl, or X-Forwarded-Proto with trustProxy only', async () => {
    const https = make({ publicUrl: 'https://feedback.shop.example' });
    const viaPublic = await signIn(https, undefined, undefined, { origin: 'https://feedback.shop.example' });
    expect(viaPublic.headers.get('set-cookie')).toContain('; Secure');

    const proxied = make({ trustProxy: true });
    const forwarded = await signIn(proxied, undefined, undefined, { origin: 'https://feedback.shop.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'feedback.shop.example' });
    expect(forwarded.status).toBe(204);
    expect(forwarded.headers.get('set-cookie')).toContain('; Secure');

    // Without trustProxy the header is anyone's to send: it neither makes the origin nor the cookie.
    const spoofed = await signIn(api, undefined, undefined, { origin: BASE, 'x-forwarded-proto': 'https' });
    expect(spoofed.status).toBe(204);
    expect(spoofed.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await signIn(api, 'ana@shop.example', 'not the password at all');
    const unknown = await signIn(api, 'nobody@shop.example', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('sign-out deletes the session server-side: the copied cookie stops working', async () => {
    const cookie = cookieOf(await signIn());
    const out = await api(request('/api/session', { method: 'DELETE', headers: { cookie, origin: BASE } }));
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^earful_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    expect((await api(request('/api/session', { headers: { cookie } }))).status).toBe(401);
    expect((await api(request('/api/cases', { headers: { cookie } }))).status).toBe(401);
  });

  it('ends after 12 h idle and after 30 days however busy; use moves the idle end on', async () => {
    const cookie = cookieOf(await signIn());
    clock += 11 * HOUR;
    expect((await api(request('/api/session', { headers: { cookie } }))).status).toBe(200);
    clock += 11 * HOUR; // 22 h after sign-in, 11 h after last use
    expect((await api(request('/api/session', { headers: { cookie } }))).status).toBe(200);
    clock += 12 * HOUR + 1000;
    expect((await api(request('/api/session', { headers: { cookie } }))).status).toBe(401);

    const busy = cookieOf(await signIn());
    for (let day = 0; day < 29; day += 1) {
      clock += 10 * HOUR;
      expect((await api(request('/api/cases', { headers: { cookie: busy } }))).status).not.toBe(401);
      clock += 14 * HOUR - 10 * HOUR;
      expect((await api(request('/api/session', { headers: { cookie: busy } }))).status).toBe(200);
    }
    clock += 24 * HOUR;
    expect((await api(request('/api/session', { headers: { cookie: busy } }))).status).toBe(401);
  });

  it('a new password ends open sessions, and only the new one signs in', async () => {
    const cookie = cookieOf(await signIn());
    expect(await setStaffPassword(store, 'ana@shop.example', 'a brand new passphrase')).toBe(true);
    expect((await api(request('/api/session', { headers: { cookie } }))).status).toBe(401);
    expect((await signIn()).status).toBe(401);
    expect((await signIn(api, 'ana@shop.example', 'a brand new passphrase')).status).toBe(204);
    expect(await setStaffPassword(store, 'nobody@shop.example', 'a brand new passphrase')).toBe(false);
  });

  it('a removed user is signed out everywhere', async () => {
    const cookie = cookieOf(await signIn());
    expect(await removeStaffUser(store, 'ana@shop.example')).toBe(true);
    expect((await api(request('/api/session', { headers: { cookie } }))).status).toBe(401);
    expect((await signIn()).status).toBe(401);
  });
});

describe('CSRF: a signed-in change must come from the receiver itself', () => {
  let cookie: string;
  beforeEach(async () => {
    cookie = cookieOf(await signIn());
  });

  const patch = (headers: Record<string, string>) => request(`/api/cases/${ANY_ID}`, { method: 'PATCH', headers, body: { status: 'acknowledged' } });

  it('refuses a fetch with another Origin, a missing Origin, and Sec-Fetch-Site: cross-site', async () => {
    const attempts: Record<string, string>[] = [
      { cookie, origin: 'https://evil.example' },
      { cookie, origin: 'http://127.0.0.1:8788' },
      { cookie, origin: 'null' },
      { cookie },
      { cookie, origin: BASE, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const response = await api(patch(headers));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await errorOf(response)).toBe('csrf');
    }
  });

  it('refuses a cross-origin HTML form POST (urlencoded, foreign Origin)', async () => {
    const form = new Request(`${BASE}/api/cases/${ANY_ID}/notes`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'text=pwned',
    });
    const response = await api(form);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toBe('csrf');
  });

  it('lets the same origin through, and reads are not checked', async () => {
    expect((await api(patch({ cookie, origin: BASE, 'sec-fetch-site': 'same-origin' }))).status).not.toBe(403);
    expect((await api(request('/api/cases', { headers: { cookie, origin: 'https://evil.example' } }))).status).not.toBe(403);
  });

  it('uses publicUrl as the one origin when given', async () => {
    const behind = make({ publicUrl: 'https://feedback.shop.example/earful' });
    const session = cookieOf(await signIn(behind, undefined, undefined, { origin: 'https://feedback.shop.example' }));
    expect((await behind(patch({ cookie: session, origin: BASE }))).status).toBe(403);
    expect((await behind(patch({ cookie: session, origin: 'https://feedback.shop.example' }))).status).not.toBe(403);
  });

  it('refuses sign-in and sign-out posted from another site (login CSRF)', async () => {
    const login = await signIn(api, undefined, undefined, { origin: 'https://evil.example' });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
    const out = await api(request('/api/session', { method: 'DELETE', headers: { cookie, origin: 'https://evil.example' } }));
    expect(out.status).toBe(403);
    expect((await api(request('/api/session', { headers: { cookie } }))).status).toBe(200);
  });

  it('does not apply to API keys: no browser sends one by itself', async () => {
    const { key } = await createApiKey(store, { name: 'crm', readOnly: false, now: clock });
    expect((await api(patch({ authorization: `Bearer ${key}`, origin: 'https://evil.example' }))).status).not.toBe(403);
    expect((await api(patch({ authorization: `Bearer ${key}` }))).status).not.toBe(403);
  });
});

describe('API keys', () => {
  it('are shown once as ek_ + 43 base64url characters, and only their hash is stored', async () => {
    const { key, token } = await createApiKey(store, { name: 'crm', readOnly: false, now: clock });
    expect(key).toMatch(/^ek_[A-Za-z0-9_-]{43}$/);
    expect(token.hash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await store.auth.listTokens('api-key', clock);
    expect(JSON.stringify(stored)).not.toContain(key.slice(3));
    expect(stored.map((t) => [t.name, t.readOnly, t.expiresAt])).toEqual([['crm', false, null]]);
    await expect(createApiKey(store, { name: 'crm', readOnly: true, now: clock })).rejects.toThrow('a key named crm exists already');
    await expect(createApiKey(store, { name: 'has space', readOnly: true, now: clock })).rejects.toThrow('must be 1–40 letters');
  });

  it('a read-only key reads, and gets 403 read_only on every write', async () => {
    const { key } = await createApiKey(store, { name: 'reports', readOnly: true, now: clock });
    const authorization = `Bearer ${key}`;
    expect((await api(request('/api/cases', { headers: { authorization } }))).status).not.toBe(401);
    expect((await api(request('/api/summary', { method: 'HEAD', headers: { authorization } }))).status).not.toBe(403);
    for (const route of API_ROUTES.filter((r) => r.method !== 'GET')) {
      const response = await api(request(`/api${concrete(route.path)}`, { method: route.method, headers: { authorization }, body: {} }));
      expect(response.status, `${route.method} ${route.path}`).toBe(403);
      expect(await errorOf(response)).toBe('read_only');
    }
  });

  it('405 names the methods a path takes, after authentication', async () => {
    const { key } = await createApiKey(store, { name: 'crm', readOnly: false, now: clock });
    expect((await api(request('/api/summary', { method: 'POST', body: {} }))).status).toBe(401);
    const response = await api(request('/api/summary', { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: {} }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    const cases = await api(request(`/api/cases/${ANY_ID}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } }));
    expect(cases.headers.get('allow')).toBe('GET, PATCH');
  });
});

describe('sign-in rate limit', () => {
  it('per email: the 6th attempt within a minute gets 429 with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i += 1) expect((await signIn(api, 'ana@shop.example', `guess number ${i} here`)).status).toBe(401);
    const limited = await signIn(api, 'ana@shop.example', PASSWORD);
    expect(limited.status).toBe(429);
    expect(await errorOf(limited)).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    clock += 60_000;
    expect((await signIn(api, 'ana@shop.example', PASSWORD)).status).toBe(204);
  });

  it('per client: one address cannot spray many accounts', async () => {
    const limited = make({ loginRateLimit: { perClient: { capacity: 3, refillPerSecond: 1 / 60 }, perEmail: false } });
    const from = { ip: '203.0.113.7' };
    const attempt = (email: string) => limited(request('/api/session', { method: 'POST', headers: { origin: BASE }, body: { email, password: 'wrong wrong wrong' } }), from);
    for (const email of ['a@x.example', 'b@x.example', 'c@x.example']) expect((await attempt(email)).status).toBe(401);
    expect((await attempt('d@x.example')).status).toBe(429);
    // Another client is not held up by it.
    const other = await limited(request('/api/session', { method: 'POST', headers: { origin: BASE }, body: { email: 'ana@shop.example', password: PASSWORD } }), { ip: '198.51.100.9' });
    expect(other.status).toBe(204);
  });
});

describe('setup and sign-in links', () => {
  it('the first-run link creates the first account and signs in once; a used link gets 410', async () => {
    const fresh = memoryStore();
    const first = createApiHandler({ store: fresh, now: () => clock, onError: () => {} });
    const link = await setupLinkIfNeeded(fresh, 'http://127.0.0.1:8787', clock);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:8787\/inbox\/#setup=el_[A-Za-z0-9_-]{43}$/);
    const token = link!.split('#setup=')[1]!;
    const body = { token, email: 'Owner@Shop.example', password: PASSWORD };
    const created = await first(request('/api/setup', { method: 'POST', headers: { origin: BASE }, body }));
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({ email: 'owner@shop.example' });
    const cookie = cookieOf(created);
    expect((await first(request('/api/session', { headers: { cookie } }))).status).toBe(200);

    const again = await first(request('/api/setup', { method: 'POST', headers: { origin: BASE }, body: { ...body, email: 'mallory@evil.example' } }));
    expect(again.status).toBe(410);
    expect(await errorOf(again)).toBe('link_gone');
    expect((await fresh.auth.listUsers()).map((u) => u.email)).toEqual(['owner@shop.example']);
    expect(await setupLinkIfNeeded(fresh, 'http://127.0.0.1:8787', clock)).toBeUndefined();
  });

  it('a setup link made before the first account cannot make a second one', async () => {
    const fresh = memoryStore();
    const first = createApiHandler({ store: fresh, now: () => clock, onError: () => {} });
    const a = (await setupLinkIfNeeded(fresh, BASE, clock))!.split('#setup=')[1]!;
    const b = (await setupLinkIfNeeded(fresh, BASE, clock))!.split('#setup=')[1]!;
    expect((await first(request('/api/setup', { method: 'POST', headers: { origin: BASE }, body: { token: a, email: 'owner@shop.example', password: PASSWORD } }))).status).toBe(200);
    const late = await first(request('/api/setup', { method: 'POST', headers: { origin: BASE }, body: { token: b, email: 'mallory@evil.example', password: PASSWORD } }));
    expect(late.status).toBe(403);
    expect(await errorOf(late)).toBe('already_set_up');
  });

  it('refuses a short first password with field issues, and an expired link', async () => {
    const fresh = memoryStore();
    const first = createApiHandler({ store: fresh, now: () => clock, onError: () => {} });
    const token = (await setupLinkIfNeeded(fresh, BASE, clock))!.split('#setup=')[1]!;
    const short = await first(request('/api/setup', { method: 'POST', headers: { origin: BASE }, body: { token, email: 'owner@shop.example', password: 'short' } }));
    expect(short.status).toBe(400);
    expect(((await short.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['password']);
    clock += 25 * HOUR;
    const expired = await first(request('/api/setup', { method: 'POST', headers: { origin: BASE }, body: { token, email: 'owner@shop.example', password: PASSWORD } }));
    expect(expired.status).toBe(410);
  });

  it('a sign-in link works once, within 15 minutes, and only as a link', async () => {
    const link = await loginLink(store, 'ana@shop.example', 'https://feedback.shop.example/', clock);
    expect(link).toMatch(/^https:\/\/feedback\.shop\.example\/inbox\/#login=el_/);
    const token = link.split('#login=')[1]!;
    const used = await api(request('/api/session/link', { method: 'POST', headers: { origin: BASE }, body: { token } }));
    expect(used.status).toBe(200);
    expect(await used.json()).toEqual({ email: 'ana@shop.example' });
    expect(cookieOf(used)).toMatch(/^earful_session=es_/);
    expect((await api(request('/api/session/link', { method: 'POST', headers: { origin: BASE }, body: { token } }))).status).toBe(410);

    const late = (await loginLink(store, 'ana@shop.example', BASE, clock)).split('#login=')[1]!;
    clock += 16 * 60_000;
    expect((await api(request('/api/session/link', { method: 'POST', headers: { origin: BASE }, body: { token: late } }))).status).toBe(410);
    await expect(loginLink(store, 'nobody@shop.example', BASE, clock)).rejects.toThrow('there is no user nobody@shop.example');
  });

  it('a session cookie posted as a link token neither signs in nor ends that session', async () => {
    const cookie = cookieOf(await signIn());
    const token = cookie.split('=')[1]!;
    expect((await api(request('/api/session/link', { method: 'POST', headers: { origin: BASE }, body: { token } }))).status).toBe(410);
    expect((await api(request('/api/session', { headers: { cookie } }))).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('413 for a body over 64 KiB, declared or streamed', async () => {
    const big = JSON.stringify({ email: 'ana@shop.example', password: 'x'.repeat(MAX_API_BODY_BYTES) });
    const declared = await api(request('/api/session', { method: 'POST', headers: { origin: BASE }, body: big }));
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toBe('payload_too_large');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(8192)));
        controller.close();
      },
    });
    const streamed = await api(new Request(`${BASE}/api/session`, { method: 'POST', headers: { origin: BASE, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit));
    expect(streamed.status).toBe(413);
  });

  it('400 for broken JSON and 415 for a form body', async () => {
    const broken = await api(request('/api/session', { method: 'POST', headers: { origin: BASE }, body: '{"email": ' }));
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toBe('invalid_json');
    const form = await api(new Request(`${BASE}/api/session`, { method: 'POST', headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b' }));
    expect(form.status).toBe(415);
  });

  it('a __proto__ key is refused as unknown and pollutes nothing', async () => {
    const response = await api(
      request('/api/session', { method: 'POST', headers: { origin: BASE }, body: `{"email":"ana@shop.example","password":"${PASSWORD}","__proto__":{"polluted":true,"readOnly":false}}` }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toBe('validation');
    expect(body.issues[0]!.message).toContain('__proto__');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('passwords', () => {
  it('are scrypt with a random salt and their parameters; verify only the right one', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, a)).toBe(false);
    expect(await verifyPassword(PASSWORD, undefined)).toBe(false);
    // A tampered row asking for gigabytes of memory is not a hash.
    expect(await verifyPassword(PASSWORD, a.replace('$32768$', '$1073741824$'))).toBe(false);
    await expect(hashPassword('eleven char')).rejects.toThrow('at least 12 characters');
  });
});
