/**
 * `startServer`: what `earful serve` runs — a node:http server with the receiver at one path,
 * `GET /healthz`, and any extra routes a caller mounts (the demo's inbox page). The SQLite store
 * is imported only when `db` is given, so this entry never loads better-sqlite3 by itself.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, type EarfulHandler, type RequestInfo } from './create-handler.js';
import { ConfigError, ServeError } from './errors.js';
import type { HandlerOptions } from './handler-options.js';
import type { ResponseStore } from './store.js';
import { toNodeListener, type NodeListener } from './to-node-listener.js';

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
  const { db, store: given, port = 8787, host = '127.0.0.1', origins = '*', path = '/responses', routes = {}, ...handlerOptions } = options;
  if ((db === undefined) === (given === undefined)) throw new ConfigError('startServer needs exactly one of db (an SQLite file path) and store');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  let store = given;
  if (store === undefined) {
    const { sqliteStore } = await import('./stores/sqlite.js');
    store = sqliteStore(db!);
  }
  const ownStore = given === undefined;
  let handler: EarfulHandler;
  try {
    handler = createHandler({ ...handlerOptions, store, path, allowedOrigins: origins });
  } catch (error) {
    if (ownStore) await store.close();
    throw error;
  }
  const receiver = toNodeListener(handler);
  const mounted: [string, NodeListener][] = Object.entries(routes).map(([prefix, route]) => [prefix, toNodeListener(route)]);
  const server = createServer((req, res) => {
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
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await handler.close();
        if (ownStore) await store!.close();
      })()),
  };
}
