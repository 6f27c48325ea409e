/**
 * One-time links into the inbox: the first-run setup link (creates the first account) and a
 * sign-in link for a staff member (`earful login-link`, what `pnpm demo` prints). The token rides
 * in the URL's fragment (`/inbox/#setup=…`), which browsers never send to a server, so it lands
 * in no access log and no `Referer`; the inbox posts it once and the store takes it atomically.
 */
import { ConfigError } from '../../errors.js';
import type { ResponseStore } from '../../store.js';
import { staffEmail } from './accounts.js';
import { issueToken, TOKEN_PREFIX } from './secret-token.js';

/** How long a setup link works. */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a sign-in link works. */
export const LOGIN_LINK_TTL_MS = 15 * 60 * 1000;

/** The inbox URL under `base` (the receiver's public URL, no trailing slash). */
export function inboxUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/inbox/`;
}

/**
 * A setup link when the database has no users yet, else `undefined`. Each call makes a new token;
 * all stop working once the first account exists.
 */
export async function setupLinkIfNeeded(store: ResponseStore, base: string, now: number): Promise<string | undefined> {
  if ((await store.auth.listUsers()).length > 0) return undefined;
  const token = await issueToken(store, { prefix: TOKEN_PREFIX.link, kind: 'setup', subject: null, now, ttlMs: SETUP_LINK_TTL_MS });
  return `${inboxUrl(base)}#setup=${token}`;
}

/**
 * A one-time sign-in link into the inbox for an existing user, valid `ttlMs` (default 15 minutes):
 * what `earful login-link` prints and `pnpm demo` opens. `base` is the receiver's public URL.
 * Throws a `ConfigError` for an unknown email.
 *
 * @example
 * ```ts
 * import { loginLink } from '@earful/server';
 * console.log(await loginLink(store, 'ana@shop.example', 'http://127.0.0.1:8787', Date.now()));
 * ```
 */
export async function loginLink(store: ResponseStore, email: string, base: string, now: number, ttlMs = LOGIN_LINK_TTL_MS): Promise<string> {
  const normal = staffEmail(email);
  if ((await store.auth.getUser(normal)) === undefined) {
    throw new ConfigError(`there is no user ${normal}; add one first: earful users add ${normal} --db …`);
  }
  const token = await issueToken(store, { prefix: TOKEN_PREFIX.link, kind: 'login', subject: normal, now, ttlMs });
  return `${inboxUrl(base)}#login=${token}`;
}
