// First load of the queue on a big database: how long from opening /inbox/ (signed in) until the
// first page of cases shows, newest first and most urgent first, in Chromium on loopback. Runs the
// BUILT packages (pnpm --filter @earful/server build && pnpm --filter @earful/inbox build) against
// a SQLite file seeded by the server's read bench:
//   pnpm --filter @earful/server bench:read --only sqlite --keep /tmp/earful-1m   (1,000,000 rows)
//   node bench/first-load.mjs --db /tmp/earful-1m/read-bench-1000000.db [--runs 5]
// It adds a staff account to that file. The budget (docs/architecture.md: the first page in
// <= 1 s with 1,000,000 stored responses) is printed, not asserted.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launchChromium } from '@earful/devtools/chromium';

const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!values.db || !existsSync(values.db) || !Number.isInteger(runs) || runs < 1) {
  console.error('bench:first-load: give --db <a SQLite file seeded by `pnpm --filter @earful/server bench:read --only sqlite --keep DIR`> and --runs >= 1');
  process.exit(2);
}
const server = new URL('../../server/dist/', import.meta.url);
for (const file of ['index.js', 'api/auth/password.js']) {
  if (!existsSync(new URL(file, server))) {
    console.error(`bench:first-load: ../server/dist/${file} is missing; run \`pnpm --filter @earful/server build\` first`);
    process.exit(1);
  }
}
if (!existsSync(new URL('../dist/serve.js', import.meta.url))) {
  console.error('bench:first-load: dist/ is missing; run `pnpm --filter @earful/inbox build` first');
  process.exit(1);
}
const { startServer } = await import(new URL('index.js', server).href);
const { hashPassword } = await import(new URL('api/auth/password.js', server).href);
const { inboxRoutes } = await import('../dist/serve.js');

const email = `bench-${randomUUID().slice(0, 8)}@shop.example`;
const password = randomUUID();
const running = await startServer({ db: values.db, port: 0, routes: { '/inbox': inboxRoutes() }, api: { inbox: false } });
await running.store.auth.addUser({ email, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() });
const browser = await launchChromium();
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const signIn = await context.request.post(`${running.url}/api/session`, { headers: { origin: running.url }, data: { email, password } });
  if (signIn.status() !== 204) throw new Error(`sign-in answered ${signIn.status()}`);
  const total = (await (await context.request.get(`${running.url}/api/summary?days=1`)).json()).total;
  console.log(`first load of the queue: ${total.toLocaleString('en-US')} stored responses, median of ${runs} runs after one warm-up, Chromium on loopback`);
  for (const [label, hash] of [['newest first', '#/cases'], ['most urgent first', '#/cases?sort=urgent']]) {
    const times = [];
    for (let i = 0; i <= runs; i++) {
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`${running.url}/inbox/${hash}`);
      await page.locator('.row-link').first().waitFor({ timeout: 30_000 });
      if (i > 0) times.push(Date.now() - started);
      await page.close();
    }
    const ms = median(times);
    console.log(`${ms <= 1000 ? 'PASS' : 'MISS'} ${label.padEnd(18)} first page shown in ${String(ms).padStart(5)} ms (budget 1,000 ms)`);
  }
} finally {
  await browser.close();
  await running.close();
}
