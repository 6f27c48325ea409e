/**
 * The account and key commands and `earful serve` on PostgreSQL (`--postgres <url>`): what one
 * command writes, a receiver on the same database honours at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliWithInput } from './support/run-cli.js';
import { startPostgres, type PostgresServer } from './support/postgres-harness.js';
import { serveChild } from './support/serve-child.js';

const PASSWORD = 'correct horse battery staple';
let database: PostgresServer;
beforeAll(async () => {
  database = await startPostgres();
});
afterAll(async () => {
  await database?.stop();
});

describe('--postgres', () => {
  it('users, keys and login links land in PostgreSQL, and a receiver on it honours them', async () => {
    const url = database.url;
    expect((await runCliWithInput(`${PASSWORD}\n`, 'users', 'add', 'ana@shop.example', '--postgres', url)).code).toBe(0);
    expect((await runCli('users', 'list', '--postgres', url)).out).toMatch(/^ana@shop\.example\t/);
    const key = (await runCli('keys', 'create', '--name', 'crm', '--postgres', url)).out.trim();
    expect(key).toMatch(/^ek_/);
    const link = (await runCli('login-link', 'ana@shop.example', '--postgres', url)).out.trim();
    expect(link).toContain('#login=el_');

    const server = await serveChild(['--postgres', url]);
    try {
      const base = new URL(server.endpoint).origin;
      expect(server.stdout()).toContain('(PostgreSQL)');
      expect(server.stdout()).not.toContain('#setup=');
      expect((await fetch(`${base}/api/cases`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      const signIn = await fetch(`${base}/api/session/link`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json' },
        body: JSON.stringify({ token: link.split('#login=')[1] }),
      });
      expect(signIn.status).toBe(200);
      expect(await signIn.json()).toEqual({ email: 'ana@shop.example' });
      expect((await runCli('keys', 'revoke', 'crm', '--postgres', url)).code).toBe(0);
      expect((await fetch(`${base}/api/cases`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
