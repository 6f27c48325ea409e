/**
 * A tiny loopback setup for whole-page tests in real Chromium (playwright-core): an app origin
 * that serves a page loading the built SDK, and a receiver on another origin (so CORS and
 * preflights are real) that logs every request and stores each response id once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveLoopback, type Loopback } from '@earful/devtools/loopback';
import { bundleSize } from '@earful/devtools/size';

export interface Logged {
  method: string;
  id?: string;
  contentType?: string;
  at: number;
}

export type Mode = 'accept' | 'fail' | 'hang';

export class ReceiverServer {
  readonly log: Logged[] = [];
  readonly stored = new Set<string>();
  mode: Mode = 'accept';
  url = '';
  private server?: Loopback;

  async start(): Promise<this> {
    this.server = await serveLoopback((req, res) => void this.handle(req, res));
    this.url = `${this.server.url}/feedback`;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '0' };
    if (req.method === 'OPTIONS') {
      this.log.push({ method: 'OPTIONS', at: Date.now() });
      res.writeHead(204, cors).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const id = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: unknown }).id);
    this.log.push({ method: req.method ?? '', id, contentType: req.headers['content-type'], at: Date.now() });
    const mode = this.mode;
    if (mode === 'hang') return; // never answered: the browser gives up on it when the page goes
    if (mode === 'fail') {
      res.writeHead(503, cors).end();
      return;
    }
    this.stored.add(id); // idempotent by id, like @earful/server
    res.writeHead(202, { ...cors, 'content-type': 'application/json' }).end('{"status":"accepted"}');
  }

  posts(id?: string): Logged[] {
    return this.log.filter((l) => l.method === 'POST' && (id === undefined || l.id === id));
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }
}

/** Serves `/` (a page that makes a client for `?endpoint=`) and `/sdk.js` (the built SDK, bundled). */
export class AppServer {
  url = '';
  private server?: Loopback;

  async start(distEntry: string, root: string): Promise<this> {
    const sdk = (await bundleSize({ root, code: `export * from ${JSON.stringify(distEntry)};` })).code;
    this.server = await serveLoopback((req, res) => {
      if (req.url?.startsWith('/sdk.js')) {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdk);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    });
    this.url = this.server.url;
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }
}

// The page makes its client at load, as an app would: start-up sends what earlier pages left.
// Retries wait a fixed 10 minutes (no jitter: full jitter over 300 s retried one of 20 items
// within the test's few seconds about once in twenty runs), so only the tests' own events resend.
const PAGE = `<!doctype html><meta charset="utf-8"><title>earful sdk e2e</title>
<script type="module">
  import * as sdk from '/sdk.js';
  const endpoint = new URLSearchParams(location.search).get('endpoint');
  window.delivered = [];
  window.client = sdk.createClient({ endpoint, retry: { initialDelayMs: 600000, maxDelayMs: 600000, jitter: 'none' }, onDelivered: ({ id }) => window.delivered.push(id) });
  window.queued = () => Object.keys(localStorage).filter((k) => k.startsWith('earful:')).length;
  window.ready = true;
</script>`;
