/**
 * Bearer secrets (API keys, session cookies, one-time links): 32 random bytes, base64url, with a
 * prefix that says what they are (`ek_` API key, `es_` session, `el_` link), so a leaked one is
 * recognisable by secret scanners. Only the SHA-256 of a token is stored; a lookup hashes what
 * the client sent, so a database dump holds nothing that signs in.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ResponseStore } from '../../store.js';

/** The prefixes of the secrets the API hands out. */
export const TOKEN_PREFIX = { apiKey: 'ek_', session: 'es_', link: 'el_' } as const;

/** A new random secret with `prefix`. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 (hex) of a token: the key it is stored and looked up under. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when `text` has the shape of a token made by {@link newToken} with `prefix`: cheap to refuse junk before any lookup. */
export function looksLikeToken(text: string, prefix: string): boolean {
  return text.length === prefix.length + 43 && text.startsWith(prefix) && /^[A-Za-z0-9_-]+$/.test(text.slice(prefix.length));
}

/** Stores a new expiring token of `kind` for `subject` and returns it (the store keeps only its hash). */
export async function issueToken(
  store: ResponseStore,
  options: { readonly prefix: string; readonly kind: 'session' | 'setup' | 'login'; readonly subject: string | null; readonly now: number; readonly ttlMs: number },
): Promise<string> {
  const token = newToken(options.prefix);
  await store.auth.putToken({
    hash: tokenHash(token),
    kind: options.kind,
    subject: options.subject,
    name: null,
    readOnly: false,
    createdAt: new Date(options.now).toISOString(),
    expiresAt: new Date(options.now + options.ttlMs).toISOString(),
  });
  return token;
}
