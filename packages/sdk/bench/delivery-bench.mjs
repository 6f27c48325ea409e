#!/usr/bin/env node
// Delivery benchmark (a script, not a timed test): 2,000 responses through the BUILT client to a
// loopback receiver that fails on purpose — ≈30 % 5xx, ≈10 % dropped connections, a few 429s
// with Retry-After, latency jitter. The receiver stores like @earful/server: once per id, and a
// second body for a stored id must be identical (else it counts as a conflict). Every 2xx for an
// id already stored is counted as a duplicate delivery (absorbed by that dedupe). Exits non-zero
// when anything is lost, stored twice, conflicting, delivered twice per the client, or over time.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { bundleSize } from '@earful/devtools/size';
import { createClient } from '../dist/index.js';

const TOTAL = Number(process.env.EARFUL_BENCH_TOTAL ?? 2_000);
const SUBMIT_CONCURRENCY = 50;
const TIME_LIMIT_MS = 90_000;
const P_5XX = 0.3;
const P_DROP = Number(process.env.P_DROP ?? 0.1);
const P_429 = 0.01;
const MAX_429 = 6;

// A seeded generator, so runs are comparable.
let seed = 20261124;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);

const stored = new Map(); // id → body text, inserted once (the receiver's idempotency)
let storedRows = 0; // rows written (a second row for an id would be a duplicate stored)
let duplicateDeliveries = 0; // 2xx answers for an id already stored
let conflicts = 0; // same id, different body
const counts = { requests: 0, ok: 0, fail5xx: 0, dropped: 0, tooMany: 0 };
const server = createServer((req, res) => {
  counts.requests++;
  const roll = random();
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (roll < P_DROP) {
      counts.dropped++;
      req.socket.destroy(); // the connection dies without an answer; nothing was stored
      return;
    }
    setTimeout(() => {
      if (roll < P_DROP + P_5XX) {
        counts.fail5xx++;
        res.writeHead([500, 502, 503, 504][Math.floor(random() * 4)]).end();
      } else if (roll < P_DROP + P_5XX + P_429 && counts.tooMany < MAX_429) {
        counts.tooMany++;
        res.writeHead(429, { 'retry-after': '1' }).end();
      } else {
        counts.ok++;
        const text = Buffer.concat(chunks).toString('utf8');
        const { id } = JSON.parse(text);
        if (!stored.has(id)) {
          stored.set(id, text);
          storedRows++;
        } else if (stored.get(id) === text) duplicateDeliveries++;
        else conflicts++;
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
      }
    }, Math.floor(random() * 15)); // latency jitter 0–14 ms
  });
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const endpoint = `http://127.0.0.1:${server.address().port}/feedback`;

let retries = 0;
const deliveredCount = new Map();
const retryKinds = {};
const dropped = [];
const client = createClient({
  endpoint,
  storage: 'memory',
  // 100× the receiver's latency. Node's fetch sometimes stalls a request on a keep-alive connection the receiver
  // killed; the timeout turns that into a retry, and the stalled original may still arrive later:
  // that is a "duplicate delivery", absorbed by the receiver's id dedupe (as @earful/server does).
  timeoutMs: 2_000,
  retry: { initialDelayMs: 25, maxDelayMs: 250 },
  maxQueue: { items: TOTAL, bytes: 64 * 1024 * 1024 },
  onRetry: ({ error }) => { retries++; retryKinds[error.code] = (retryKinds[error.code] ?? 0) + 1; },
  onDrop: (reason, item) => dropped.push({ reason, id: item.id }),
  onDelivered: ({ id }) => deliveredCount.set(id, (deliveredCount.get(id) ?? 0) + 1),
});

const started = performance.now();
const submitted = [];
let accepted = 0;
let deliveredAtSubmit = 0;
let next = 0;
async function submitter() {
  while (next < TOTAL) {
    const i = next++;
    const result = await client.submit({
      surveyId: 'bench',
      locale: 'en',
      answers: [
        { type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 + (i % 5) },
        { type: 'text', questionId: 'q2', value: `response ${i}: delivery was late` },
      ],
    });
    submitted.push(result.id);
    accepted++;
    if (result.status === 'delivered') deliveredAtSubmit++;
  }
}
await Promise.all(Array.from({ length: SUBMIT_CONCURRENCY }, submitter));

let timedOut = false;
while ((await client.pending()) > 0) {
  if (performance.now() - started > TIME_LIMIT_MS) {
    timedOut = true;
    break;
  }
  await client.flush();
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const wallMs = performance.now() - started;
const pendingLeft = await client.pending();
client.destroy();
server.closeAllConnections();
server.close();

const lost = submitted.filter((id) => !stored.has(id)).length;
const duplicates = storedRows - stored.size;
const deliveredTwice = [...deliveredCount.values()].filter((n) => n > 1).length;
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const size = await bundleSize({ root, code: `export * from ${JSON.stringify(dist)};` });
const lines = [
  `responses submitted:      ${TOTAL}`,
  `accepted (submit ok):     ${accepted} (${deliveredAtSubmit} delivered at submit, ${accepted - deliveredAtSubmit} queued)`,
  `unique stored:            ${stored.size}`,
  `duplicates stored:        ${duplicates} (conflicting bodies: ${conflicts}; client onDelivered twice: ${deliveredTwice})`,
  `duplicate deliveries:     ${duplicateDeliveries} (2xx for an id already stored: absorbed by the id dedupe)`,
  `lost:                     ${lost}${pendingLeft ? ` (${pendingLeft} still queued at the time limit)` : ''}`,
  `dropped by the client:    ${dropped.length}`,
  `retries:                  ${retries} (${Object.entries(retryKinds).map(([k, v]) => `${v} ${k}`).join(", ")})`,
  `receiver saw:             ${counts.requests} requests: ${counts.ok} 2xx, ${counts.fail5xx} 5xx, ${counts.dropped} dropped connections, ${counts.tooMany} 429 (Retry-After: 1)`,
  `wall time:                ${(wallMs / 1000).toFixed(2)} s`,
  `browser entry (gzip):     ${size.gzip} B of 8,192 B budget (${size.bytes} B minified)`,
];
console.log(lines.join('\n'));
if (lost > 0 || duplicates > 0 || conflicts > 0 || deliveredTwice > 0 || dropped.length > 0 || timedOut) {
  console.error(`FAIL: lost ${lost}, duplicates ${duplicates}, conflicts ${conflicts}, delivered twice ${deliveredTwice}, dropped ${dropped.length}${timedOut ? ', time limit reached' : ''}`);
  process.exit(1);
}
