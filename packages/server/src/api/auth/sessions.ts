/**
 * Staff sessions: a random token in the `earful_session` cookie, stored as its hash with an
 * expiry. A session ends after `idleMs` without use or `maxMs` after sign-in, whichever comes
 * first; using it moves the idle expiry on (written at most once a minute, not on every request).
 * Signing out deletes it server-side, so a copied cookie stops working too.
 */
import { ConfigError } from '../../errors.js';
import type { AuthToken, ResponseStore } from '../../store.js';
import { issueToken, looksLikeToken, TOKEN_PREFIX, tokenHash } from './secret-token.js';

/**
 * How long a sign-in lasts.
 *
 * @example
 * ```ts
 * const session: SessionPolicy = { idleMs: 8 * 3_600_000, maxMs: 7 * 86_400_000 };
 * ```
 */
export interface SessionPolicy {
  /** Ends after this long without a request, in ms. Default 12 hours. */
  readonly idleMs?: number;
  /** Ends this long after signing in, however busy, in ms. Default 30 days. */
  readonly maxMs?: number;
}

export const DEFAULT_SESSION = { idleMs: 12 * 60 * 60 * 1000, maxMs: 30 * 24 * 60 * 60 * 1000 } as const;
const REFRESH_AFTER_MS = 60_000;

/** The policy with defaults, checked. */
export function sessionPolicy(policy: SessionPolicy | undefined): { idleMs: number; maxMs: number } {
  const idleMs = policy?.idleMs ?? DEFAULT_SESSION.idleMs;
  const maxMs = policy?.maxMs ?? DEFAULT_SESSION.maxMs;
  for (const [name, value] of [['idleMs', idleMs], ['maxMs', maxMs]] as const) {
    if (!Number.isInteger(value) || value < 60_000) throw new ConfigError(`session.${name} must be a whole number of ms, at least 60000 (one minute), got ${String(value)}`);
  }
  if (idleMs > maxMs) throw new ConfigError(`session.idleMs (${idleMs}) must not be longer than session.maxMs (${maxMs})`);
  return { idleMs, maxMs };
}

/** Signs `email` in: stores a new session and returns its token and how long the cookie should live. */
export async function startSession(store: ResponseStore, email: string, now: number, policy: { idleMs: number; maxMs: number }): Promise<{ token: string; maxAgeMs: number }> {
  const token = await issueToken(store, { prefix: TOKEN_PREFIX.session, kind: 'session', subject: email, now, ttlMs: policy.idleMs });
  return { token, maxAgeMs: policy.maxMs };
}

/** The session of a cookie value, with its idle expiry moved on; `undefined` when unknown, expired or junk. */
export async function resumeSession(store: ResponseStore, cookie: string, now: number, policy: { idleMs: number; maxMs: number }): Promise<AuthToken | undefined> {
  if (!looksLikeToken(cookie, TOKEN_PREFIX.session)) return undefined;
  const session = await store.auth.getToken(tokenHash(cookie), now);
  if (session === undefined || session.kind !== 'session' || session.subject === null) return undefined;
  const createdAt = Date.parse(session.createdAt);
  if (!(now < createdAt + policy.maxMs)) return undefined;
  const expiresAt = Math.min(now + policy.idleMs, createdAt + policy.maxMs);
  const current = session.expiresAt === null ? Infinity : Date.parse(session.expiresAt);
  if (expiresAt - current >= REFRESH_AFTER_MS) {
    const moved = { ...session, expiresAt: new Date(expiresAt).toISOString() };
    await store.auth.putToken(moved);
    return moved;
  }
  return session;
}

/** Signs out: deletes the session of this cookie value (nothing happens for junk). */
export async function endSession(store: ResponseStore, cookie: string): Promise<void> {
  if (looksLikeToken(cookie, TOKEN_PREFIX.session)) await store.auth.deleteToken(tokenHash(cookie));
}
