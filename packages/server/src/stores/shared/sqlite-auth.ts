/**
 * The SQLite store's {@link AuthStore}: staff users, tokens kept by the SHA-256 of their secret
 * (never the secret), and the receiver's own random secrets, in the same file as the responses.
 * Each method is one statement or one IMMEDIATE transaction, so two processes on one file (two
 * `takeToken` calls, two first `secret` calls) are settled by SQLite's write lock.
 */
import { randomBytes } from 'node:crypto';
import type { AuthStore, AuthToken, StaffUser } from '../../store.js';
import type { SqliteConnection } from './sqlite-driver.js';

// Columns named as the contract names the fields, so a row is a user or (but for `readOnly`, an
// integer in SQLite) a token.
const USER_COLUMNS = 'email, password_hash AS passwordHash, created_at AS createdAt';
type TokenRow = Omit<AuthToken, 'readOnly'> & { readOnly: number };
const toToken = (r: TokenRow): AuthToken => ({ ...r, readOnly: r.readOnly === 1 });

// Not expired at the parameter: no expiry, or an expiry after it.
const LIVE = '(expires_ms IS NULL OR expires_ms > ?)';
const TOKEN_COLUMNS = 'hash, kind, subject, name, read_only AS readOnly, created_at AS createdAt, expires_at AS expiresAt';

/** `guard` wraps each call so a driver error becomes a `StoreError` naming what failed. */
export function sqliteAuth(db: SqliteConnection, guard: <T>(what: string, run: () => T) => T): AuthStore {
  let s: ReturnType<typeof prepare> | undefined;
  // Prepared on first use: a read-only store that never signs anyone in prepares nothing.
  const prepare = () => ({
    addUser: db.prepare('INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING'),
    getUser: db.prepare<StaffUser>(`SELECT ${USER_COLUMNS} FROM users WHERE email = ?`),
    listUsers: db.prepare<StaffUser>(`SELECT ${USER_COLUMNS} FROM users ORDER BY email`),
    setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE email = ?'),
    removeUser: db.prepare('DELETE FROM users WHERE email = ?'),
    putToken: db.prepare(
      `INSERT INTO tokens (hash, kind, subject, name, read_only, created_at, expires_at, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (hash) DO UPDATE SET kind = excluded.kind, subject = excluded.subject, name = excluded.name, read_only = excluded.read_only,
         created_at = excluded.created_at, expires_at = excluded.expires_at, expires_ms = excluded.expires_ms`,
    ),
    getToken: db.prepare<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = ? AND ${LIVE}`),
    takeToken: db.prepare<TokenRow & { live: number }>(`DELETE FROM tokens WHERE hash = ? RETURNING ${TOKEN_COLUMNS}, ${LIVE} AS live`),
    deleteToken: db.prepare('DELETE FROM tokens WHERE hash = ?'),
    deleteTokens: db.prepare('DELETE FROM tokens WHERE kind = ? AND subject = ?'),
    listTokens: db.prepare<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE kind = ? AND ${LIVE} ORDER BY created_at, hash`),
    addSecret: db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
    getSecret: db.prepare<{ value: string }>('SELECT value FROM secrets WHERE name = ?'),
  });
  const run = <T>(what: string, body: (statements: ReturnType<typeof prepare>) => T): Promise<T> => {
    try {
      return Promise.resolve(guard(what, () => body((s ??= prepare()))));
    } catch (error) {
      return Promise.reject(error);
    }
  };

  return {
    addUser: (user) => run('add a user', (q) => Number(q.addUser.run(user.email.toLowerCase(), user.passwordHash, user.createdAt).changes) === 1),
    getUser: (email) =>
      run('read a user', (q) => {
        const row = q.getUser.get(email.toLowerCase());
        return row ? { ...row } : undefined;
      }),
    listUsers: () => run('list users', (q) => q.listUsers.all().map((row) => ({ ...row }))),
    setPassword: (email, passwordHash) => run('set a password', (q) => Number(q.setPassword.run(passwordHash, email.toLowerCase()).changes) === 1),
    removeUser: (email) => run('remove a user', (q) => Number(q.removeUser.run(email.toLowerCase()).changes) === 1),
    putToken: (token) =>
      run('store a token', (q) => {
        const expiresMs = token.expiresAt === null ? null : Date.parse(token.expiresAt);
        q.putToken.run(token.hash, token.kind, token.subject, token.name, token.readOnly ? 1 : 0, token.createdAt, token.expiresAt, expiresMs);
      }),
    getToken: (hash, now) =>
      run('read a token', (q) => {
        const row = q.getToken.get(hash, now);
        return row ? toToken(row) : undefined;
      }),
    // DELETE … RETURNING under SQLite's write lock: of two callers, only one removes the row.
    takeToken: (hash, now) =>
      run('take a one-time token', (q) => {
        const row = q.takeToken.get(hash, now);
        if (!row || row.live !== 1) return undefined;
        const { live: _live, ...token } = row;
        return toToken(token);
      }),
    deleteToken: (hash) =>
      run('delete a token', (q) => {
        q.deleteToken.run(hash);
      }),
    deleteTokens: (kind, subject) => run('delete tokens', (q) => Number(q.deleteTokens.run(kind, subject).changes)),
    listTokens: (kind, now) => run('list tokens', (q) => q.listTokens.all(kind, now).map(toToken)),
    // The first INSERT wins, also against another process; every caller reads the winner.
    secret: (name) =>
      run('read a secret', (q) => {
        if (!db.readonly) q.addSecret.run(name, randomBytes(32).toString('base64url'));
        const row = q.getSecret.get(name);
        if (!row) throw new Error(`no secret ${JSON.stringify(name)} in a read-only database; open it once without readOnly`);
        return row.value;
      }),
  };
}
