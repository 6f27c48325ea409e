/**
 * The demo shop's own server: its order page (`/orders/<id>`) and assets, the widget's built script-tag files under
 * `/earful/` (a site hosts them itself, or on a CDN). Sends the strict CSP the widget promises to
 * work under.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { DEMO_ORDER_ID, renderShopPage } from './shop-page.js';

export interface ShopRouteOptions {
  readonly endpoint: string;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };
const PUBLIC = new URL('../../public/', import.meta.url);

function widgetDist(): string {
  const pkg = createRequire(import.meta.url).resolve('@earful/widget/package.json');
  return join(dirname(pkg), 'dist');
}

async function file(path: string, extra: Record<string, string> = {}): Promise<Response> {
  const type = TYPES[path.slice(path.lastIndexOf('.'))];
  if (!type) return new Response('Not found\n', { status: 404 });
  try {
    return new Response(await readFile(path), { headers: { 'content-type': type, 'cache-control': 'no-cache', ...extra } });
  } catch {
    return new Response('Not found\n', { status: 404 });
  }
}

export function shopRoute({ endpoint }: ShopRouteOptions): (request: Request) => Promise<Response> {
  const dist = widgetDist();
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${new URL(endpoint).origin}`;
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed\n', { status: 405 });
    // The order confirmation: `/orders/<id>` (the demo's link), and `/` shows the demo's order.
    const orderId = pathname === '/' || pathname === '/index.html' ? DEMO_ORDER_ID : /^\/orders\/([A-Za-z0-9-]{1,32})$/.exec(pathname)?.[1];
    if (orderId) {
      return new Response(renderShopPage({ endpoint, orderId }), {
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-cache' },
      });
    }
    if (pathname === '/shop.js' || pathname === '/shop.css') return file(new URL(pathname.slice(1), PUBLIC).pathname);
    if (pathname.startsWith('/earful/')) {
      const target = normalize(join(dist, pathname.slice('/earful/'.length)));
      if (!target.startsWith(dist + sep)) return new Response('Not found\n', { status: 404 });
      return file(target, { 'access-control-allow-origin': '*' });
    }
    return new Response('Not found\n', { status: 404 });
  };
}
