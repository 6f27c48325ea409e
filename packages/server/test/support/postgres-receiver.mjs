// A receiver process on a PostgreSQL store, for test/two-receivers.test.ts: the built package's
// startServer with postgresStore (what `earful serve --postgres <url>` does, plus a clock the
// test can move, which the CLI rightly has no flag for), a webhook sink,
// a first-response target of 1 minute (the shortest the SLA takes) and a fast alert poll. The
// receiver's clock (the handler's `now`, which dates arrivals and drives the overdue sweep)
// starts 2 minutes behind and SIGUSR2 moves it 2 minutes ahead, so a response that arrives
// before the signal is overdue after it.
//   node postgres-receiver.mjs <postgres-url> <webhook-url>
// Prints "receiving responses at <url>" once listening; SIGTERM closes it.
import { startServer, webhookAlert } from '../../dist/index.js';
import { postgresStore } from '../../dist/stores/postgres.js';

const [url, hook] = process.argv.slice(2);
if (!url || !hook) {
  console.error('usage: node postgres-receiver.mjs <postgres-url> <webhook-url>');
  process.exit(2);
}
const store = postgresStore(url);
let skew = -120_000;
process.on('SIGUSR2', () => {
  skew = 120_000;
  console.log(`clock moved to +${skew} ms`);
});
const server = await startServer({
  store,
  port: 0,
  alerts: [webhookAlert({ url: hook })],
  alertPollIntervalMs: 100,
  sla: { firstResponseMs: 60_000, resolutionMs: null },
  now: () => Date.now() + skew,
  api: { inbox: false },
});
console.log(`receiving responses at ${server.endpoint}`);
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
