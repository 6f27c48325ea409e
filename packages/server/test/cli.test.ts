import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { UNSIGNED_WARNING } from '../src/cli/run.js';
import { createHandler } from '../src/create-handler.js';
import { sqliteStore } from '../src/stores/sqlite.js';
import { makeResponse, post } from './support/fixtures.js';
import { serveLoopback } from '@earful/devtools/loopback';
import { serveChild } from './support/serve-child.js';
import { runCli } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


async function seeded(name: string): Promise<string> {
  const path = join(dir, name);
  const store = sqliteStore(path);
  const handler = createHandler({ store, onError: () => {} });
  await handler(post(makeResponse({ answers: [{ type: 'rating', questionId: 'q', scale: 'csat5', value: 1 }, { type: 'text', questionId: 't', value: '=HYPERLINK("x"), "quoted"' }] })));
  await handler(post(makeResponse({ answers: [{ type: 'rating', questionId: 'q', scale: 'nps', value: 10 }, { type: 'choice', questionId: 'why', values: ['fast'] }] })));
  await handler.close();
  await store.close();
  return path;
}

describe('earful CLI', () => {
  it('prints help', async () => {
    const r = await runCli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('serve');
    expect((await runCli('serve', '--help')).out).toContain('--origin');
  });

  it('names a bad flag and exits 2', async () => {
    const r = await runCli('serve', '--db', 'x.db', '--prot', '1');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`earful: Unknown option '--prot' (run "earful serve --help" for the options)\n`);
    expect((await runCli('export', '--db', 'x.db', '--format', 'xml')).err).toContain('--format must be csv or jsonl, got "xml"');
    expect((await runCli('serve')).err).toContain('--db is required');
    expect((await runCli('frobnicate')).code).toBe(2);
    expect((await runCli('stats', '--db', 'x.db', '--since', 'last week')).err).toContain('--since must be an ISO-8601 date');
  });

  it('says what to do when the port is in use', async () => {
    const busy = await serveLoopback((_req, res) => res.end());
    try {
      const port = new URL(busy.url).port;
      const r = await runCli('serve', '--db', join(dir, 'serve.db'), '--port', port);
      expect(r.err).toBe(`earful: port ${port} on 127.0.0.1 is already in use; stop the other server or pass another port (--port 0 picks a free one)\n`);
    } finally {
      await busy.close();
    }
  });

  it('says what to do when the database is missing, not a database, or locked', async () => {
    const missing = await runCli('stats', '--db', join(dir, 'nope.db'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^earful: cannot open SQLite database .*nope\.db.* — check that the path exists/);
    expect(missing.err.trim().split('\n')).toHaveLength(1);

    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, '.repeat(100));
    expect((await runCli('export', '--db', junk)).err).toContain('the file is not an SQLite database');

    const locked = await seeded('locked.db');
    const holder = new Database(locked);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const r = await runCli('stats', '--db', locked);
      expect(r.code).toBe(1);
      expect(r.err).toContain('another process holds a lock on it');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('export and stats only read: an empty file, a foreign SQLite database and an Earful database keep their bytes', async () => {
    const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    const alone = (name: string) => {
      const folder = join(dir, name);
      mkdirSync(folder);
      return join(folder, 'data.db');
    };

    const empty = alone('empty');
    writeFileSync(empty, '');
    const foreign = alone('foreign');
    const other = new Database(foreign);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me')");
    other.pragma('user_version = 1'); // the version an Earful database has: the tables must decide
    other.close();
    // A table named like Earful's is not enough either.
    const lookalike = alone('lookalike');
    const third = new Database(lookalike);
    third.exec('CREATE TABLE responses (id TEXT)');
    third.close();

    for (const path of [empty, foreign, lookalike]) {
      const before = hash(path);
      for (const command of ['export', 'stats']) {
        const r = await runCli(command, '--db', path);
        expect(r.code, `${command} ${path}`).toBe(1);
        expect(r.out).toBe('');
        expect(r.err).toBe(`earful: ${JSON.stringify(path)} is not an Earful database (it has no Earful tables); point --db at the file that earful serve writes\n`);
      }
      expect(hash(path), path).toBe(before);
      expect(readdirSync(join(path, '..'))).toEqual(['data.db']); // no journal or WAL files either
    }
    const check = new Database(foreign, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();

    const earful = await seeded('read-only.db');
    const before = hash(earful);
    expect((await runCli('export', '--db', earful, '--format', 'jsonl')).out.trim().split('\n')).toHaveLength(2);
    expect((await runCli('stats', '--db', earful)).out).toContain('responses  2');
    expect(hash(earful)).toBe(before);
  });

  it('warns at start that alerts go out unsigned when --webhook has no EARFUL_WEBHOOK_SECRET', async () => {
    const unsigned = await serveChild(['--db', join(dir, 'unsigned.db'), '--webhook', 'http://127.0.0.1:9/hook'], { EARFUL_WEBHOOK_SECRET: undefined });
    try {
      expect(unsigned.stderr()).toBe(`${UNSIGNED_WARNING}\n`);
      expect(UNSIGNED_WARNING).toContain('alerts go out unsigned');
    } finally {
      expect(await unsigned.stop()).toBe(0);
    }
    const signed = await serveChild(['--db', join(dir, 'signed.db'), '--webhook', 'http://127.0.0.1:9/hook'], { EARFUL_WEBHOOK_SECRET: 'whsec_0123456789abcdef' });
    const quiet = await serveChild(['--db', join(dir, 'no-hook.db')], { EARFUL_WEBHOOK_SECRET: undefined });
    try {
      expect(signed.stderr()).toBe('');
      expect(quiet.stderr()).toBe('');
    } finally {
      await signed.stop();
      await quiet.stop();
    }
  });

  it('exports CSV (formula-safe) and JSON Lines, and prints stats', async () => {
    const path = await seeded('data.db');
    const csv = await runCli('export', '--db', path, '--format', 'csv');
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe('id,surveyId,receivedAt,createdAt,sentiment,ratings,comments,reasons,contact,page,locale');
    expect(lines).toHaveLength(3);
    expect(csv.out).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    const jsonl = await runCli('export', '--db', path, '--format', 'jsonl', '--since', '2000-01-01');
    expect(jsonl.out.trim().split('\n').map((l) => (JSON.parse(l) as { surveyId: string }).surveyId)).toEqual(['checkout', 'checkout']);
    expect((await runCli('export', '--db', path, '--format', 'jsonl', '--since', '2999-01-01')).out).toBe('');
    const stats = await runCli('stats', '--db', path);
    expect(stats.out).toContain('responses  2  (negative 1, neutral 0, positive 1');
    expect(stats.out).toContain('fast (1)');
    const json = JSON.parse((await runCli('stats', '--db', path, '--json')).out) as { total: number; nps: { score: number } };
    expect(json.total).toBe(2);
    expect(json.nps.score).toBe(100);
  });

  it('the built bin runs with its shebang (run `pnpm build` first)', () => {
    const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
    expect(existsSync(bin), `${bin} is missing: run \`pnpm --filter @earful/server build\` before the tests`).toBe(true);
    const help = spawnSync(bin, ['--help'], { encoding: 'utf8' });
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: earful <command>');
    const bad = spawnSync(bin, ['stats', '--bogus'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--bogus'");
  });
});
