/**
 * Staff accounts and API keys as the CLI and the API manage them: `earful users add|list|remove`
 * and `earful keys create|list|revoke`. Emails are kept lower-cased; API keys are named (the name
 * is the key's id, and the timeline's `key:<name>`), shown once, and stored as a hash.
 */
import { ConfigError } from '../../errors.js';
import type { AuthToken, ResponseStore } from '../../store.js';
import { hashPassword } from './password.js';
import { newToken, TOKEN_PREFIX, tokenHash } from './secret-token.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** A staff email as stored: trimmed and lower-cased; throws a `ConfigError` for anything that is not an address. */
export function staffEmail(email: string): string {
  const normal = email.trim().toLowerCase();
  if (!EMAIL.test(normal) || normal.length > 254) throw new ConfigError(`${JSON.stringify(email)} is not an email address; use one such as ana@shop.example`);
  return normal;
}

/**
 * Adds a staff account (what `earful users add` does); resolves to the stored, lower-cased email.
 * Throws a `ConfigError` when the email exists or the password is not 12–1,024 characters.
 *
 * @example
 * ```ts
 * import { addStaffUser } from '@earful/server';
 * await addStaffUser(store, 'ana@shop.example', process.env.ANA_PASSWORD!, Date.now());
 * ```
 */
export async function addStaffUser(store: ResponseStore, email: string, password: string, now: number): Promise<string> {
  const normal = staffEmail(email);
  const passwordHash = await hashPassword(password);
  const added = await store.auth.addUser({ email: normal, passwordHash, createdAt: new Date(now).toISOString() });
  if (!added) throw new ConfigError(`a user ${normal} exists already; remove it first (earful users remove ${normal}) or pick another email`);
  return normal;
}

/** Gives an account a new password and signs it out everywhere; `false` when there is no such user. */
export async function setStaffPassword(store: ResponseStore, email: string, password: string): Promise<boolean> {
  const normal = staffEmail(email);
  const changed = await store.auth.setPassword(normal, await hashPassword(password));
  if (changed) await store.auth.deleteTokens('session', normal);
  return changed;
}

/** Removes an account and signs it out everywhere; `false` when there was no such user. */
export async function removeStaffUser(store: ResponseStore, email: string): Promise<boolean> {
  const normal = staffEmail(email);
  const removed = await store.auth.removeUser(normal);
  // Sessions and sign-in links go even when the user row was already gone.
  await store.auth.deleteTokens('session', normal);
  await store.auth.deleteTokens('login', normal);
  return removed;
}

/**
 * Makes an API key (what `earful keys create` does); returns the key — show it once, only its hash
 * is stored — and its record. Throws a `ConfigError` for a bad or taken name.
 *
 * @example
 * ```ts
 * import { createApiKey } from '@earful/server';
 * const { key } = await createApiKey(store, { name: 'crm', readOnly: true, now: Date.now() });
 * ```
 */
export async function createApiKey(store: ResponseStore, options: { name: string; readOnly: boolean; now: number }): Promise<{ key: string; token: AuthToken }> {
  const { name, readOnly, now } = options;
  if (!KEY_NAME.test(name)) {
    throw new ConfigError(`key name ${JSON.stringify(name)} must be 1–40 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. crm)`);
  }
  const existing = await store.auth.listTokens('api-key', now);
  if (existing.some((t) => t.subject === name)) throw new ConfigError(`a key named ${name} exists already; revoke it first (earful keys revoke ${name}) or pick another name`);
  const key = newToken(TOKEN_PREFIX.apiKey);
  const token: AuthToken = { hash: tokenHash(key), kind: 'api-key', subject: name, name, readOnly, createdAt: new Date(now).toISOString(), expiresAt: null };
  await store.auth.putToken(token);
  return { key, token };
}

/** Revokes the key named `name`; `false` when there was none. */
export async function revokeApiKey(store: ResponseStore, name: string): Promise<boolean> {
  return (await store.auth.deleteTokens('api-key', name)) > 0;
}
