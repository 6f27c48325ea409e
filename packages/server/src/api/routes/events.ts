/**
 * `GET /api/events`: the store's changes as Server-Sent Events (see `../sse.ts`), what keeps the
 * inbox live without polling. Each principal (a person or an API key) may hold a few streams at
 * once — enough for some tabs — so nobody can hold thousands of connections open.
 */
import { ApiProblemError, type ApiContext, type ApiDeps } from '../api-context.js';
import { sseStream } from '../sse.js';

/** Streams one principal may hold open at once. */
export const MAX_STREAMS_PER_PRINCIPAL = 8;

const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  // Proxies such as nginx buffer responses unless told not to; events must arrive at once.
  'x-accel-buffering': 'no',
} as const;

/** The open streams of one API handler, by principal, so `closeEventStreams` can end them. */
const openStreams = new WeakMap<ApiDeps, Map<string, Set<() => void>>>();

/** Ends every open event stream of a handler (it is closing); clients reconnect to the next one. */
export function closeEventStreams(deps: ApiDeps): void {
  for (const streams of openStreams.get(deps)?.values() ?? []) for (const close of [...streams]) close();
}

/** Answers a `text/event-stream` of `response`, `case`, `alert` and `erased` events. */
export async function events(context: ApiContext): Promise<Response> {
  // HEAD asks whether the stream is there; opening one would only hold a listener nobody reads.
  if (context.request.method === 'HEAD') return new Response(null, { status: 200, headers: STREAM_HEADERS });
  let byPrincipal = openStreams.get(context.deps);
  if (!byPrincipal) openStreams.set(context.deps, (byPrincipal = new Map()));
  const who = context.principal.actor;
  const mine = byPrincipal.get(who) ?? new Set<() => void>();
  if (mine.size >= MAX_STREAMS_PER_PRINCIPAL) {
    throw new ApiProblemError(429, 'too_many_streams', `at most ${MAX_STREAMS_PER_PRINCIPAL} event streams may be open at once for one person or key; close a tab or stop another client`, {
      extra: { headers: { 'retry-after': '30' } },
    });
  }
  byPrincipal.set(who, mine);
  // Counted before the stream starts, so onClose (which may run at once) always finds it.
  let handle: ReturnType<typeof sseStream> | undefined;
  const close = () => handle?.close();
  mine.add(close);
  handle = sseStream({
    subscribe: (listener) => context.deps.store.watch(listener),
    signal: context.request.signal,
    onClose: () => {
      mine.delete(close);
      if (mine.size === 0) byPrincipal.delete(who);
    },
  });
  return new Response(handle.stream, {
    status: 200,
    headers: STREAM_HEADERS,
  });
}
