// The server side of the receiver benchmark, run in its own process so the load generator does
// not share its event loop: `earful serve`'s startServer (SQLite, rate limits off since all load
// comes from one IP) or a bare node:http server answering 204. Prints the port on stdout.
import { createServer } from 'node:http';
import { memoryStore, startServer } from '../dist/index.js';
import { sqliteStore } from '../dist/stores/sqlite.js';

const [kind, db] = process.argv.slice(2);
if (kind === 'earful' || kind === 'earful-memory') {
  // EARFUL_BENCH_BATCH_MS compares SQLite batch windows; unset, this is exactly `earful serve`.
  const window = process.env.EARFUL_BENCH_BATCH_MS;
  const storeOption = kind !== 'earful' ? { store: memoryStore() } : window === undefined ? { db } : { store: sqliteStore(db, { batchWindowMs: Number(window) }) };
  const server = await startServer({ ...storeOption, port: 0, rateLimit: false });
  process.stdout.write(`${server.port}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
} else {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(204);
      res.end();
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
