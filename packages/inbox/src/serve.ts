/**
 * `@earful/inbox` in Node: `inboxRoutes()` serves the built app (`dist/app/`) as a Fetch-API
 * handler, so `earful serve` mounts it at `/inbox` and a team's own server mounts it beside
 * `createHandler`. It serves static files only: everything the app shows comes from `/api`,
 * which checks the session. Importing this module touches no DOM and reads no file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@earful/schema/lean';

/** Options of {@link inboxRoutes}. */
export interface InboxRoutesOptions {
  /** Where the app is mounted, without a trailing slash (default `/inbox`). */
  basePath?: string;
  /** The built app's folder (default: `dist/app/` of this package). */
  root?: string;
}

/**
 * The policy the app runs under: its own scripts, styles and API only; no framing. The app has no
 * inline script or style, so nothing needs a nonce.
 */
export const INBOX_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  json: 'application/json; charset=utf-8',
};

// Vite's hashed file names: letters, digits, `-`, `_` and dots, never `..`, never a `%` escape
// (so `..%2f` and `%2e%2e` cannot name a file outside the folder).
const ASSET = /^assets\/(?!.*\.\.)[A-Za-z0-9_.-]{1,200}$/;
const BASE_PATH = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._~-]+)*$/;

const headers = (contentType: string, cache: string): Headers =>
  new Headers({
    'Content-Type': contentType,
    'Cache-Control': cache,
    'Content-Security-Policy': INBOX_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });

const plain = (status: number, text: string, extra?: Record<string, string>): Response => {
  const h = headers('text/plain; charset=utf-8', 'no-store');
  for (const [k, v] of Object.entries(extra ?? {})) h.set(k, v);
  return new Response(text, { status, headers: h });
};

/**
 * A handler serving the inbox app under `basePath`: `basePath/` is the page (never cached, so a
 * new release shows at once), `basePath/assets/*` the hashed files (cached for a year);
 * `basePath` alone redirects to `basePath/` so relative asset URLs resolve. Every answer carries
 * a strict CSP and `nosniff`. Anything else under the base path is 404; requests outside it too
 * (mount it before your own routes, or check `pathname` first).
 *
 * @example
 * ```ts
 * import { createHandler } from '@earful/server';
 * import { inboxRoutes } from '@earful/inbox';
 * const inbox = inboxRoutes({ basePath: '/inbox' });
 * const api = createHandler({ store });
 * const handle = (request: Request) => (new URL(request.url).pathname.startsWith('/inbox') ? inbox(request) : api(request));
 * ```
 */
export function inboxRoutes(options: InboxRoutesOptions = {}): (request: Request) => Promise<Response> {
  const basePath = options.basePath ?? '/inbox';
  if (!BASE_PATH.test(basePath)) {
    throw new ConfigError(`inboxRoutes: basePath must be a path such as "/inbox" (no trailing slash, no "..", no query), got ${JSON.stringify(basePath)}`);
  }
  const root = options.root ?? fileURLToPath(new URL('./app/', import.meta.url));
  const files = new Map<string, Promise<ArrayBuffer | null>>();
  const load = (name: string): Promise<ArrayBuffer | null> => {
    let file = files.get(name);
    if (!file) {
      file = readFile(join(root, name)).then(
        (buffer) => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
        () => null,
      );
      // Missing files are not remembered: a build may land while the server runs.
      void file.then((body) => body ?? files.delete(name));
      files.set(name, file);
    }
    return file;
  };

  return async (request) => {
    const { pathname } = new URL(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'The inbox only answers GET and HEAD.', { Allow: 'GET, HEAD' });
    if (pathname === basePath) return plain(308, '', { Location: `${basePath}/` });
    if (!pathname.startsWith(`${basePath}/`)) return plain(404, 'Not found.');
    const rest = pathname.slice(basePath.length + 1);
    const name = rest === '' || rest === 'index.html' ? 'index.html' : ASSET.test(rest) ? rest : null;
    if (name === null) return plain(404, 'Not found.');
    const body = await load(name);
    if (body === null) {
      return name === 'index.html'
        ? plain(503, 'The inbox app is not built: run `pnpm --filter @earful/inbox build`.')
        : plain(404, 'Not found.');
    }
    const type = CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    const cache = name === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable';
    const h = headers(type, cache);
    h.set('Content-Length', String(body.byteLength));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: h });
  };
}
