/**
 * `createApiHandler`: the `/api` router as a Fetch-API function. For each request, in order:
 * match the route (404/405), authenticate (401), refuse cross-site writes made with the session
 * cookie (403 `csrf`) and writes with read-only keys (403 `read_only`), then call the route. Every
 * error answer has the one body shape of `api-context.ts`; nothing a client sends makes a 5xx.
 */
import { safeParseWith } from '@earful/schema';
import type * as z from 'zod/mini';
import type { RequestInfo } from '../create-handler.js';
import { readWebBody } from '../internal/read-web-body.js';
import { isStoreError } from '../errors.js';
import { ApiProblemError, isApiProblemError, problemOf, problemResponse, type ApiContext, type ApiDeps } from './api-context.js';
import { apiDeps, type ApiOptions } from './api-options.js';
import { API_ROUTES } from './api-routes.js';
import { closeEventStreams } from './routes/events.js';
import { authenticate } from './auth/authenticate.js';
import { loginLimiter } from './auth/login-limit.js';
import { csrfProblem, isHttps, isWrite, ownOrigin } from './auth/own-origin.js';
import { sessionPolicy } from './auth/sessions.js';
import { sessionRoutes } from './session-routes.js';

/** Largest JSON body an `/api` route reads. */
export const MAX_API_BODY_BYTES = 64 * 1024;
/** Where the API is mounted. */
export const API_PREFIX = '/api';

/**
 * The API: a Fetch-API function for requests under `/api`, plus `close()` (ends open event
 * streams and closes the SMTP connection pool it opened; the store stays open).
 *
 * @example
 * ```ts
 * const api: ApiHandler = createApiHandler({ store });
 * const answer = await api(new Request('http://127.0.0.1:8787/api/cases'));
 * ```
 */
export interface ApiHandler {
  (request: Request, info?: RequestInfo): Promise<Response>;
  close(): Promise<void>;
}

type Match<T> = { readonly entry: T; readonly params: Record<string, string> } | { readonly allow: string[] } | undefined;

/** Compiles route paths once: `/cases/:id` → segments; a path matches when every segment does. */
function router<T extends { readonly method: string; readonly path: string }>(entries: readonly T[]) {
  const compiled = entries.map((entry) => ({ entry, segments: entry.path.split('/').slice(1) }));
  return (method: string, path: string): Match<T> => {
    const parts = path.split('/').slice(1);
    const allow: string[] = [];
    for (const { entry, segments } of compiled) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i += 1) {
        const segment = segments[i]!;
        const part = parts[i]!;
        if (segment.startsWith(':')) {
          try {
            params[segment.slice(1)] = decodeURIComponent(part);
          } catch {
            ok = false;
          }
          ok &&= part !== '';
        } else ok = segment === part;
      }
      if (!ok) continue;
      if (entry.method === method || (method === 'HEAD' && entry.method === 'GET')) return { entry, params };
      allow.push(entry.method);
    }
    return allow.length > 0 ? { allow } : undefined;
  };
}

function lastForwarded(request: Request): string | undefined {
  return request.headers.get('x-forwarded-for')?.split(',').pop()?.trim() || undefined;
}

/** A body reader bound to one request: at most 64 KiB of JSON, parsed with a contract schema. */
function bodyReader(request: Request) {
  let read = false;
  return async <T>(schema: z.ZodMiniType<T>): Promise<T> => {
    if (read) throw new ApiProblemError(500, 'internal', 'the request body was read twice');
    read = true;
    const declared = request.headers.get('content-length');
    const tooLarge = () => new ApiProblemError(413, 'payload_too_large', `the body is larger than ${MAX_API_BODY_BYTES} bytes`);
    if (declared !== null && Number(declared) > MAX_API_BODY_BYTES) throw tooLarge();
    const body = await readWebBody(request, MAX_API_BODY_BYTES);
    if (body.kind === 'too-large') throw tooLarge();
    if (body.kind !== 'ok') throw new ApiProblemError(400, 'bad_request', 'the request body could not be read; send it again');
    let raw: unknown = {};
    if (body.bytes.byteLength > 0) {
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') {
        throw new ApiProblemError(415, 'unsupported_media_type', `send JSON with Content-Type application/json, got ${JSON.stringify(type || '(none)')}`);
      }
      try {
        raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes));
      } catch (error) {
        throw new ApiProblemError(400, 'invalid_json', `the body is not valid UTF-8 JSON (${error instanceof Error ? error.message : 'parse error'})`);
      }
    }
    const parsed = safeParseWith(schema, raw, 'the request body');
    if (!parsed.success) {
      throw new ApiProblemError(400, 'validation', `the request body is not valid: ${parsed.error.fields.map((f) => `${f.path || '(body)'} ${f.message}`).join('; ')}`, {
        issues: parsed.error.fields,
      });
    }
    return parsed.data;
  };
}

/**
 * Makes the `/api` router. Mount it at `/api` (`startServer` does); every route but sign-in needs
 * a session cookie or an API key.
 *
 * @example
 * ```ts
 * import { createApiHandler, sqliteStore, toNodeListener } from '@earful/server';
 * const api = createApiHandler({ store: sqliteStore('./feedback.db'), publicUrl: 'https://feedback.shop.example' });
 * ```
 */
export function createApiHandler(options: ApiOptions): ApiHandler {
  const { ownsMailer, ...deps } = apiDeps(options);
  const api: ApiDeps = deps;
  const trustProxy = options.trustProxy ?? false;
  const policy = sessionPolicy(options.session);
  const limiter = loginLimiter(options.loginRateLimit, api.now);
  const findRoute = router(API_ROUTES);
  const findSessionRoute = router(sessionRoutes({ policy, limiter }));

  async function answer(request: Request, info: RequestInfo | undefined): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname === API_PREFIX ? '/' : url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : undefined;
    if (path === undefined) return problemResponse(404, 'not_found', `the API lives under ${API_PREFIX}/`);
    const method = request.method.toUpperCase();
    const ip = (trustProxy ? lastForwarded(request) : undefined) ?? info?.ip;
    const origin = ownOrigin(request, url, { publicUrl: api.publicUrl, trustProxy });
    const notAllowed = (allow: string[]) =>
      problemResponse(405, 'method_not_allowed', `use ${allow.join(' or ')} on ${API_PREFIX}${path}`, { headers: { allow: allow.join(', ') } });

    const sessionMatch = findSessionRoute(method, path);
    if (sessionMatch && 'entry' in sessionMatch) {
      // Sign-in has no credentials to check, but a foreign page must not sign a visitor in or out.
      if (isWrite(method)) {
        const csrf = csrfProblem(request, origin);
        if (csrf !== undefined) return problemResponse(403, 'csrf', `refused: ${csrf}`);
      }
      return sessionMatch.entry.run({ request, deps: api, ip, secure: isHttps(origin), body: bodyReader(request) });
    }

    const match = findRoute(method, path);
    if (match === undefined) {
      if (sessionMatch) return notAllowed(sessionMatch.allow);
      return problemResponse(404, 'not_found', `no API route ${method} ${API_PREFIX}${path}; see ${API_PREFIX}/openapi.json`);
    }
    const auth = await authenticate(request, api.store, api.now(), policy);
    if (!auth.ok) return problemResponse(401, 'unauthorized', auth.message, { headers: { 'www-authenticate': 'Bearer realm="earful"' } });
    if (!('entry' in match)) return notAllowed(match.allow);
    const { principal } = auth;
    if (isWrite(method)) {
      if (auth.via === 'session') {
        const csrf = csrfProblem(request, origin);
        if (csrf !== undefined) return problemResponse(403, 'csrf', `refused: ${csrf}`);
      }
      if (principal.readOnly) return problemResponse(403, 'read_only', `the API key ${principal.actor.slice(4)} is read-only; use a key made without --read-only to change cases`);
    }
    const context: ApiContext = { request, url, principal, params: match.params, deps: api, ip, body: bodyReader(request) };
    return match.entry.route(context);
  }

  const handler = async (request: Request, info?: RequestInfo): Promise<Response> => {
    try {
      return await answer(request, info);
    } catch (error) {
      if (isApiProblemError(error)) return problemOf(error);
      if (isStoreError(error)) {
        api.onError(error, { phase: 'store' });
        return problemResponse(503, 'store_unavailable', 'the database is not available right now; retry later', { headers: { 'retry-after': '5' } });
      }
      api.onError(error, { phase: 'api' });
      return problemResponse(500, 'internal', 'the API failed unexpectedly; the receiver has logged the details');
    }
  };
  return Object.assign(handler, {
    close: async () => {
      // Open event streams would hold the server's connections open past its close.
      closeEventStreams(api);
      if (ownsMailer) await api.mailer?.close();
    },
  });
}
