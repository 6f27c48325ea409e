// @ts-check
// Starts receiver.py on loopback with Debian's /usr/bin/python3, runs `earful check-receiver`
// against it, and delivers through @earful/sdk — including the duplicate a page exit makes.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, memoryStorage } from '@earful/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PYTHON = '/usr/bin/python3';
const ORIGIN = 'https://shop.example';
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// The published file, found through the package's exports the way a backend would copy it.
const schemaPath = require.resolve('@earful/schema/response.schema.json');
const earfulBin = join(dirname(require.resolve('@earful/server/package.json')), 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'earful-python-receiver-'));

/** @type {(() => void)[]} */
const stops = [];
afterAll(() => {
  for (const stop of stops) stop();
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  try {
    execFileSync(PYTHON, ['-c', 'import jsonschema'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `this example needs ${PYTHON} with the jsonschema package: apt-get install python3-jsonschema (.ci/run installs it). ${String(error).split('\n')[0]}`,
    );
  }
});

/**
 * Starts receiver.py on a free port; resolves to its URL once it prints it (within 10 s).
 * @param {string} name database file name
 * @param {string[]} [extra] more arguments
 * @returns {Promise<{ url: string, db: string }>}
 */
function startReceiver(name, extra = []) {
  const db = join(dir, name);
  const child = spawn(PYTHON, [join(here, '..', 'receiver.py'), '--port', '0', '--db', db, '--schema', schemaPath, '--origin', ORIGIN, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stops.push(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`receiver.py did not start within 10 s: ${out}${err}`)), 10_000);
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /http:\/\/\S+/.exec(out)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ url, db });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`receiver.py exited with ${code}: ${err}`));
    });
  });
}

/**
 * Rows stored under `id` (count and body), read with Python's own sqlite3.
 * @param {string} db
 * @param {string} id
 * @returns {{ count: number, body: string | null }}
 */
function storedRows(db, id) {
  const script = 'import json, sqlite3, sys\nrows = sqlite3.connect(sys.argv[1]).execute("SELECT body FROM responses WHERE id = ?", (sys.argv[2],)).fetchall()\nprint(json.dumps({"count": len(rows), "body": rows[0][0] if rows else None}))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, db, id], { encoding: 'utf8' }));
}

describe('earful check-receiver against the Python receiver', () => {
  it('passes every check, CORS and 429 included', async () => {
    const { url } = await startReceiver('check.db');
    const result = await new Promise((resolve) => {
      execFile(process.execPath, [earfulBin, 'check-receiver', url, '--origin', ORIGIN, '--burst', '60'], { timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^11 passed, 0 failed, 0 unverified, 0 skipped/m);
  });
});

describe('the Python receiver under hostile input', () => {
  it('answers 4xx to the worst bodies, with field messages, and keeps answering', async () => {
    const { url } = await startReceiver('hostile.db', ['--rate', '1000/100']);
    /** @param {BodyInit} body @param {Record<string, string>} [headers] */
    const post = async (body, headers = {}) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      return { status: response.status, body: await response.json() };
    };
    expect((await post('['.repeat(16_000))).status).toBe(400); // nesting deeper than Python's recursion limit
    expect((await post('{"schemaVersion": NaN}')).status).toBe(400); // Python's json would take NaN
    expect((await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]).buffer)).status).toBe(400); // not UTF-8
    expect(await post('{}', { 'content-type': 'application/x-www-form-urlencoded' })).toMatchObject({ status: 415 });
    const invalid = await post(
      JSON.stringify({ schemaVersion: 1, id: '0d6b1c1e-7d4a-4c55-9a53-2f0b1e8c6d71', surveyId: 'x', createdAt: '2026-11-24T09:30:00.000Z', locale: 'en', answers: [{ type: 'text', questionId: 't', value: 'x'.repeat(4_001) }] }),
    );
    expect(invalid).toEqual({ status: 400, body: { error: 'validation', issues: [{ path: 'answers[0].value', message: 'the value is too long' }] } });
    // A declared body of 10 GB is refused from its header, without waiting for the bytes.
    const huge = await new Promise((resolve, reject) => {
      const { port } = new URL(url);
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('POST /responses HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10000000000\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('close', () => resolve(answer.split('\r\n')[0]));
      socket.on('error', reject);
      socket.setTimeout(5_000, () => socket.destroy());
    });
    expect(huge).toMatch(/^HTTP\/1\.1 413 /);
    expect((await post(JSON.stringify({ schemaVersion: 1 }))).status).toBe(400); // still answering
  });
});

describe('@earful/sdk delivering to the Python receiver', () => {
  /** @type {{ url: string, db: string }} */
  let receiver;
  beforeAll(async () => {
    receiver = await startReceiver('sdk.db');
  });

  it('delivers a complaint, validated and stored by id', async () => {
    const client = createClient({ endpoint: receiver.url, storage: 'memory' });
    try {
      const result = await client.submit({
        surveyId: 'checkout',
        locale: 'lv-LV',
        answers: [
          { type: 'rating', questionId: 'rating', scale: 'csat5', value: 1 },
          { type: 'text', questionId: 'details', value: 'Piegāde kavējās divas nedēļas.' },
        ],
      });
      expect(result.status).toBe('delivered');
      const row = storedRows(receiver.db, result.id);
      expect(row.count).toBe(1);
      expect(JSON.parse(row.body ?? 'null')).toMatchObject({ id: result.id, surveyId: 'checkout', answers: [{ value: 1 }, { value: 'Piegāde kavējās divas nedēļas.' }] });
    } finally {
      client.destroy();
    }
  });

  it('stores once what a page exit sends twice: a keepalive text/plain send, then the next page\'s retry', async () => {
    // A page's events, for the SDK's pagehide listener (Node has no window).
    const page = new EventTarget();
    const g = /** @type {{ addEventListener?: unknown, removeEventListener?: unknown }} */ (globalThis);
    g.addEventListener = page.addEventListener.bind(page);
    g.removeEventListener = page.removeEventListener.bind(page);
    // localStorage across the reload: one queue for both page loads.
    const storage = memoryStorage();
    /** @type {{ page: number, type: string, keepalive: boolean, status: number, body: any }[]} */
    const sends = [];
    try {
      // Page 1: offline while the customer submits, so the response is queued; the connection
      // comes back as the tab closes, and the keepalive send arrives — but the page is gone
      // before the answer does, so the queue still holds the response.
      let online = false;
      /** @type {typeof fetch} */
      const firstPageFetch = async (input, init) => {
        if (!online) throw new TypeError('Failed to fetch');
        const response = await fetch(input, init);
        const headers = new Headers(init?.headers);
        sends.push({ page: 1, type: headers.get('content-type') ?? '', keepalive: init?.keepalive === true, status: response.status, body: await response.json() });
        throw new TypeError('the page was closed before the answer came');
      };
      const first = createClient({ endpoint: receiver.url, storage, fetch: firstPageFetch, retry: { initialDelayMs: 60_000, jitter: 'none' } });
      const queued = await first.submit({ surveyId: 'checkout', answers: [{ type: 'rating', questionId: 'rating', scale: 'thumbs', value: 0 }] });
      expect(queued.status).toBe('queued');
      online = true;
      page.dispatchEvent(new Event('pagehide'));
      for (let i = 0; i < 100 && sends.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      first.destroy();
      expect(sends).toEqual([{ page: 1, type: 'text/plain;charset=UTF-8', keepalive: true, status: 202, body: { id: queued.id, status: 'accepted' } }]);

      // Page 2: the SDK starts, finds the response still queued and sends it again, normally.
      /** @type {(id: string) => void} */
      let onDelivered = () => {};
      const delivered = new Promise((resolve) => (onDelivered = resolve));
      /** @type {typeof fetch} */
      const secondPageFetch = async (input, init) => {
        const response = await fetch(input, init);
        const copy = response.clone();
        sends.push({ page: 2, type: new Headers(init?.headers).get('content-type') ?? '', keepalive: init?.keepalive === true, status: response.status, body: await copy.json() });
        return response;
      };
      const second = createClient({ endpoint: receiver.url, storage, fetch: secondPageFetch, onDelivered: ({ id }) => onDelivered(id) });
      try {
        const id = await Promise.race([delivered, new Promise((_, reject) => setTimeout(() => reject(new Error('not delivered within 10 s')), 10_000))]);
        expect(id).toBe(queued.id);
        expect(await second.pending()).toBe(0);
      } finally {
        second.destroy();
      }
      expect(sends[1]).toEqual({ page: 2, type: 'application/json', keepalive: false, status: 202, body: { id: queued.id, status: 'accepted', duplicate: true } });
      expect(storedRows(receiver.db, queued.id).count).toBe(1);
    } finally {
      delete g.addEventListener;
      delete g.removeEventListener;
    }
  });
});
