import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_LIMITS, checkResponse, newResponseId, safeParseResponse } from '@earful/schema';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHECK_SURVEY_ID,
  RECEIVER_CHECKS,
  judgeCheck,
  responseOfSize,
  usableRetryAfter,
  type CheckContext,
} from '../src/cli/check-receiver-checks.js';
import { memoryStore } from '../src/stores/memory.js';
import { startServer } from '../src/start-server.js';
import { serveLoopback } from '@earful/devtools/loopback';
import { runCli } from './support/run-cli.js';

const ORIGIN = 'https://shop.example';
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

const check = (...argv: string[]) => runCli('check-receiver', ...argv);

/** The table row of the check whose title starts with `title`, and the fix line under it. */
function row(out: string, title: string): { line: string; fix: string | undefined } {
  const lines = out.split('\n');
  const index = lines.findIndex((l) => l.slice(12).startsWith(title));
  if (index < 0) throw new Error(`no row "${title}" in:\n${out}`);
  const next = lines[index + 1] ?? '';
  return { line: lines[index]!, fix: next.trimStart().startsWith('↳') ? next.trim() : undefined };
}

interface Flaws {
  storesDuplicates?: boolean;
  noSizeLimit?: boolean;
  crashesOnBadJson?: boolean;
  corsOnlyOnPreflight?: boolean;
  noRetryAfter?: boolean;
  refusesTextPlain?: boolean;
  noReadBack?: boolean;
}

/**
 * A tiny receiver on node:http that keeps the contract unless told to break one rule: the check
 * must pass it whole, and name the broken rule with its fix.
 */
async function toyReceiver(flaws: Flaws = {}) {
  const stored = new Map<string, string>();
  const rows: string[] = [];
  let posts = 0;
  const server = await serveLoopback((req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': origin ?? '*', 'access-control-allow-headers': 'content-type' }).end();
      return;
    }
    const cors: Record<string, string> = origin && !flaws.corsOnlyOnPreflight ? { 'access-control-allow-origin': origin } : {};
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (flaws.noSizeLimit || size <= RESPONSE_LIMITS.maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', ...cors, ...headers }).end(JSON.stringify(body));
      if (!flaws.noSizeLimit && size > RESPONSE_LIMITS.maxBodyBytes) return send(413, { message: 'too large' });
      posts += 1;
      if (posts > 30) return send(429, { message: 'slow down' }, flaws.noRetryAfter ? {} : { 'retry-after': '30' });
      if (flaws.refusesTextPlain && String(req.headers['content-type']).startsWith('text/plain')) return send(415, { message: 'JSON only' });
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.concat(chunks).toString());
      } catch {
        return flaws.crashesOnBadJson ? send(500, { message: 'internal error' }) : send(400, { message: 'not JSON' });
      }
      const parsed = safeParseResponse(raw);
      if (!parsed.success) return send(400, { message: 'invalid', issues: parsed.error.fields });
      const body = JSON.stringify(parsed.data);
      const id = parsed.data.id;
      if (flaws.storesDuplicates) {
        rows.push(body);
        return send(202, { id, status: 'accepted' });
      }
      const existing = stored.get(id);
      if (existing === undefined) {
        stored.set(id, body);
        return send(202, { id, status: 'accepted' });
      }
      if (existing === body) return send(202, { id, status: 'accepted', ...(flaws.noReadBack ? {} : { duplicate: true }) });
      return send(422, { message: 'another response has this id' });
    });
  });
  closers.push(server.close);
  return { url: `${server.url}/feedback`, stored, rows };
}

describe('earful check-receiver against @earful/server', () => {
  it('passes every check, 429 included, and stores each id once', async () => {
    const store = memoryStore();
    const server = await startServer({ store, port: 0, origins: [ORIGIN], onError: () => {} });
    closers.push(server.close);
    const r = await check(server.endpoint, '--origin', ORIGIN, '--burst', '60');
    expect(r.err).toBe('');
    expect(r.out).not.toMatch(/^(FAIL|unverified|skipped)/m);
    expect(r.out).toMatch(/^11 passed, 0 failed, 0 unverified, 0 skipped/m);
    expect(row(r.out, 'the same id twice').line).toContain('"duplicate": true');
    expect(row(r.out, '429 carries Retry-After').line).toMatch(/429 after \d+ requests, Retry-After: \d+/);
    expect(r.code).toBe(0);
    const items = (await store.list({ surveyId: CHECK_SURVEY_ID, limit: 1000 })).items;
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('skips CORS and the burst unless asked, and says how to run them', async () => {
    const server = await startServer({ store: memoryStore(), port: 0, onError: () => {} });
    closers.push(server.close);
    const r = await check(server.endpoint);
    expect(r.code).toBe(0);
    expect(row(r.out, 'CORS: simple POST').fix).toContain('pass --origin https://your.site');
    expect(row(r.out, '429 carries Retry-After').fix).toContain('pass --burst <n>');
    expect(r.out).toMatch(/^8 passed, 0 failed, 0 unverified, 3 skipped/m);
  });
});

describe('earful check-receiver against broken receivers', () => {
  it('passes a small receiver that keeps the contract (the baseline for the broken ones)', async () => {
    const { url } = await toyReceiver();
    const r = await check(url, '--origin', ORIGIN, '--burst', '40');
    expect(r.out).toMatch(/^11 passed, 0 failed/m);
    expect(r.code).toBe(0);
  });

  it('fails a receiver that stores duplicates, and cannot verify "stored once" without the read-back', async () => {
    const { url, rows } = await toyReceiver({ storesDuplicates: true });
    const r = await check(url);
    expect(r.code).toBe(1);
    expect(row(r.out, 'the same id with another body').line).toMatch(/^FAIL\s.*\s202$/);
    expect(row(r.out, 'the same id with another body').fix).toBe(
      '↳ fix: store by id (a unique key) and compare the body: a different response under a stored id must get 422 (or 409), not be stored or merged',
    );
    expect(row(r.out, 'the same id twice').line).toMatch(/^unverified\s.*202, then 202, no read-back$/);
    expect(row(r.out, 'the same id twice').fix).toContain('"duplicate": true in the JSON body');
    expect(rows.length).toBeGreaterThan(new Set(rows.map((b) => JSON.parse(b).id)).size);
  });

  it('says "unverified", not "pass", when a deduping receiver offers no read-back', async () => {
    const { url } = await toyReceiver({ noReadBack: true });
    const r = await check(url);
    expect(r.code).toBe(0);
    expect(row(r.out, 'the same id twice').line).toMatch(/^unverified /);
  });

  it('fails a receiver without a size limit', async () => {
    const { url } = await toyReceiver({ noSizeLimit: true });
    const r = await check(url);
    expect(r.code).toBe(1);
    expect(row(r.out, '16,385 bytes → 413').line).toMatch(/^FAIL\s.*\s400$/);
    expect(row(r.out, '16,385 bytes → 413').fix).toContain('cap the body at 16,384 bytes before parsing and answer 413');
    expect(row(r.out, 'a response of 16,384 bytes').line).toMatch(/^pass /);
  });

  it('fails a receiver that answers 500 to a body that is not JSON', async () => {
    const { url } = await toyReceiver({ crashesOnBadJson: true });
    const r = await check(url);
    expect(r.code).toBe(1);
    expect(row(r.out, 'a body that is not JSON').line).toMatch(/^FAIL\s.*\s500$/);
    expect(row(r.out, 'a body that is not JSON').fix).toContain('never 5xx: the SDK retries 5xx for days');
  });

  it('fails a receiver that needs a preflight (CORS headers on OPTIONS only)', async () => {
    const { url } = await toyReceiver({ corsOnlyOnPreflight: true });
    const r = await check(url, '--origin', ORIGIN);
    expect(r.code).toBe(1);
    expect(row(r.out, 'CORS: simple POST').line).toMatch(/^FAIL\s.*202, Access-Control-Allow-Origin: \(none\)$/);
    expect(row(r.out, 'CORS: simple POST').fix).toContain(`send Access-Control-Allow-Origin: ${ORIGIN} on the POST answer itself, not only on OPTIONS`);
    expect(row(r.out, 'CORS: preflight').line).toMatch(/^pass /);
  });

  it('fails a receiver that refuses text/plain, and one whose 429 has no Retry-After', async () => {
    const plain = await check((await toyReceiver({ refusesTextPlain: true })).url);
    expect(plain.code).toBe(1);
    expect(row(plain.out, 'a valid response as text/plain').line).toMatch(/^FAIL\s.*\s415$/);
    expect(row(plain.out, 'a valid response as text/plain').fix).toContain('accept Content-Type text/plain and parse it as JSON');
    const limited = await check((await toyReceiver({ noRetryAfter: true })).url, '--burst', '40');
    expect(limited.code).toBe(1);
    expect(row(limited.out, '429 carries Retry-After').line).toMatch(/^FAIL\s.*429 after \d+ requests, Retry-After: \(none\)$/);
    expect(row(limited.out, '429 carries Retry-After').fix).toContain('send Retry-After with every 429');
  });

  it('fails every check, in bounded time, against a receiver that never answers', async () => {
    const server = await serveLoopback(() => {
      // holds every request open
    });
    closers.push(server.close);
    const started = Date.now();
    const r = await check(`${server.url}/feedback`, '--timeout', '200');
    expect(r.code).toBe(1);
    expect(row(r.out, 'a valid response as application/json').line).toContain('no answer (nothing within 200 ms)');
    expect(r.out).toMatch(/^0 passed, 8 failed, 0 unverified, 3 skipped/m);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('reads at most 4 KB of an endless answer, then hangs up', async () => {
    let requests = 0;
    let cutOff = 0;
    const server = await serveLoopback((_req, res) => {
      requests += 1;
      res.on('close', () => void (res.writableFinished || (cutOff += 1)));
      res.writeHead(400, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(16_384);
      let sent = 0;
      // 1.6 GB at most: endless for the check, which must hang up long before.
      const pump = () => {
        while (sent < 100_000) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    closers.push(server.close);
    const r = await check(`${server.url}/feedback`, '--timeout', '5000');
    expect(r.code).toBe(1);
    expect(row(r.out, 'a body that is not JSON').line).toMatch(/^pass\s.*400 "x{39}…"$/);
    for (let i = 0; i < 50 && cutOff < requests; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests).toBe(10);
    expect(cutOff).toBe(requests);
  });
});

describe('earful check-receiver command line', () => {
  it('explains a bad URL, origin or burst and exits 2', async () => {
    expect(await check('/feedback')).toMatchObject({ code: 2, err: expect.stringContaining('must be an absolute http(s) URL') });
    expect(await check()).toMatchObject({ code: 2, err: expect.stringContaining('give one receiver URL') });
    expect(await check('http://127.0.0.1:1/x', '--origin', 'https://shop.example/')).toMatchObject({ code: 2, err: expect.stringContaining('--origin must be an origin') });
    expect(await check('http://127.0.0.1:1/x', '--burst', '5000')).toMatchObject({ code: 2, err: expect.stringContaining('--burst must be a whole number from 1 to 1000') });
    expect((await check('--help')).out).toContain('--origin <origin>');
  });
});

describe('the table of checks', () => {
  const context: CheckContext = { newId: newResponseId, createdAt: '2026-12-01T09:00:00.000Z', origin: ORIGIN, burst: 3 };

  it('sends valid fixtures where it expects 2xx, and pads responses to the exact byte', () => {
    expect(checkResponse(responseOfSize(newResponseId(), context.createdAt, RESPONSE_LIMITS.maxBodyBytes)).ok).toBe(true);
    const over = responseOfSize(newResponseId(), context.createdAt, RESPONSE_LIMITS.maxBodyBytes + 1);
    expect(new TextEncoder().encode(JSON.stringify(over)).length).toBe(16_385);
    expect(checkResponse(over).ok).toBe(false);
    const invalid = RECEIVER_CHECKS.find((c) => c.id === 'invalid')!.probes(context)[0]!;
    expect(safeParseResponse(JSON.parse(invalid.body!)).success).toBe(false);
  });

  it('treats a 429 outside the burst as unverified, not as a failure', () => {
    const json = RECEIVER_CHECKS.find((c) => c.id === 'json')!;
    const verdict = judgeCheck(json, [{ status: 429, headers: { 'retry-after': '7' }, body: '' }], context);
    expect(verdict).toMatchObject({ outcome: 'unverified', fix: expect.stringContaining('wait 7 s') });
  });

  it('accepts the Retry-After forms the SDK obeys', () => {
    const now = Date.parse('2026-12-01T09:00:00Z');
    expect(usableRetryAfter('30', now)).toBe(true);
    expect(usableRetryAfter('Tue, 01 Dec 2026 09:01:00 GMT', now)).toBe(true);
    expect(usableRetryAfter('Tue, 01 Dec 2026 08:59:00 GMT', now)).toBe(false);
    expect(usableRetryAfter('soon', now)).toBe(false);
    expect(usableRetryAfter('-5', now)).toBe(false);
    // The SDK ignores a zero wait and backs off on its own, so a receiver's 0 is not a usable hint.
    expect(usableRetryAfter('0', now)).toBe(false);
    expect(usableRetryAfter(undefined, now)).toBe(false);
  });
});
