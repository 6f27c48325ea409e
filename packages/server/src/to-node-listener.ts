/**
 * Serves a Fetch-API handler from `node:http` (and Express, Fastify's raw mode, etc.). For an
 * Earful handler it skips building `Request`/`Response` objects and feeds the pipeline straight
 * from the socket, which is what lets one process take thousands of responses per second. It
 * owns the per-request body deadline; connection limits belong to the server (`startServer`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { PIPELINE, type EarfulHandler, type RequestInfo } from './create-handler.js';
import { ConfigError } from './errors.js';
import type { createPipeline, Incoming } from './internal/pipeline.js';
import type { Reply } from './internal/reply.js';

/**
 * A `node:http` request listener.
 *
 * @example
 * ```ts
 * const listener: NodeListener = toNodeListener(handler);
 * createServer(listener).listen(8787);
 * ```
 */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Options of {@link toNodeListener}.
 *
 * @example
 * ```ts
 * createServer(toNodeListener(handler, { bodyTimeoutMs: 5000 })).listen(8787);
 * ```
 */
export interface NodeListenerOptions {
  /**
   * How long a request body may take to arrive once the receiver starts reading it, in ms; a
   * slower upload gets 408 and its connection is closed. 16 KB takes well under a second even on
   * a poor mobile link. Default `10000`.
   */
  readonly bodyTimeoutMs?: number;
}

export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

function readNodeBody(req: IncomingMessage, limit: number, timeoutMs: number): ReturnType<Incoming['readBody']> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    // A trickling upload would otherwise hold its connection until the client gives up.
    const deadline = setTimeout(() => {
      req.pause();
      finish({ kind: 'timeout' });
    }, timeoutMs);
    const finish = (result: Awaited<ReturnType<Incoming['readBody']>>) => {
      clearTimeout(deadline);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('aborted', onFail);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        // Stop reading; the reply closes the connection, so the unread rest is never pulled.
        req.pause();
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'ok', bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) });
    const onFail = () => finish({ kind: 'error' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFail);
    req.on('aborted', onFail);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.close) res.shouldKeepAlive = false;
  res.writeHead(reply.status, reply.body === null ? reply.headers : { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body ?? undefined);
  if (reply.close) res.once('finish', () => res.socket?.destroySoon());
}

/**
 * Writes a Fetch response to `res` as it is produced (a Server-Sent Events stream never ends), and
 * cancels the body when the client goes, so the producer stops too.
 */
async function streamBody(res: ServerResponse, response: Response, head: boolean, headers: Record<string, string | string[]>): Promise<void> {
  if (response.body === null || head) {
    response.body?.cancel().catch(() => {});
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  res.writeHead(response.status, headers);
  // An event stream's client waits for the head before the first event; other answers send it with their first bytes.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) res.flushHeaders();
  const reader = response.body.getReader();
  let gone = res.destroyed;
  const cancel = () => {
    gone = true;
    reader.cancel().catch(() => {});
  };
  res.once('close', cancel);
  try {
    while (!gone) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        // Wait for the client to catch up, or for it to go.
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off('drain', go);
            res.off('close', go);
            resolve();
          };
          res.once('drain', go);
          res.once('close', go);
        });
      }
    }
    if (!gone) res.end();
  } finally {
    res.off('close', cancel);
  }
}

function pathnameOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.search(/[?#]/);
  return q === -1 ? raw : raw.slice(0, q);
}

/** The pipeline of an Earful handler (opaque in its type), or `undefined` for any other Fetch-API function. */
function pipelineOf(handler: object): ReturnType<typeof createPipeline> | undefined {
  return (handler as { readonly [PIPELINE]?: ReturnType<typeof createPipeline> })[PIPELINE];
}

/**
 * A `node:http` listener for `handler`. Any Fetch-API handler works; an Earful handler is served
 * without the Fetch object round-trip.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createHandler, memoryStore, toNodeListener } from '@earful/server';
 * createServer(toNodeListener(createHandler({ store: memoryStore() }))).listen(8787, '127.0.0.1');
 * ```
 */
export function toNodeListener(
  handler: EarfulHandler | ((request: Request, info?: RequestInfo) => Promise<Response>),
  options: NodeListenerOptions = {},
): NodeListener {
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  if (!Number.isInteger(bodyTimeoutMs) || bodyTimeoutMs < 1) {
    throw new ConfigError(`bodyTimeoutMs must be a positive integer number of milliseconds, got ${String(options.bodyTimeoutMs)}`);
  }
  const pipeline = pipelineOf(handler);
  if (pipeline) {
    return (req, res) => {
      pipeline
        .handle({
          method: (req.method ?? 'GET').toUpperCase(),
          pathname: pathnameOf(req.url),
          header: (name) => {
            const value = req.headers[name];
            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
          },
          ip: req.socket.remoteAddress,
          readBody: (limit) => readNodeBody(req, limit, bodyTimeoutMs),
        })
        .then((reply) => send(res, reply))
        .catch(() => send(res, { status: 503, headers: { 'retry-after': '5' }, body: null }));
    };
  }
  return (req, res) => {
    void (async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
        method,
        headers,
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
      } as RequestInit);
      const response = await handler(request, req.socket.remoteAddress === undefined ? {} : { ip: req.socket.remoteAddress });
      const outHeaders: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => (outHeaders[name] = value));
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) outHeaders['set-cookie'] = cookies;
      await streamBody(res, response, method === 'HEAD', outHeaders);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(503, { 'retry-after': '5' });
      res.end();
    });
  };
}
