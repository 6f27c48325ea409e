/**
 * Signed, expiring follow-up links. The token is `<caseId>.<expiresAtSeconds>.<signature>`, the
 * signature an HMAC-SHA256 (base64url) of the first two parts keyed by the store's
 * `follow-up` secret — so any receiver on the same database verifies a link another one made,
 * and nothing about the link is stored.
 */
import { createHash, createHmac } from 'node:crypto';
import { ConfigError } from '../errors.js';
import { sameSecret } from '../same-secret.js';
import type { ResponseStore } from '../store.js';
import { checkPublicUrl } from './public-url.js';

/** The name of the store secret that signs follow-up links. */
const SECRET_NAME = 'follow-up';
/** The path under the receiver's public URL where follow-up pages live. */
export const FOLLOW_UP_PATH = '/follow-up/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The longest link life: 90 days. */
const MAX_TTL_MS = 90 * 86_400_000;

async function sign(store: ResponseStore, caseId: string, expiresAtSeconds: number): Promise<string> {
  const secret = await store.auth.secret(SECRET_NAME);
  return createHmac('sha256', secret).update(`${caseId}.${expiresAtSeconds}`).digest('base64url');
}

/**
 * Makes the follow-up link of a case: `${publicUrl}/follow-up/<token>`, valid for `ttlMs` from
 * `now`. Throws a `ConfigError` for a bad `publicUrl`, case id or `ttlMs`.
 *
 * @example
 * ```ts
 * import { followUpLink } from '@earful/server';
 * const { url, expiresAt } = await followUpLink({ store, caseId, publicUrl: 'https://feedback.shop.example', ttlMs: 14 * 86_400_000, now: Date.now() });
 * ```
 */
export async function followUpLink(options: {
  store: ResponseStore;
  caseId: string;
  publicUrl: string;
  ttlMs: number;
  now: number;
}): Promise<{ url: string; token: string; expiresAt: string }> {
  const base = checkPublicUrl(options.publicUrl);
  if (typeof options.caseId !== 'string' || !UUID.test(options.caseId)) {
    throw new ConfigError(`followUpLink: caseId must be a case's id (a lower-case UUID), got ${JSON.stringify(options.caseId)}`);
  }
  if (!Number.isInteger(options.ttlMs) || options.ttlMs < 60_000 || options.ttlMs > MAX_TTL_MS) {
    throw new ConfigError(`followUpLink: ttlMs must be a whole number of ms from 60000 (1 minute) to ${MAX_TTL_MS} (90 days), got ${JSON.stringify(options.ttlMs)}`);
  }
  const expiresAtSeconds = Math.floor((options.now + options.ttlMs) / 1000);
  const token = `${options.caseId}.${expiresAtSeconds}.${await sign(options.store, options.caseId, expiresAtSeconds)}`;
  return { url: `${base}${FOLLOW_UP_PATH}${token}`, token, expiresAt: new Date(expiresAtSeconds * 1000).toISOString() };
}

/** What {@link verifyFollowUpToken} found. */
export type TokenCheck =
  | { readonly ok: true; readonly caseId: string; readonly expiresAt: string }
  /** Not a token, or not signed by this database (→ 403). */
  | { readonly ok: false; readonly reason: 'forged' }
  /** Signed, but past its time (→ 410). */
  | { readonly ok: false; readonly reason: 'expired'; readonly caseId: string };

/**
 * Checks a token: shape, then signature (constant time), then expiry — so an expired answer is
 * only ever given for a link this database really made.
 */
export async function verifyFollowUpToken(store: ResponseStore, token: string, now: number): Promise<TokenCheck> {
  const parts = typeof token === 'string' && token.length <= 200 ? token.split('.') : [];
  const [caseId, seconds, signature] = parts;
  if (parts.length !== 3 || !UUID.test(caseId!) || !/^\d{1,12}$/.test(seconds!) || !/^[A-Za-z0-9_-]{43}$/.test(signature!)) {
    return { ok: false, reason: 'forged' };
  }
  const expiresAtSeconds = Number(seconds);
  if (!sameSecret(signature!, await sign(store, caseId!, expiresAtSeconds))) return { ok: false, reason: 'forged' };
  if (expiresAtSeconds * 1000 <= now) return { ok: false, reason: 'expired', caseId: caseId! };
  return { ok: true, caseId: caseId!, expiresAt: new Date(expiresAtSeconds * 1000).toISOString() };
}

/**
 * The id of the one response a token can store: derived from the token, so two answers sent with
 * one link race for one id and the store keeps exactly one (the other is "already answered").
 */
export function answerIdOf(token: string): string {
  const hex = createHash('sha256').update(`earful-follow-up:${token}`).digest('hex');
  // Shaped as a version-4, variant-1 UUID so the response schema accepts it.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
