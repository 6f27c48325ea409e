/**
 * `earful users`, `earful keys`, `earful login-link` and what `earful serve` adds for the API:
 * accounts, keys and links land in the database the receiver serves, passwords never come from
 * the command line, and a first run prints one setup link.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../src/api/create-api-handler.js';
import { reachableUrl } from '../src/cli/serve-options.js';
import { sqliteStore } from '../src/stores/sqlite.js';
import { makeRecord, makeResponse } from './support/fixtures.js';
import { runCli, runCliWithInput } from './support/run-cli.js';
import { serveChild } from './support/serve-child.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-cli-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PASSWORD = 'correct horse battery staple';

async function withStore<T>(db: string, work: (store: ReturnType<typeof sqliteStore>) => Promise<T>): Promise<T> {
  const store = sqliteStore(db);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('earful users', () => {
  it('adds a user with the password from stdin, lists and removes them', async () => {
    const db = join(dir, 'users.db');
    const added = await runCliWithInput(`${PASSWORD}\n`, 'users', 'add', 'Ana@Shop.example', '--db', db, '--password-stdin');
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toBe('earful: added ana@shop.example; they sign in at /inbox with this password\n');
    const stored = await withStore(db, (store) => store.auth.getUser('ana@shop.example'));
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain(PASSWORD);

    const twice = await runCliWithInput(`${PASSWORD}\n`, 'users', 'add', 'ana@shop.example', '--db', db);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('a user ana@shop.example exists already');

    const reset = await runCliWithInput('a brand new passphrase\n', 'users', 'set-password', 'ana@shop.example', '--db', db);
    expect(reset.out).toBe('earful: new password for ana@shop.example; their open sessions were ended\n');
    const after = await withStore(db, (store) => store.auth.getUser('ana@shop.example'));
    expect(after?.passwordHash).not.toBe(stored?.passwordHash);
    expect((await runCliWithInput('a brand new passphrase\n', 'users', 'set-password', 'nobody@shop.example', '--db', db)).err).toContain('there is no user nobody@shop.example');

    const list = await runCli('users', 'list', '--db', db);
    expect(list.out).toMatch(/^ana@shop\.example\tadded \d{4}-/);

    expect((await runCli('users', 'remove', 'ana@shop.example', '--db', db)).out).toBe('earful: removed ana@shop.example and signed them out everywhere\n');
    expect((await runCli('users', 'list', '--db', db)).out).toBe('no users; add one with earful users add <email>\n');
    expect((await runCli('users', 'remove', 'ana@shop.example', '--db', db)).code).toBe(1);
  });

  it('never takes a password from argv, and refuses a short one', async () => {
    const db = join(dir, 'users-bad.db');
    const argv = await runCliWithInput('', 'users', 'add', 'ana@shop.example', PASSWORD, '--db', db);
    expect(argv.code).toBe(2);
    expect(argv.err).toContain('the password is read from stdin, never from the command line');
    const flag = await runCli('users', 'add', 'ana@shop.example', '--password', PASSWORD, '--db', db);
    expect(flag.code).toBe(2);
    const short = await runCliWithInput('hunter2\n', 'users', 'add', 'ana@shop.example', '--db', db);
    expect(short.code).toBe(1);
    expect(short.err).toBe('earful: the password must be at least 12 characters; a few words make a good one\n');
    expect((await runCli('users', 'add', 'not-an-email', '--db', db)).code).toBe(2);
    expect((await runCli('users', 'frob', '--db', db)).code).toBe(2);
    expect((await runCli('users', 'list')).err).toContain('--db is required');
  });
});

describe('earful keys', () => {
  it('prints a new key once (alone on stdout), lists names only, and revokes', async () => {
    const db = join(dir, 'keys.db');
    const created = await runCli('keys', 'create', '--name', 'crm', '--read-only', '--db', db);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^ek_[A-Za-z0-9_-]{43}\n$/);
    expect(created.err).toContain('shown only this once');
    const key = created.out.trim();

    const list = await runCli('keys', 'list', '--db', db);
    expect(list.out).toMatch(/^crm\tread-only\tcreated \d{4}-/);
    expect(list.out).not.toContain(key.slice(3, 20));

    // The key works against the API on the same database, read-only.
    await withStore(db, async (store) => {
      const api = createApiHandler({ store, onError: () => {} });
      const read = await api(new Request('http://127.0.0.1/api/cases', { headers: { authorization: `Bearer ${key}` } }));
      expect(read.status).not.toBe(401);
      const write = await api(new Request('http://127.0.0.1/api/responses/00000000-0000-4000-8000-000000000000', { method: 'DELETE', headers: { authorization: `Bearer ${key}` } }));
      expect(write.status).toBe(403);
    });

    expect((await runCli('keys', 'create', '--name', 'crm', '--db', db)).err).toContain('a key named crm exists already');
    expect((await runCli('keys', 'revoke', 'crm', '--db', db)).out).toBe('earful: API key "crm" revoked; requests with it now get 401\n');
    expect((await runCli('keys', 'list', '--db', db)).out).toBe('no API keys; make one with earful keys create --name <name>\n');
    expect((await runCli('keys', 'revoke', 'crm', '--db', db)).code).toBe(1);
    expect((await runCli('keys', 'create', '--db', db)).code).toBe(2);
    expect((await runCli('keys', 'create', '--name', 'two words', '--db', db)).err).toContain('must be 1–40 letters');
  });
});

describe('earful login-link', () => {
  it('prints a one-time link that signs the user in once', async () => {
    const db = join(dir, 'link.db');
    await runCliWithInput(`${PASSWORD}\n`, 'users', 'add', 'ana@shop.example', '--db', db);
    const printed = await runCli('login-link', 'ana@shop.example', '--db', db, '--base', 'http://127.0.0.1:8787');
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/^http:\/\/127\.0\.0\.1:8787\/inbox\/#login=el_[A-Za-z0-9_-]{43}\n$/);
    const token = printed.out.trim().split('#login=')[1]!;
    await withStore(db, async (store) => {
      const api = createApiHandler({ store, onError: () => {} });
      const post = () =>
        api(new Request('http://127.0.0.1:8787/api/session/link', { method: 'POST', headers: { origin: 'http://127.0.0.1:8787', 'content-type': 'application/json' }, body: JSON.stringify({ token }) }));
      expect((await post()).status).toBe(200);
      expect((await post()).status).toBe(410);
    });
    expect((await runCli('login-link', 'nobody@shop.example', '--db', db)).err).toContain('there is no user nobody@shop.example');
    expect((await runCli('login-link', 'ana@shop.example', '--db', db, '--base', 'ftp://x')).code).toBe(2);
  });
});

describe('earful erase through the CLI', () => {
  it('is listed, erases from the --db database, and names a usage mistake with exit 2', async () => {
    expect((await runCli('--help')).out).toContain('erase       Erase a customer');
    expect((await runCli('erase', '--help')).out).toContain('Usage: earful erase');
    const db = join(dir, 'erase.db');
    const id = '6f1c8a52-3b7e-4c1d-9a2f-0b5e7d4c3a21';
    await withStore(db, async (store) => {
      await store.putIfAbsent(makeRecord(makeResponse({ id })));
    });
    const erased = await runCli('erase', '--db', db, '--id', id);
    expect(erased.code).toBe(0);
    expect(erased.out).toMatch(/^earful: erased 1 response \(/);
    expect(await withStore(db, (store) => store.tombstone(id))).toMatchObject({ id });
    const both = await runCli('erase', '--db', db, '--id', id, '--email', 'kim@example.kr');
    expect(both.code).toBe(2);
    expect(both.err).toContain('give exactly one of --email, --user-id and --id');
    expect((await runCli('erase', '--db', db, '--postgres')).err).toContain('--postgres needs a URL');
  });
});

describe('earful serve with the API', () => {
  it('prints links that open on this machine when listening on every address', () => {
    expect(reachableUrl('http://0.0.0.0:8787')).toBe('http://127.0.0.1:8787');
    expect(reachableUrl('http://[::]:8787')).toBe('http://[::1]:8787');
    expect(reachableUrl('http://192.0.2.10:8787')).toBe('http://192.0.2.10:8787');
  });

  it('reads the flags and says what is wrong with one', async () => {
    const db = join(dir, 'flags.db');
    expect((await runCli('serve', '--db', db, '--smtp', 'smtp://localhost:25')).err).toContain('--smtp needs --from');
    expect((await runCli('serve', '--db', db, '--sla-first-response', 'soon')).err).toContain('--sla-first-response: a duration must be');
    expect((await runCli('serve', '--db', db, '--time-zone', 'Europe/Riga')).err).toContain('--time-zone goes with --business-hours');
    expect((await runCli('serve', '--db', db, '--business-hours', 'weekdays', '--time-zone', 'Europe/Riga')).err).toContain('--business-hours: business hours');
    expect((await runCli('serve', '--db', db, '--public-url', 'feedback.shop.example')).err).toContain('--public-url:');
    expect((await runCli('serve', '--db', db, '--postgres', 'postgres://x')).err).toContain('give --db or --postgres, not both');
    expect((await runCli('serve', '--db', db, '--no-api', '--smtp', 'smtp://x')).err).toContain('--smtp configures the API');
    const bad = join(dir, 'bad-survey.json');
    writeFileSync(bad, JSON.stringify({ id: 'nps' }));
    const definitions = await runCli('serve', '--db', db, '--definitions', bad);
    expect(definitions.code).toBe(2);
    expect(definitions.err).toContain(`--definitions: ${bad}: survey is not valid`);
    expect((await runCli('serve', '--db', db, '--definitions', join(dir, 'missing'))).err).toContain('--definitions: ENOENT');
  });

  it('prints one setup link on a first run, and none once an account exists', async () => {
    const db = join(dir, 'first-run.db');
    const first = await serveChild(['--db', db]);
    let link: string;
    try {
      for (let i = 0; i < 100 && !first.stdout().includes('#setup='); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      const setupLines = first.stdout().split('\n').filter((l) => l.includes('#setup='));
      expect(setupLines).toHaveLength(1);
      link = /(http:\/\/\S+#setup=el_[A-Za-z0-9_-]{43})$/.exec(setupLines[0]!)![1]!;
      const base = new URL(first.endpoint).origin;
      expect(link.startsWith(`${base}/inbox/#setup=`)).toBe(true);
      const created = await fetch(`${base}/api/setup`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json' },
        body: JSON.stringify({ token: link.split('#setup=')[1], email: 'owner@shop.example', password: PASSWORD }),
      });
      expect(created.status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const again = await serveChild(['--db', db]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(again.stdout()).toMatch(/inbox at http:\/\/127\.0\.0\.1:\d+\/inbox\/ and the API at/);
      expect(again.stdout()).not.toContain('#setup=');
    } finally {
      await again.stop();
    }
  });
});
