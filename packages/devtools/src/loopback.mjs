// One loopback HTTP server for every test that needs a real socket: a page for Chromium, a
// receiver, a webhook target. It listens on a loopback address only, never keeps the test process
// alive, and `close()` ends every open connection (even a request the test left hanging), so a
// suite's teardown cannot wait on a socket.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Content types of the files tests serve; anything else goes out as application/octet-stream. */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `handler` on `host` (default 127.0.0.1) at a free port. Resolves with the origin as `url`
 * (no trailing slash), the port, the node:http server, and `close()`, which may be called twice.
 */
export async function serveLoopback(handler, { host = '127.0.0.1', port = 0 } = {}) {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$|^localhost$|^::1$/.test(host)) {
    throw new Error(`serveLoopback() listens on loopback only (127.x.y.z, ::1 or localhost), got host "${host}"`);
  }
  const server = createServer(handler);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.unref();
  const bound = server.address().port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  let closing;
  return {
    url,
    port: bound,
    server,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * A request handler that serves files: `mounts` maps a URL prefix ending in "/" to a directory
 * (longest prefix wins); "…/" serves that folder's index.html. Unknown paths and paths that climb
 * out of their directory get 404. `gzip` compresses when the browser accepts it, like a CDN, so
 * transfer sizes are real ones; `rewrite(file, body)` may change a file's text before it goes out.
 */
export function serveFiles(mounts, { gzip = false, rewrite } = {}) {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix, normalize(dir).replace(/[\\/]+$/, '')])
    .sort(([a], [b]) => b.length - a.length);
  return (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://loopback').pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    const mount = table.find(([prefix]) => path.startsWith(prefix));
    if (!mount) return void res.writeHead(404).end();
    const [prefix, dir] = mount;
    const rest = path.slice(prefix.length);
    const file = normalize(join(dir, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    let body = readFileSync(file);
    if (rewrite) body = Buffer.from(rewrite(file, body));
    const compress = gzip && /\bgzip\b/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', ...(compress ? { 'content-encoding': 'gzip' } : {}) });
    res.end(compress ? gzipSync(body, { level: 9 }) : body);
  };
}
