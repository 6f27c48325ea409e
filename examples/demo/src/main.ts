#!/usr/bin/env node
/**
 * `pnpm demo`: starts the shop, the receiver and the inbox on loopback, prints where they are with
 * a fresh one-time sign-in link into the inbox, and stops cleanly on Ctrl-C. Flags: --port
 * (receiver, 8787), --shop-port (8080), --db FILE, --host ADDR to serve beyond this machine.
 */
import { mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemo, type Demo } from './demo.js';

const defaultDb = new URL('../.demo-data/feedback.db', import.meta.url).pathname;

function fail(message: string): never {
  console.error(`earful demo: ${message}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      'shop-port': { type: 'string', default: '8080' },
      db: { type: 'string', default: defaultDb },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  fail(`${(error as Error).message}; try --help`);
}
if (args.help) {
  console.log('Usage: pnpm demo [--port 8787] [--shop-port 8080] [--db FILE] [--host 127.0.0.1]');
  process.exit(0);
}

function portOf(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--${flag} must be a port number from 0 to 65535, got "${value}"`);
  return n;
}

const options = {
  db: args.db!,
  receiverPort: portOf('port', args.port!),
  shopPort: portOf('shop-port', args['shop-port']!),
  host: args.host!,
};
mkdirSync(dirname(options.db), { recursive: true });

let demo: Demo;
try {
  demo = await startDemo(options);
} catch (error) {
  const busy = (error as { code?: string; cause?: { code?: string } }).cause?.code === 'EADDRINUSE' || (error as { code?: string }).code === 'EADDRINUSE';
  if (!busy) fail((error as Error).message);
  // Something else has the usual ports: take free ones rather than make a newcomer hunt.
  console.log('earful demo: the usual ports are taken, using free ones instead');
  demo = await startDemo({ ...options, receiverPort: 0, shopPort: 0 }).catch((e: Error) => fail(e.message));
}

const database = relative(process.cwd(), options.db).startsWith('..') ? options.db : relative(process.cwd(), options.db);
// A new sign-in link on every run (each works once, within 15 minutes), for every address.
const links = new Map(await Promise.all(demo.addresses.map(async (a) => [a, await demo.signInLink(a)] as const)));
// Every address a browser can use, saying which is for whom (a wildcard --host is not one).
const list = (url: (a: (typeof demo.addresses)[number]) => string) => {
  const width = Math.max(...demo.addresses.map((a) => url(a).length));
  return demo.addresses.map((a, i) => `${i === 0 ? '' : '\n              '}${url(a).padEnd(width)}  (${a.via})`).join('');
};
console.log(`
Earful demo is running.

  Shop page   ${list((a) => a.shopUrl)}
              open it, press "Feedback", give a low rating and say what went wrong
  Inbox       ${list((a) => links.get(a)!)}
              a one-time link that signs you in as ${demo.staffEmail} (within 15 minutes;
              each run prints new ones); the complaint appears in the open queue as it arrives
  Receiver    ${list((a) => a.endpoint)}
  Database    ${database} (SQLite)

Press Ctrl-C to stop.
`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the Earful demo…');
  demo.close().then(
    () => process.exit(0),
    (error: Error) => fail(error.message),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
