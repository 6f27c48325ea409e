/**
 * An `/api` handler on a store with three callers ready — a signed-in staff member (cookie and
 * same-origin `Origin`), a read-write API key and a read-only one — and helpers to store
 * responses and call routes, for the route tests (`test/api-*.test.ts`).
 */
import type { SurveyResponse, SurveyResponseInput } from '@earful/schema';
import { createApiKey } from '../../src/api/auth/accounts.js';
import { SESSION_COOKIE } from '../../src/api/auth/session-cookie.js';
import { sessionPolicy, startSession } from '../../src/api/auth/sessions.js';
import type { ApiOptions } from '../../src/api/api-options.js';
import { createApiHandler, type ApiHandler } from '../../src/api/create-api-handler.js';
import type { CaseInit, ResponseStore } from '../../src/store.js';
import { memoryStore } from '../../src/stores/memory.js';
import { makeRecord, makeResponse } from './fixtures.js';

export const BASE = 'http://127.0.0.1:8787';
export const STAFF = 'ana@shop.example';

/** Who calls: the staff member's session, the `crm` key, or the read-only `reports` key. */
export type Caller = 'session' | 'key' | 'read-only' | 'nobody';

export interface CallInit {
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly as?: Caller;
}

export interface ApiHarness {
  readonly store: ResponseStore;
  readonly api: ApiHandler;
  /** The handler's clock (ms); tests may move it. */
  clock: number;
  call(path: string, init?: CallInit): Promise<Response>;
  /** Stores a response (received at the clock's time) and returns it. */
  seed(overrides?: Partial<SurveyResponseInput>, init?: CaseInit): Promise<SurveyResponse>;
  close(): Promise<void>;
}

/** A consented contact answer. */
export function contact(email: string, name?: string) {
  return { type: 'contact' as const, questionId: 'contact', consent: true as const, email, ...(name ? { name } : {}) };
}

export async function apiHarness(options: Partial<ApiOptions> = {}): Promise<ApiHarness> {
  const store = options.store ?? memoryStore();
  const harness = { clock: Date.parse('2026-11-22T10:00:00.000Z') } as ApiHarness & { clock: number };
  const api = createApiHandler({ store, now: () => harness.clock, onError: () => {}, loginRateLimit: false, ...options });
  // Signed in directly: hashing a password (scrypt) in every test would cost seconds; the sign-in
  // route itself is tested in api-auth.test.ts.
  await store.auth.addUser({ email: STAFF, passwordHash: 'not-used', createdAt: new Date(harness.clock).toISOString() });
  const { token } = await startSession(store, STAFF, harness.clock, sessionPolicy(options.session));
  const { key } = await createApiKey(store, { name: 'crm', readOnly: false, now: harness.clock });
  const { key: readOnly } = await createApiKey(store, { name: 'reports', readOnly: true, now: harness.clock });
  const cookie = `${SESSION_COOKIE}=${token}`;
  // With a public URL the receiver's own origin is that one: the browser's requests come from it.
  const base = options.publicUrl === undefined ? BASE : new URL(options.publicUrl).origin;

  const credentials: Record<Caller, Record<string, string>> = {
    session: { cookie, origin: base },
    key: { authorization: `Bearer ${key}` },
    'read-only': { authorization: `Bearer ${readOnly}` },
    nobody: {},
  };

  return Object.assign(harness, {
    store,
    api,
    call(path: string, init: CallInit = {}) {
      const { method = 'GET', body, headers = {}, as = 'session' } = init;
      const hasBody = body !== undefined;
      return api(
        new Request(`${base}${path}`, {
          method,
          headers: { ...credentials[as], ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers },
          ...(hasBody ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        }),
      );
    },
    async seed(overrides: Partial<SurveyResponseInput> = {}, init?: CaseInit) {
      const response = makeResponse(overrides);
      const result = await store.putIfAbsent(makeRecord(response, harness.clock), [], init);
      if (!result.inserted) throw new Error(`seed: ${response.id} was not stored`);
      return response;
    },
    async close() {
      await api.close();
      await store.close();
    },
  });
}

/**
 * Reads a byte stream (an event stream) until `done(text so far)` holds or it ends; at most 5 s.
 * `seen.text` keeps everything read, across calls.
 */
export async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (text: string) => boolean, seen = { text: '' }): Promise<string> {
  const decoder = new TextDecoder();
  const deadline = Date.now() + 5000;
  while (!done(seen.text)) {
    if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(seen.text)}`);
    const chunk = await reader.read();
    if (chunk.done) break;
    seen.text += decoder.decode(chunk.value, { stream: true });
  }
  return seen.text;
}
