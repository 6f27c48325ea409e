/**
 * `createHandler`: the receiver as a Fetch-API function `(request) => Promise<Response>`, for
 * Node, Deno, Bun and route handlers. The pipeline itself lives in `internal/pipeline.ts`;
 * this file only adapts `Request`/`Response` to it.
 */
import type { HandlerOptions } from './handler-options.js';
import { createPipeline } from './internal/pipeline.js';
import { readWebBody } from './internal/read-web-body.js';
import type { Reply } from './internal/reply.js';

/**
 * Symbol under which a handler exposes its pipeline to `toNodeListener` (skips Request/Response
 * objects). Registered with `Symbol.for`, so a handler made by another copy of this package is
 * still recognised.
 */
export const PIPELINE = Symbol.for('earful.server.pipeline');

declare const handlerCore: unique symbol;
/**
 * What a handler keeps under {@link PIPELINE}: opaque in the published types, so the pipeline's
 * internals are no part of the API (`toNodeListener` is the one reader).
 */
export interface HandlerCore {
  readonly [handlerCore]: true;
}

/**
 * Extra facts a runtime knows about a request (Deno's `info.remoteAddr`, Bun's `server.requestIP`).
 *
 * @example
 * ```ts
 * Deno.serve((request, info) => handler(request, { ip: info.remoteAddr.hostname }));
 * ```
 */
export interface RequestInfo {
  /** The client's IP address; without it the per-IP rate limit does not apply. */
  readonly ip?: string;
}

/**
 * The receiver: a Fetch-API function plus `idle()` (waits for alert deliveries in flight) and
 * `close()` (stops the alert timer; the store stays open).
 *
 * @example
 * ```ts
 * const handler: EarfulHandler = createHandler({ store: memoryStore() });
 * process.on('SIGTERM', () => void handler.close());
 * ```
 */
export interface EarfulHandler {
  (request: Request, info?: RequestInfo): Promise<Response>;
  /** Resolves when no alert delivery round is running. */
  idle(): Promise<void>;
  /** Stops retrying alerts (pending ones stay in the store's outbox) and waits for the current round. */
  close(): Promise<void>;
  readonly [PIPELINE]: HandlerCore;
}

function toResponse(reply: Reply): Response {
  const headers = new Headers(reply.headers);
  if (reply.close) headers.set('connection', 'close');
  return new Response(reply.body, { status: reply.status, headers });
}

/**
 * Makes the receiver. Never answers 5xx to bad input: every problem has its documented 4xx;
 * only an unavailable store answers 503 (with `Retry-After`).
 *
 * @example
 * ```ts
 * import { createHandler, memoryStore, webhookAlert } from '@earful/server';
 * const handler = createHandler({
 *   store: memoryStore(),
 *   allowedOrigins: ['https://shop.example'],
 *   alerts: [webhookAlert({ url: 'https://ops.example/hooks/earful', secret: 'whsec_123' })],
 * });
 * const response = await handler(new Request('http://localhost/', { method: 'POST', body: '{}' }));
 * ```
 */
export function createHandler(options: HandlerOptions): EarfulHandler {
  const pipeline = createPipeline(options);
  const handler = async (request: Request, info?: RequestInfo): Promise<Response> => {
    let pathname = '/';
    try {
      pathname = new URL(request.url).pathname;
    } catch {
      // a relative URL cannot reach a Fetch handler; keep "/"
    }
    const reply = await pipeline.handle({
      method: request.method.toUpperCase(),
      pathname,
      header: (name) => request.headers.get(name),
      ip: info?.ip,
      readBody: (limit) => readWebBody(request, limit),
    });
    return toResponse(reply);
  };
  return Object.assign(handler, {
    idle: () => pipeline.dispatcher.idle(),
    close: () => pipeline.dispatcher.close(),
    [PIPELINE]: pipeline as unknown as HandlerCore,
  });
}
