/**
 * The per-survey rate limit over real sockets from many source addresses (127.0.x.y: all of
 * 127/8 is loopback on Linux): a flood from some networks spends their own budgets and a shared
 * ceiling, and a customer on another network is still accepted; an idempotent repeat spends nothing.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../src/stores/memory.js';
import { startServer, type RunningServer } from '../src/start-server.js';
import { makeResponse } from './support/fixtures.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** POSTs `body` from `localAddress` on a fresh connection; resolves with the status. */
function postFrom(endpoint: string, localAddress: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(endpoint, { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json' }, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${localAddress} within 5 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

describe('per-survey rate limit keyed by client network', () => {
  it('a flood from 75 addresses on 15 networks does not lock out a customer on another network', async () => {
    // Refill is negligible over the test, so every count below is exact.
    const slow = (capacity: number) => ({ capacity, refillPerSecond: 0.001 });
    running = await startServer({ store: memoryStore(), port: 0, onError: () => {}, rateLimit: { perIp: false, perSurvey: slow(4), perSurveyTotal: slow(20) } });
    const { endpoint } = running;
    const flooders = Array.from({ length: 75 }, (_, i) => `127.0.${1 + Math.floor(i / 5)}.${1 + (i % 5)}`);
    const statuses: number[] = [];
    // Three rounds, each address sending one new response per round (225 requests in all).
    for (let round = 0; round < 3; round++) {
      statuses.push(...(await Promise.all(flooders.map((ip) => postFrom(endpoint, ip, JSON.stringify(makeResponse()))))));
    }
    const accepted = statuses.filter((s) => s === 202).length;
    console.log(`flood: ${accepted} of ${statuses.length} accepted from 75 addresses on 15 /24 networks`);
    // Per network: 2 quiet requests (bucket still at least half full) + the ceiling's 20 shared.
    expect(accepted).toBe(15 * 2 + 20);
    expect(statuses.filter((s) => s !== 202 && s !== 429)).toEqual([]);

    // Another address inside a flooded /24 gains nothing by being new…
    expect(await postFrom(endpoint, '127.0.1.99', JSON.stringify(makeResponse()))).toBe(429);
    // …but a customer on another network is accepted, and resending its response spends nothing.
    const complaint = JSON.stringify(makeResponse());
    expect(await postFrom(endpoint, '127.0.200.9', complaint)).toBe(202);
    for (let i = 0; i < 5; i++) expect(await postFrom(endpoint, '127.0.200.9', complaint)).toBe(202);
    expect(await postFrom(endpoint, '127.0.200.9', JSON.stringify(makeResponse()))).toBe(202);
    expect((await running.store.list({ limit: 100 })).items).toHaveLength(accepted + 2);
  });
});
