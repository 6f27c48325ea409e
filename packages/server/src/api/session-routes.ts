/**
 * Signing in and out: `POST /api/session` (email + password), `GET /api/session` (who am I),
 * `DELETE /api/session` (sign out, server-side), `POST /api/setup` (the first account, from the
 * one-time setup link) and `POST /api/session/link` (a one-time sign-in link). These are the only
 * `/api` routes that answer without credentials; the router still checks their `Origin`.
 */
import { loginLinkInputSchema, sessionInputSchema, setupInputSchema } from '@earful/schema';
import type * as z from 'zod/mini';
import { isConfigError } from '../errors.js';
import { ApiProblemError, jsonResponse, problemResponse, type ApiDeps } from './api-context.js';
import { addStaffUser } from './auth/accounts.js';
import type { loginLimiter } from './auth/login-limit.js';
import { verifyPassword } from './auth/password.js';
import { looksLikeToken, TOKEN_PREFIX, tokenHash } from './auth/secret-token.js';
import { clearSessionCookie, sessionCookie, sessionCookieOf } from './auth/session-cookie.js';
import { endSession, resumeSession, startSession } from './auth/sessions.js';

/** What a sign-in route receives from the router (no principal: these run before one exists). */
export interface SessionRouteContext {
  readonly request: Request;
  readonly deps: ApiDeps;
  readonly ip: string | undefined;
  /** The session cookie gets `Secure` (the receiver is reached over HTTPS). */
  readonly secure: boolean;
  body<T>(schema: z.ZodMiniType<T>): Promise<T>;
}

/** One sign-in route. */
export interface SessionRouteEntry {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly name: string;
  readonly run: (context: SessionRouteContext) => Promise<Response>;
}

const LINK_GONE = 'this link was used already or has expired';

/** The sign-in routes, bound to the session policy and the attempt limiter. */
export function sessionRoutes(runtime: { readonly policy: { idleMs: number; maxMs: number }; readonly limiter: ReturnType<typeof loginLimiter> }): readonly SessionRouteEntry[] {
  const { policy, limiter } = runtime;

  function limit(ip: string | undefined, email: string | undefined): void {
    const wait = limiter.take(ip, email);
    if (wait > 0) {
      throw new ApiProblemError(429, 'rate_limited', `too many sign-in attempts; try again in ${wait} s`, { extra: { headers: { 'retry-after': String(wait) } } });
    }
  }

  async function signedIn(context: SessionRouteContext, email: string, status: 200 | 204): Promise<Response> {
    const { token, maxAgeMs } = await startSession(context.deps.store, email, context.deps.now(), policy);
    const cookie = sessionCookie(token, { secure: context.secure, maxAgeMs });
    return status === 204 ? new Response(null, { status, headers: { 'set-cookie': cookie, 'cache-control': 'no-store' } }) : jsonResponse(200, { email }, { 'set-cookie': cookie });
  }

  /** Takes a one-time link token of `kind`: only once, and never a token of another kind. */
  async function takeLink(context: SessionRouteContext, token: string, kind: 'setup' | 'login') {
    const { store, now } = context.deps;
    if (!looksLikeToken(token, TOKEN_PREFIX.link)) throw new ApiProblemError(410, 'link_gone', `${LINK_GONE}; ask for a new one`);
    const hash = tokenHash(token);
    const found = await store.auth.getToken(hash, now());
    if (found === undefined || found.kind !== kind) throw new ApiProblemError(410, 'link_gone', `${LINK_GONE}; ask for a new one`);
    return { hash, found };
  }

  return [
    {
      method: 'POST',
      path: '/session',
      name: 'signIn',
      run: async (context) => {
        const input = await context.body(sessionInputSchema);
        const email = input.email.trim().toLowerCase();
        limit(context.ip, email);
        const user = await context.deps.store.auth.getUser(email);
        // The same work and the same answer for an unknown email and a wrong password.
        const ok = await verifyPassword(input.password, user?.passwordHash);
        if (!ok || user === undefined) return problemResponse(401, 'invalid_credentials', 'wrong email or password');
        return signedIn(context, user.email, 204);
      },
    },
    {
      method: 'GET',
      path: '/session',
      name: 'whoAmI',
      run: async (context) => {
        const cookie = sessionCookieOf(context.request.headers.get('cookie'));
        const session = cookie === undefined ? undefined : await resumeSession(context.deps.store, cookie, context.deps.now(), policy);
        if (session === undefined || session.subject === null) return problemResponse(401, 'unauthorized', 'not signed in; sign in with your email and password');
        return jsonResponse(200, { email: session.subject });
      },
    },
    {
      method: 'DELETE',
      path: '/session',
      name: 'signOut',
      run: async (context) => {
        const cookie = sessionCookieOf(context.request.headers.get('cookie'));
        if (cookie !== undefined) await endSession(context.deps.store, cookie);
        return new Response(null, { status: 204, headers: { 'set-cookie': clearSessionCookie({ secure: context.secure }), 'cache-control': 'no-store' } });
      },
    },
    {
      method: 'POST',
      path: '/setup',
      name: 'setup',
      run: async (context) => {
        const input = await context.body(setupInputSchema);
        limit(context.ip, undefined);
        const { store, now } = context.deps;
        const { hash } = await takeLink(context, input.token, 'setup');
        if ((await store.auth.listUsers()).length > 0) {
          await store.auth.takeToken(hash, now());
          return problemResponse(403, 'already_set_up', 'this receiver has an account already; sign in, or ask its owner to add you (earful users add)');
        }
        if ((await store.auth.takeToken(hash, now())) === undefined) return problemResponse(410, 'link_gone', `${LINK_GONE}; restart earful serve to print a new one`);
        let email: string;
        try {
          email = await addStaffUser(store, input.email, input.password, now());
        } catch (error) {
          if (isConfigError(error)) return problemResponse(409, 'user_exists', error.message);
          throw error;
        }
        return signedIn(context, email, 200);
      },
    },
    {
      method: 'POST',
      path: '/session/link',
      name: 'linkSignIn',
      run: async (context) => {
        const input = await context.body(loginLinkInputSchema);
        limit(context.ip, undefined);
        const { store, now } = context.deps;
        const { hash } = await takeLink(context, input.token, 'login');
        const taken = await store.auth.takeToken(hash, now());
        if (taken === undefined || taken.subject === null) return problemResponse(410, 'link_gone', `${LINK_GONE}; print a new one with earful login-link`);
        const user = await store.auth.getUser(taken.subject);
        if (user === undefined) return problemResponse(410, 'link_gone', 'the account of this link was removed');
        return signedIn(context, user.email, 200);
      },
    },
  ];
}
