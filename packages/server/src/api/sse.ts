/**
 * Server-Sent Events of store changes, for `GET /api/events`: `event: response|case|alert|erased`
 * with the change as JSON, `retry: 2000` so browsers reconnect soon after a restart, and a comment
 * every 15 s so proxies keep the connection. A stream ends — and stops listening — when the client
 * goes, when the receiver closes, or when a client reads so slowly that changes pile up.
 */
import type { StoreChange } from '../store.js';

/** Defaults of {@link sseStream}. */
export const SSE_DEFAULTS = {
  /** A comment this often keeps idle connections open through proxies. */
  heartbeatMs: 15_000,
  /** What `retry:` tells the browser to wait before reconnecting. */
  retryMs: 2_000,
  /** Chunks waiting for a slow client before the stream is dropped (it reconnects and reloads). */
  maxQueued: 256,
} as const;

/** Options of {@link sseStream}. */
export interface SseOptions {
  /** Starts listening; returns the function that stops (`store.watch`). */
  readonly subscribe: (listener: (change: StoreChange) => void) => () => void;
  /** Aborts the stream (the request's signal: the client went away). */
  readonly signal?: AbortSignal;
  readonly heartbeatMs?: number;
  readonly retryMs?: number;
  readonly maxQueued?: number;
  /** Called once when the stream ends, however it ends. */
  readonly onClose?: () => void;
}

/** One SSE message: a `data:` line per line of the JSON (JSON has none, but a line break must never end the event early). */
export function sseMessage(change: StoreChange): string {
  return `event: ${change.type}\n${JSON.stringify(change).split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n')}\n\n`;
}

/**
 * A stream of `text/event-stream` bytes. `close()` ends it from the server's side (the receiver
 * is shutting down).
 */
export function sseStream(options: SseOptions): { stream: ReadableStream<Uint8Array>; close: () => void } {
  const heartbeatMs = options.heartbeatMs ?? SSE_DEFAULTS.heartbeatMs;
  const maxQueued = options.maxQueued ?? SSE_DEFAULTS.maxQueued;
  const encoder = new TextEncoder();
  let stop: (() => void) | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let ended = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  function end(closeStream: boolean): void {
    if (ended) return;
    ended = true;
    stop?.();
    clearInterval(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (closeStream) {
      try {
        controller.close();
      } catch {
        // Already closed or errored by the reader: nothing left to end.
      }
    }
    options.onClose?.();
  }
  const onAbort = () => end(true);

  function send(text: string): void {
    if (ended) return;
    // desiredSize counts down as chunks wait; far below zero means the client stopped reading.
    if ((controller.desiredSize ?? 0) < -maxQueued) return end(true);
    controller.enqueue(encoder.encode(text));
  }

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      if (options.signal?.aborted) {
        // Gone before it started: nothing to listen for.
        ended = true;
        c.close();
        options.onClose?.();
        return;
      }
      c.enqueue(encoder.encode(`retry: ${options.retryMs ?? SSE_DEFAULTS.retryMs}\n: connected\n\n`));
      try {
        stop = options.subscribe((change) => send(sseMessage(change)));
      } catch (error) {
        // A store that cannot be watched (closed) ends the stream at once; the client retries.
        end(false);
        c.error(error);
        return;
      }
      timer = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
      timer.unref?.();
      options.signal?.addEventListener('abort', onAbort, { once: true });
    },
    cancel() {
      end(false);
    },
  });
  return { stream, close: () => end(true) };
}
