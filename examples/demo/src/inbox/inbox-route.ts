/**
 * Everything under `/inbox`, mounted next to the receiver: the page, its assets, the alerts
 * that reached the demo's webhook target (polled by the page), and an export. Only loopback clients may read it unless a
 * token is configured, in which case every request must carry it.
 */
import { readFile } from 'node:fs/promises';
import type { Sentiment } from '@earful/schema';
import type { ListQuery, RequestInfo, ResponseStore, RouteHandler } from '@earful/server';
import type { AlertFeed } from './alert-feed.js';
import { renderInbox, type InboxFilters } from './render-inbox.js';

export interface InboxOptions {
  readonly store: ResponseStore;
  readonly feed: AlertFeed;
  /** Required from non-loopback clients; when set, required from everyone. */
  readonly token?: string;
  /** Survey ids offered in the filter. */
  readonly surveyIds: readonly string[];
}

const ASSETS: Record<string, string> = { 'inbox.css': 'text/css; charset=utf-8', 'inbox.js': 'text/javascript; charset=utf-8' };
const SENTIMENTS = new Set(['negative', 'neutral', 'positive']);
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function isLoopback(ip: string | undefined): boolean {
  return ip !== undefined && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));
}

function filtersOf(url: URL): InboxFilters {
  const sentiment = url.searchParams.get('sentiment') ?? '';
  return {
    sentiment: SENTIMENTS.has(sentiment) ? (sentiment as Sentiment) : undefined,
    surveyId: url.searchParams.get('survey') || undefined,
    cursor: url.searchParams.get('cursor') || undefined,
  };
}

export function inboxRoute(options: InboxOptions): RouteHandler {
  const { store, feed, token } = options;
  const assetsDir = new URL('../../public/', import.meta.url);

  function allowed(request: Request, url: URL, info?: RequestInfo): boolean {
    if (token) return url.searchParams.get('token') === token || request.headers.get('authorization') === `Bearer ${token}`;
    return isLoopback(info?.ip);
  }

  return async (request, info) => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (!allowed(request, url, info)) {
      return new Response('The inbox is only served to this machine, or with ?token=… when started with --public --token.\n', {
        status: 403,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    if (request.method !== 'GET') return new Response('Method not allowed\n', { status: 405, headers: { allow: 'GET' } });

    const asset = path.startsWith('/inbox/assets/') ? path.slice('/inbox/assets/'.length) : undefined;
    if (asset !== undefined) {
      const type = ASSETS[asset];
      if (!type) return new Response('Not found\n', { status: 404 });
      return new Response(await readFile(new URL(asset, assetsDir)), { headers: { 'content-type': type, ...SECURITY_HEADERS } });
    }
    const filters = filtersOf(url);
    const query: ListQuery = { sentiment: filters.sentiment, surveyId: filters.surveyId };
    if (path === '/inbox/alerts.json') {
      const after = Number(url.searchParams.get('after') ?? 0) || 0;
      return Response.json(feed.since(after), { headers: { 'cache-control': 'no-store' } });
    }
    if (path === '/inbox/export.jsonl') {
      const lines: string[] = [];
      let cursor: string | undefined;
      // Bounded: 100 pages of 1,000 is far beyond a demo's data.
      for (let i = 0; i < 100; i++) {
        const page = await store.list({ ...query, limit: 1000, cursor });
        for (const item of page.items) lines.push(JSON.stringify(item));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return new Response(lines.map((l) => `${l}\n`).join(''), {
        headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="earful-responses.jsonl"' },
      });
    }
    if (path === '/inbox' || path === '/inbox/') {
      const [page, summary] = await Promise.all([
        store.list({ ...query, limit: 50, cursor: filters.cursor }),
        store.summary({ surveyId: filters.surveyId }),
      ]);
      const body = renderInbox({ page, summary, filters, token, surveyIds: options.surveyIds });
      return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS } });
    }
    return new Response('Not found\n', { status: 404 });
  };
}
