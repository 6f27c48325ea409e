// Read-path benchmark: seeds N responses with cases (default 1,000,000) into SQLite and into a
// throw-away PostgreSQL, then times what the inbox and teams' backends do all day: the summary,
// a filtered page of cases (newest and most urgent first), text search (a long Latin phrase, a
// two-syllable Korean word, a Latvian word with diacritics), and an export of 100,000 rows while
// sampling memory. Runs the BUILT package (pnpm --filter @earful/server build first).
//   node bench/read-bench.mjs [--rows 1000000] [--only sqlite|postgres] [--runs 5] [--keep DIR]
// --keep seeds into DIR once and reuses it (SQLite only; PostgreSQL is always seeded anew).
// Targets (docs/architecture.md, Budgets): summary <= 50 ms, a case page <= 20 ms, search <= 200 ms,
// export streamed in flat memory. Figures are medians of --runs runs after one warm-up.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres } from '@earful/devtools/postgres';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    only: { type: 'string' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'string' },
  },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
if (!Number.isInteger(rows) || rows < 1000 || !Number.isInteger(runs) || runs < 1) {
  console.error('bench:read: --rows must be an integer >= 1000 and --runs >= 1');
  process.exit(2);
}
if (values.only !== undefined && values.only !== 'sqlite' && values.only !== 'postgres') {
  console.error(`bench:read: --only takes sqlite or postgres, got ${JSON.stringify(values.only)}`);
  process.exit(2);
}
const here = new URL('.', import.meta.url).pathname;
if (!existsSync(join(here, '../dist/index.js'))) {
  console.error('bench:read: dist/ is missing; run `pnpm --filter @earful/server build` first');
  process.exit(1);
}
const { digestOf } = await import('../dist/internal/digest.js');
const { responseSentiment } = await import('@earful/schema');

// Deterministic variety: a cheap LCG, so two runs seed the same data.
let lcg = 42;
const rand = () => ((lcg = (lcg * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];

const TEXTS = [
  ['en', 'The delivery was two days late and nobody told me why.'],
  ['en', 'Great service, the courier was friendly.'],
  ['ko', '배송이 3주나 늦었고 아무도 연락하지 않았어요.'],
  ['ko', '포장이 훌륭했어요. 감사합니다.'],
  ['lv', 'Piegāde kavējās divas nedēļas, un neviens neatbildēja.'],
  ['te', 'డెలివరీ చాలా ఆలస్యమైంది, ఎవరూ స్పందించలేదు.'],
  ['et', 'Tarne hilines kaks nädalat ja keegi ei vastanud.'],
];
const REASONS = ['late', 'damaged', 'wrong-item', 'price', 'support'];
const SURVEYS = ['checkout', 'delivery', 'support'];
const DAY = 86_400_000;
const start = Date.now() - 89 * DAY;

function makeRecord(i) {
  const [locale, text] = pick(TEXTS);
  const receivedAt = new Date(start + Math.floor((i / rows) * 89 * DAY)).toISOString();
  const response = {
    schemaVersion: 1,
    id: randomUUID(),
    surveyId: pick(SURVEYS),
    createdAt: receivedAt,
    locale,
    answers: [
      { type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 + Math.floor(rand() * 5) },
      { type: 'text', questionId: 'q2', value: `${text} #${i}` },
      { type: 'choice', questionId: 'why', values: [pick(REASONS)] },
    ],
    context: { url: 'https://shop.example/checkout' },
    metadata: { orderId: `A-${i}` },
  };
  const sentiment = responseSentiment(response);
  return { id: response.id, surveyId: response.surveyId, receivedAt, sentiment, digest: digestOf(response), response };
}

const init = (record) => ({
  firstResponseDueAt: new Date(Date.parse(record.receivedAt) + DAY).toISOString(),
  resolutionDueAt: new Date(Date.parse(record.receivedAt) + 7 * DAY).toISOString(),
});

/** Seeds `rows` responses; every 10th case is worked (acknowledged, then resolved with a remedy). */
async function seed(store, label) {
  const began = performance.now();
  const batch = 500;
  const worked = [];
  for (let i = 0; i < rows; i += batch) {
    const records = [];
    for (let j = i; j < Math.min(rows, i + batch); j += 1) records.push(makeRecord(j));
    await Promise.all(records.map((r) => store.putIfAbsent(r, [], init(r))));
    for (const r of records) if (rand() < 0.1) worked.push(r);
    if (worked.length >= batch) await work(store, worked.splice(0));
    if ((i / batch) % 200 === 0) process.stdout.write(`\r${label}: seeded ${i.toLocaleString('en-US')} / ${rows.toLocaleString('en-US')}`);
  }
  await work(store, worked);
  const seconds = (performance.now() - began) / 1000;
  console.log(`\r${label}: seeded ${rows.toLocaleString('en-US')} responses with cases in ${seconds.toFixed(0)} s (${Math.round(rows / seconds).toLocaleString('en-US')}/s)`);
}

async function work(store, records) {
  await Promise.all(
    records.map(async (r) => {
      const at = new Date(Date.parse(r.receivedAt) + 3_600_000 * (1 + Math.floor(rand() * 30))).toISOString();
      await store.changeCase(r.id, { actor: 'user:bench@shop.example', at, patch: { status: 'acknowledged' } });
      if (rand() < 0.7) {
        const later = new Date(Date.parse(at) + DAY).toISOString();
        await store.changeCase(r.id, { actor: 'user:bench@shop.example', at: later, patch: { status: 'resolved', remedy: pick(['apology', 'refund', 'discount', 'fix']) } });
      }
    }),
  );
}

async function time(fn) {
  await fn(); // warm-up
  const samples = [];
  let result;
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    result = await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], result };
}

async function exportRun(store, limit) {
  let count = 0;
  let peakRss = process.memoryUsage().rss;
  const baseRss = peakRss;
  const began = performance.now();
  for await (const row of store.exportRows({ batch: 1000 })) {
    if (row.record.id.length === 0) throw new Error('bench:read: an exported row has no id');
    count += 1;
    if (count % 5000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (count >= limit) break;
  }
  return { count, ms: performance.now() - began, growthMb: (peakRss - baseRss) / 1048576 };
}

const results = [];
async function measure(label, store) {
  const now = Date.now();
  const line = (what, target, figure, detail = '') => {
    const pass = figure.ms <= target;
    results.push({ label, what, pass });
    console.log(`${pass ? 'PASS' : 'MISS'} ${label.padEnd(10)} ${what.padEnd(44)} ${figure.ms.toFixed(1).padStart(8)} ms  (target <= ${target} ms)${detail}`);
  };
  const summary = await time(() => store.summary({ now }));
  line('summary (90 days)', 50, summary, `  total ${summary.result.total.toLocaleString('en-US')}, recovery ${summary.result.recovery.rate}`);
  const newest = await time(() => store.listCases({ status: ['new'], sentiment: 'negative', limit: 50, now }));
  line('case page: new + negative, newest first', 20, newest, `  ${newest.result.items.length} rows`);
  const urgent = await time(() => store.listCases({ status: ['new', 'acknowledged', 'resolving'], sort: 'urgent', limit: 50, now }));
  line('case page: open, most urgent first', 20, urgent, `  ${urgent.result.items.length} rows`);
  const deep = await time(async () => {
    const first = await store.listCases({ surveyId: 'delivery', limit: 50, now });
    return store.listCases({ surveyId: 'delivery', limit: 50, cursor: first.nextCursor ?? undefined, now });
  });
  line('case pages 1+2: one survey (cursor)', 40, deep, `  ${deep.result.items.length} rows`);
  for (const q of ['delivery late', '배송', 'Piegāde kavējās', 'ఆలస్యమైంది']) {
    const found = await time(() => store.listCases({ q, limit: 50, now }));
    line(`search q=${JSON.stringify(q)}`, 200, found, `  ${found.result.items.length} rows`);
  }
  const rare = await time(() => store.listCases({ q: `#${rows - 7}`, limit: 50, now }));
  line('search one rare term (a single match)', 200, rare, `  ${rare.result.items.length} rows`);
  const exported = await exportRun(store, Math.min(100_000, rows));
  const flat = exported.growthMb < 64;
  results.push({ label, what: 'export', pass: flat && exported.count === Math.min(100_000, rows) });
  console.log(
    `${flat ? 'PASS' : 'MISS'} ${label.padEnd(10)} ${`export ${exported.count.toLocaleString('en-US')} rows`.padEnd(44)} ${exported.ms.toFixed(0).padStart(8)} ms  RSS growth ${exported.growthMb.toFixed(1)} MB (flat: < 64 MB)`,
  );
}

console.log(`read bench: ${rows.toLocaleString('en-US')} responses, median of ${runs} runs, Node.js ${process.version}`);
if (values.only !== 'postgres') {
  const { sqliteStore } = await import('../dist/stores/sqlite.js');
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'earful-read-bench-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `read-bench-${rows}.db`);
  const fresh = !existsSync(file);
  const store = sqliteStore(file);
  try {
    if (fresh) await seed(store, 'sqlite');
    else console.log(`sqlite: reusing ${file}`);
    await measure('sqlite', store);
  } finally {
    await store.close();
    if (values.keep === undefined) rmSync(dir, { recursive: true, force: true });
  }
}
if (values.only !== 'sqlite') {
  const { postgresStore } = await import('../dist/stores/postgres.js');
  const server = await startPostgres({ settings: ['shared_buffers=512MB', 'work_mem=32MB'] });
  const store = postgresStore(server.url);
  try {
    await seed(store, 'postgres');
    await measure('postgres', store);
  } finally {
    await store.close();
    await server.stop();
  }
}
const missed = results.filter((r) => !r.pass);
console.log(missed.length === 0 ? 'all read-path targets met' : `${missed.length} target(s) missed: ${missed.map((r) => `${r.label} ${r.what}`).join('; ')}`);
