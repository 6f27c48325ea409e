/**
 * `startServer`: what `earful serve` runs — a node:http server with the receiver at one path,
 * `GET /healthz`, and, with `api`, the JSON API at `/api`, the follow-up pages at `/follow-up` and
 * the inbox app at `/inbox`, plus any extra routes a caller mounts. The SQLite store is imported
 * only when `db` is given, so this entry never loads better-sqlite3 by itself.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createApiHandler, type ApiHandler } from './api/create-api-handler.js';
import type { ApiOptions } from './api/api-options.js';
import { createHandler, type EarfulHandler, type RequestInfo } from './create-handler.js';
import { ConfigError, ServeError } from './errors.js';
import { followUpRoutes, type FollowUpRoutesOptions } from './follow-up/follow-up-routes.js';
import { mountInbox } from './internal/mount-inbox.js';
import type { HandlerOptions } from './handler-options.js';
import { CLIENT_PREFIX, networkKey } from './internal/client-network.js';
import type { ResponseStore } from './store.js';
import { DEFAULT_BODY_TIMEOUT_MS, toNodeListener, type NodeListener } from './to-node-listener.js';

/**
 * A Fetch-API handler mounted next to the receiver.
 *
 * @example
 * ```ts
 * const inbox: RouteHandler = async () => new Response('<h1>Inbox</h1>', { headers: { 'content-type': 'text/html' } });
 * await startServer({ db: './feedback.db', routes: { '/inbox': inbox } });
 * ```
 */
export type RouteHandler = (request: Request, info?: RequestInfo) => Promise<Response>;

/**
 * What one server, and one client, may hold open. A response is at most 16 KB, so every deadline
 * is seconds, not minutes; a client past its share is disconnected at once, and other clients are
 * served meanwhile. All fields are optional; the defaults are shown.
 *
 * @example
 * ```ts
 * const connections: ConnectionLimits = { max: 8192, perIp: 64, headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000 };
 * await startServer({ db: './feedback.db', connections });
 * ```
 */
export interface ConnectionLimits {
  /** Open connections in all; more are closed as they arrive. Default `8192`. */
  readonly max?: number;
  /**
   * Open connections from one client (an IPv4 address, or an IPv6 /64); more are closed as they
   * arrive. Default `64`; `false` (the default with `trustProxy`, where every connection comes
   * from the proxy) turns it off.
   */
  readonly perIp?: number | false;
  /** Time for a client to send its request line and headers, in ms. Default `10000`. */
  readonly headersTimeoutMs?: number;
  /** Time for a request body to arrive once the receiver reads it, in ms; a slower one gets 408 and is closed. Default `10000`. */
  readonly bodyTimeoutMs?: number;
}

const DEFAULT_CONNECTIONS = { max: 8192, perIp: 64, headersTimeoutMs: 10_000, bodyTimeoutMs: DEFAULT_BODY_TIMEOUT_MS } as const;

function positiveInteger(name: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw new ConfigError(`connections.${name} must be a positive integer, got ${String(value)}`);
  return value as number;
}

/**
 * The API part of {@link startServer}: the options of `createApiHandler` (the store, clock and
 * proxy setting come from the server's own), plus the pages served beside it.
 *
 * @example
 * ```ts
 * const api: ServerApiOptions = { publicUrl: 'https://feedback.shop.example', smtp: 'smtp://…', from: 'care@shop.example', inbox: true };
 * await startServer({ db: './feedback.db', api });
 * ```
 */
export interface ServerApiOptions extends Omit<ApiOptions, 'store' | 'now' | 'onError' | 'trustProxy'> {
  /** Serve `@earful/inbox` at `/inbox` when it is installed (else `/inbox` says how to install it). Default `true`. */
  readonly inbox?: boolean;
  /** Options of the follow-up pages at `/follow-up` (widget script, rate limit). */
  readonly followUp?: Omit<FollowUpRoutesOptions, 'store' | 'now' | 'onError' | 'trustProxy'>;
}

/**
 * Options of {@link startServer}: the handler's options plus where to listen.
 *
 * @example
 * ```ts
 * const options: StartServerOptions = { db: './feedback.db', port: 8787, origins: ['https://shop.example'] };
 * ```
 */
export interface StartServerOptions extends Omit<HandlerOptions, 'store' | 'path' | 'allowedOrigins'> {
  /** SQLite file to store into (created when missing). Give `db` or `store`. */
  readonly db?: string;
  /** A store you made (memory, PostgreSQL…); `close()` leaves it open. */
  readonly store?: ResponseStore;
  /** TCP port; `0` picks a free one. Default `8787`. */
  readonly port?: number;
  /** Address to listen on. Default `'127.0.0.1'` (put a TLS proxy in front for the internet). */
  readonly host?: string;
  /** Allowed browser origins. Default: any (`'*'`). */
  readonly origins?: '*' | readonly (string | RegExp)[];
  /** Path of the receiver. Default `'/responses'`. */
  readonly path?: string;
  /** Extra routes: requests whose pathname equals a key or starts with `key + '/'` go to its handler. */
  readonly routes?: Readonly<Record<string, RouteHandler>>;
  /** Connection limits and deadlines; see {@link ConnectionLimits} for the defaults. */
  readonly connections?: ConnectionLimits;
  /**
   * The JSON API at `/api` (sign-in, cases, replies, SSE), the follow-up pages at `/follow-up`
   * and the inbox at `/inbox`; `true` for the defaults. Every `/api` route but sign-in needs a
   * session or an API key. Default `false` (`earful serve` turns it on).
   */
  readonly api?: boolean | ServerApiOptions;
}

/**
 * A running server.
 *
 * @example
 * ```ts
 * const server: RunningServer = await startServer({ db: './feedback.db', port: 0 });
 * console.log(server.endpoint);
 * await server.close();
 * ```
 */
export interface RunningServer {
  /** `http://host:port` */
  readonly url: string;
  /** The URL to give the SDK as `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  readonly server: Server;
  readonly store: ResponseStore;
  readonly handler: EarfulHandler;
  /** The `/api` router, when `api` is on. */
  readonly api: ApiHandler | undefined;
  /** Stops listening, stops alert retries, closes the store if `startServer` opened it. */
  close(): Promise<void>;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): ServeError {
  const where = `${host}:${port}`;
  const message =
    error.code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use; stop the other server or pass another port (--port 0 picks a free one)`
      : error.code === 'EADDRNOTAVAIL'
        ? `cannot listen on ${where}: ${host} is not an address of this machine; use --host 127.0.0.1 or 0.0.0.0`
        : error.code === 'EACCES'
          ? `no permission to listen on ${where}; use a port above 1023 or run with the needed privileges`
          : `cannot listen on ${where}: ${error.message}`;
  return new ServeError(message, { cause: error });
}

/**
 * Starts the standalone receiver (what `earful serve` runs) and resolves once it listens.
 * Rejects with a `ServeError` when the port is taken, or a `StoreError` when the database
 * cannot be opened.
 *
 * @example
 * ```ts
 * import { startServer } from '@earful/server';
 * const server = await startServer({ db: './feedback.db', port: 8787, origins: ['https://shop.example'] });
 * console.log(`POST responses to ${server.endpoint}`);
 * ```
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { db, store: given, port = 8787, host = '127.0.0.1', origins = '*', path = '/responses', routes = {}, connections = {}, api: apiOption = false, ...handlerOptions } = options;
  if ((db === undefined) === (given === undefined)) throw new ConfigError('startServer needs exactly one of db (an SQLite file path) and store');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  const maxConnections = positiveInteger('max', connections.max ?? DEFAULT_CONNECTIONS.max);
  const perIpOption = connections.perIp ?? (handlerOptions.trustProxy ? false : DEFAULT_CONNECTIONS.perIp);
  const perIp = perIpOption === false ? false : positiveInteger('perIp', perIpOption);
  const headersTimeoutMs = positiveInteger('headersTimeoutMs', connections.headersTimeoutMs ?? DEFAULT_CONNECTIONS.headersTimeoutMs);
  const bodyTimeoutMs = positiveInteger('bodyTimeoutMs', connections.bodyTimeoutMs ?? DEFAULT_CONNECTIONS.bodyTimeoutMs);
  let store = given;
  if (store === undefined) {
    const { sqliteStore } = await import('./stores/sqlite.js');
    store = sqliteStore(db!);
  }
  const ownStore = given === undefined;
  let handler: EarfulHandler;
  let api: ApiHandler | undefined;
  const apiRoutes: Record<string, RouteHandler> = {};
  try {
    handler = createHandler({ ...handlerOptions, store, path, allowedOrigins: origins });
    if (apiOption !== false) {
      const { inbox = true, followUp = {}, ...apiOptions } = apiOption === true ? {} : apiOption;
      const shared = {
        store,
        ...(handlerOptions.now ? { now: handlerOptions.now } : {}),
        ...(handlerOptions.onError ? { onError: handlerOptions.onError } : {}),
        ...(handlerOptions.trustProxy ? { trustProxy: true } : {}),
      };
      api = createApiHandler({ ...apiOptions, ...shared });
      apiRoutes['/api'] = api;
      apiRoutes['/follow-up'] = followUpRoutes({ ...followUp, ...shared });
      if (inbox) apiRoutes['/inbox'] = await mountInbox();
    }
  } catch (error) {
    if (ownStore) await store.close();
    throw error;
  }
  const receiver = toNodeListener(handler, { bodyTimeoutMs });
  const mounted: [string, NodeListener][] = Object.entries({ ...apiRoutes, ...routes }).map(([prefix, route]) => [prefix, toNodeListener(route, { bodyTimeoutMs })]);
  // Node checks header and request deadlines on this interval (default 30 s, which would let a
  // 10 s deadline slip to 40 s).
  const checkEveryMs = Math.max(100, Math.min(1000, Math.floor(headersTimeoutMs / 2)));
  const server = createServer({ connectionsCheckingInterval: checkEveryMs }, (req, res) => {
    const url = req.url ?? '/';
    const pathname = url.split(/[?#]/, 1)[0]!;
    if (pathname === path) return receiver(req, res);
    for (const [prefix, listener] of mounted) {
      if (pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) return listener(req, res);
    }
    if (pathname === '/healthz' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'not_found', message: `nothing here; POST responses to ${path}` }));
  });
  server.keepAliveTimeout = 65_000;
  server.maxConnections = maxConnections;
  server.headersTimeout = headersTimeoutMs;
  // The whole request: headers, then the body (whose own deadline usually answers 408 first).
  server.requestTimeout = headersTimeoutMs + bodyTimeoutMs;
  if (perIp !== false) {
    const open = new Map<string, number>();
    server.on('connection', (socket: Socket) => {
      const key = networkKey(socket.remoteAddress ?? '', CLIENT_PREFIX);
      const count = open.get(key) ?? 0;
      if (count >= perIp) {
        socket.destroy();
        return;
      }
      open.set(key, count + 1);
      socket.once('close', () => {
        const left = (open.get(key) ?? 1) - 1;
        if (left === 0) open.delete(key);
        else open.set(key, left);
      });
    });
  }
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await handler.close();
    await api?.close();
    if (ownStore) await store.close();
    throw listenError(error as NodeJS.ErrnoException, host, port);
  }
  const actual = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    endpoint: `${url}${path}`,
    port: actual,
    server,
    store,
    handler,
    api,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await handler.close();
        await api?.close();
        if (ownStore) await store!.close();
      })()),
  };
}
