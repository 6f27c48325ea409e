/**
 * The PostgreSQL store's {@link AuthStore}: users, hashed tokens and the receiver's secrets in the
 * same database as the responses, so every receiver process signs people in the same way. Each
 * method is one statement, so two processes racing on one row (a one-time link taken twice, a
 * secret made twice) are settled by the database.
 */
import { randomBytes } from 'node:crypto';
import type { AuthStore, AuthToken, StaffUser } from '../../store.js';
import type { PgContext } from './postgres-context.js';

interface UserRow {
  email: string;
  password_hash: string;
  created_at: string;
}

interface TokenRow {
  hash: string;
  kind: AuthToken['kind'];
  subject: string | null;
  name: string | null;
  read_only: boolean;
  created_at: string;
  expires_at: string | null;
}

const toUser = (r: UserRow): StaffUser => ({ email: r.email, passwordHash: r.password_hash, createdAt: r.created_at });
const toToken = (r: TokenRow): AuthToken => ({
  hash: r.hash,
  kind: r.kind,
  subject: r.subject,
  name: r.name,
  readOnly: r.read_only,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export function postgresAuth(ctx: PgContext): AuthStore {
  const { pool, p, migrate, guard } = ctx;
  const run = async <T>(what: string, body: () => Promise<T>): Promise<T> => {
    await migrate();
    return guard(what, body);
  };
  // Not expired at $n: no expiry, or an expiry after now.
  const live = (n: number) => `(expires_ms IS NULL OR expires_ms > $${n})`;

  return {
    addUser: (user) =>
      run('add a user', async () => {
        const result = await pool.query(
          `INSERT INTO ${p}users (email, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING`,
          [user.email.toLowerCase(), user.passwordHash, user.createdAt],
        );
        return result.rowCount === 1;
      }),
    getUser: (email) =>
      run('read a user', async () => {
        const { rows } = await pool.query<UserRow>(`SELECT * FROM ${p}users WHERE email = $1`, [email.toLowerCase()]);
        return rows[0] ? toUser(rows[0]) : undefined;
      }),
    listUsers: () =>
      run('list users', async () => (await pool.query<UserRow>(`SELECT * FROM ${p}users ORDER BY email COLLATE "C"`)).rows.map(toUser)),
    setPassword: (email, passwordHash) =>
      run('set a password', async () => {
        const result = await pool.query(`UPDATE ${p}users SET password_hash = $2 WHERE email = $1`, [email.toLowerCase(), passwordHash]);
        return result.rowCount === 1;
      }),
    removeUser: (email) =>
      run('remove a user', async () => (await pool.query(`DELETE FROM ${p}users WHERE email = $1`, [email.toLowerCase()])).rowCount === 1),
    putToken: (token) =>
      run('store a token', async () => {
        await pool.query(
          `INSERT INTO ${p}tokens (hash, kind, subject, name, read_only, created_at, expires_at, expires_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (hash) DO UPDATE SET kind = EXCLUDED.kind, subject = EXCLUDED.subject, name = EXCLUDED.name, read_only = EXCLUDED.read_only,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, expires_ms = EXCLUDED.expires_ms`,
          [token.hash, token.kind, token.subject, token.name, token.readOnly, token.createdAt, token.expiresAt, token.expiresAt === null ? null : Date.parse(token.expiresAt)],
        );
      }),
    getToken: (hash, now) =>
      run('read a token', async () => {
        const { rows } = await pool.query<TokenRow>(`SELECT * FROM ${p}tokens WHERE hash = $1 AND ${live(2)}`, [hash, now]);
        return rows[0] ? toToken(rows[0]) : undefined;
      }),
    takeToken: (hash, now) =>
      run('take a one-time token', async () => {
        // DELETE … RETURNING: of two callers, only the one whose DELETE removed the row gets it.
        const { rows } = await pool.query<TokenRow & { live: boolean }>(
          `DELETE FROM ${p}tokens WHERE hash = $1 RETURNING *, ${live(2)} AS live`,
          [hash, now],
        );
        return rows[0]?.live ? toToken(rows[0]) : undefined;
      }),
    deleteToken: (hash) =>
      run('delete a token', async () => {
        await pool.query(`DELETE FROM ${p}tokens WHERE hash = $1`, [hash]);
      }),
    deleteTokens: (kind, subject) =>
      run('delete tokens', async () => (await pool.query(`DELETE FROM ${p}tokens WHERE kind = $1 AND subject = $2`, [kind, subject])).rowCount ?? 0),
    listTokens: (kind, now) =>
      run('list tokens', async () => {
        const { rows } = await pool.query<TokenRow>(`SELECT * FROM ${p}tokens WHERE kind = $1 AND ${live(2)} ORDER BY created_at COLLATE "C", hash COLLATE "C"`, [kind, now]);
        return rows.map(toToken);
      }),
    secret: (name) =>
      run('read a secret', async () => {
        // Two processes making the first one at once: the first INSERT wins, both read the winner.
        await pool.query(`INSERT INTO ${p}secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
          name,
          randomBytes(32).toString('base64url'),
        ]);
        const { rows } = await pool.query<{ value: string }>(`SELECT value FROM ${p}secrets WHERE name = $1`, [name]);
        return rows[0]!.value;
      }),
  };
}
