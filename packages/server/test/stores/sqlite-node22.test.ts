/**
 * Proves the SQLite store on `node:sqlite` for real while this repository runs on Node.js 20:
 * runs the driver tests (with the whole shared store suite) and the WAL-bound tests under a
 * Node.js 22 binary fetched from the npm registry (see `support/node22.ts`), where the store
 * picks `node:sqlite` by default and better-sqlite3 (built for Node.js 20) cannot load at all.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isStoreError } from '../../src/errors.js';
import { sqliteStore } from '../../src/stores/sqlite.js';
import { makeResponse } from '../support/fixtures.js';
import { node22, NODE22_VERSION } from '../support/node22.js';
import { BIN, serveChild } from '../support/serve-child.js';

const hasNodeSqlite = process.getBuiltinModule('node:sqlite') !== undefined;
const root = fileURLToPath(new URL('../..', import.meta.url));
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const out = mkdtempSync(join(tmpdir(), 'earful-node22-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface JsonReport {
  numFailedTests: number;
  testResults: { name: string; status: string; message: string; assertionResults: { ancestorTitles: string[]; title: string; fullName: string; status: string; failureMessages: string[] }[] }[];
}

// The inner run must not think it is a worker of this one.
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'TEST'));
}

// Under a Node.js that has node:sqlite, sqlite-driver.test.ts runs it directly.
describe.skipIf(hasNodeSqlite)('the SQLite store under Node.js 22 (node:sqlite)', () => {
  it('passes the shared store suite, the driver checks and the WAL bound on node:sqlite', async () => {
    const node = await node22();
    const report = join(out, 'report.json');
    const files = ['test/stores/sqlite-driver.test.ts', 'test/stores/sqlite-wal.test.ts'];
    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(
        node,
        [vitest, 'run', ...files, '--typecheck.enabled=false', '--reporter=json', `--outputFile=${report}`],
        { cwd: root, env: cleanEnv(), timeout: 300_000, killSignal: 'SIGKILL', maxBuffer: 32 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}\n${stderr}` }),
      );
    });
    let json: JsonReport;
    try {
      json = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
    } catch {
      throw new Error(`vitest under ${node} wrote no report (exit ${run.code}):\n${run.output.slice(-4000)}`);
    }
    const tests = json.testResults.flatMap((file) => file.assertionResults.map((t) => ({ ...t, file: file.name })));
    const failed = tests.filter((t) => t.status === 'failed').map((t) => `${t.fullName}: ${t.failureMessages.join(' | ').slice(0, 2000)}`);
    expect({ failed, fileErrors: json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).map((f) => f.message) }).toEqual({ failed: [], fileErrors: [] });
    expect(json.testResults.map((f) => f.name.slice(root.length)).sort()).toEqual([...files].sort());
    // Only the checks for a Node.js without node:sqlite stay skipped.
    const skipped = tests.filter((t) => t.status !== 'passed');
    expect(skipped.length).toBeGreaterThan(0);
    for (const t of skipped) expect(t.ancestorTitles[0]).toMatch(/^driver choice on Node\.js v22\.[\d.]+ \(no node:sqlite\)$/);
    const suite = tests.filter((t) => t.ancestorTitles[0] === 'sqlite on node:sqlite store' && t.status === 'passed');
    expect(suite.length).toBeGreaterThanOrEqual(12);
    expect(suite.map((t) => t.title)).toContain('keeps pending alerts in an outbox: claim, lease, retry, give up, complete');
    expect(tests.filter((t) => t.ancestorTitles[0] === 'the node:sqlite connection' && t.status === 'passed')).toHaveLength(3);
    expect(tests.filter((t) => t.file.endsWith('sqlite-wal.test.ts') && t.status === 'passed').length).toBeGreaterThanOrEqual(3);
    expect(run.code).toBe(0);
  }, 600_000);

  // The built CLI as a user on Node.js 22 runs it. better-sqlite3 is installed here but built for
  // Node.js 20, so any use of it would fail: this passing means node:sqlite did the work.
  it('earful serve, stats and export work on node:sqlite, and better-sqlite3 reads the file it wrote', async () => {
    const node = await node22();
    const db = join(out, 'cli.db');
    const response = makeResponse({ answers: [{ type: 'rating', questionId: 'q', scale: 'csat5', value: 1 }] });
    const server = await serveChild(['--db', db], { EARFUL_WEBHOOK_SECRET: undefined }, node);
    try {
      const post = () => fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(response), signal: AbortSignal.timeout(10_000) });
      const first = await post();
      expect([first.status, await first.json()]).toEqual([202, { id: response.id, status: 'accepted' }]);
      const again = await post(); // the same id again: acknowledged, stored once
      expect([again.status, await again.json()]).toEqual([202, { id: response.id, status: 'accepted', duplicate: true }]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.stderr()).not.toMatch(/better-sqlite3|Error/);
    const cli = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(node, [BIN, ...args], { env: cleanEnv(), timeout: 60_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const stats = await cli('stats', '--db', db);
    expect(stats).toMatchObject({ code: 0 });
    expect(stats.stdout).toContain('responses  1  (negative 1, neutral 0, positive 0');
    const exported = await cli('export', '--db', db, '--format', 'jsonl');
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([response.id]);

    const reader = sqliteStore(db, { readOnly: true, driver: 'better-sqlite3' });
    try {
      expect((await reader.get(response.id))?.response).toEqual(response);
      await expect(reader.putIfAbsent((await reader.get(response.id))!)).rejects.toSatisfy(isStoreError);
    } finally {
      await reader.close();
    }
  }, 300_000);
});

describe('fetching Node.js 22 for these tests', () => {
  it('fails at once, saying what to do, when the registry refuses the connection, and leaves nothing behind', async () => {
    const cache = mkdtempSync(join(out, 'cache-'));
    // Port 9 (discard) on loopback: nothing listens there, so the connection is refused.
    await expect(node22({ cache, registry: 'http://127.0.0.1:9/', timeoutMs: 60_000 })).rejects.toThrowError(
      new RegExp(`^could not fetch Node\\.js ${NODE22_VERSION.replaceAll('.', '\\.')} from the npm registry \\(npm pack node-.+\\): .+ — check the network to the registry, or set EARFUL_NODE22 to a local Node\\.js 22\\.13\\+ binary$`),
    );
    expect(readdirSync(cache)).toEqual([]);
  }, 90_000);

  it('gives up at its time limit when the registry accepts the connection and never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket)); // reads nothing, answers nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const cache = mkdtempSync(join(out, 'cache-'));
    try {
      const started = Date.now();
      await expect(node22({ cache, registry: `http://127.0.0.1:${port}/`, timeoutMs: 3000 })).rejects.toThrowError(/: no answer within 3 s — check the network/);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(readdirSync(cache)).toEqual([]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 60_000);
});
