/**
 * Who is calling the `/api`: an API key (`Authorization: Bearer ek_…`) or a staff session (the
 * `earful_session` cookie). A request that sends an `Authorization` header is judged by it alone,
 * never by a cookie that happens to ride along.
 */
import type { ResponseStore } from '../../store.js';
import type { Principal } from '../api-context.js';
import { looksLikeToken, TOKEN_PREFIX, tokenHash } from './secret-token.js';
import { sessionCookieOf } from './session-cookie.js';
import { resumeSession } from './sessions.js';

/** A principal, or why there is none (the 401's message). */
export type Authentication = { readonly ok: true; readonly principal: Principal; readonly via: 'api-key' | 'session' } | { readonly ok: false; readonly message: string };

const SIGN_IN = 'sign in to the inbox, or send an API key as Authorization: Bearer ek_… (earful keys create --name …)';

/** Authenticates `request` against the store's keys and sessions at `now`. */
export async function authenticate(request: Request, store: ResponseStore, now: number, policy: { idleMs: number; maxMs: number }): Promise<Authentication> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
    const key = match?.[1];
    if (key === undefined || !looksLikeToken(key, TOKEN_PREFIX.apiKey)) return { ok: false, message: `the Authorization header is not an Earful API key; ${SIGN_IN}` };
    const token = await store.auth.getToken(tokenHash(key), now);
    if (token === undefined || token.kind !== 'api-key' || token.name === null) return { ok: false, message: 'this API key is unknown or was revoked; make a new one with earful keys create --name …' };
    return { ok: true, via: 'api-key', principal: { actor: `key:${token.name}`, kind: 'api-key', email: null, readOnly: token.readOnly } };
  }
  const cookie = sessionCookieOf(request.headers.get('cookie'));
  if (cookie === undefined) return { ok: false, message: SIGN_IN };
  const session = await resumeSession(store, cookie, now, policy);
  if (session === undefined || session.subject === null) return { ok: false, message: 'your session has ended; sign in again' };
  return { ok: true, via: 'session', principal: { actor: `user:${session.subject}`, kind: 'session', email: session.subject, readOnly: false } };
}
