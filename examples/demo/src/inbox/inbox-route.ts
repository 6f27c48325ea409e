/**
 * Everything under `/inbox`, mounted next to the receiver: the page, its assets, the alerts
 * that reached the demo's webhook target (polled by the page), and an export. Who may read it is
 * `inbox-access.ts`'s rule; the assets (the page's own CSS and JS, no data) are served to anyone.
 */
import { readFile } from 'node:fs/promises';
import type { Sentiment } from '@earful/schema';
import type { ListQuery, RequestInfo, ResponseStore, RouteHandler } from '@earful/server';
import type { AlertFeed } from './alert-feed.js';
import { inboxAccess } from './inbox-access.js';
import { renderInbox, type InboxFilters } from './render-inbox.js';

export interface InboxOptions {
  readonly store: ResponseStore;
  readonly feed: AlertFeed;
  /** Without it, only loopback clients may read the inbox; with it, anyone signed in with it. */
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

function filtersOf(url: URL): InboxFilters {
  const sentiment = url.searchParams.get('sentiment') ?? '';
  return {
    sentiment: SENTIMENTS.has(sentiment) ? (sentiment as Sentiment) : undefined,
    surveyId: url.searchParams.get('survey') || undefined,
    cursor: url.searchParams.get('cursor') || undefined,
  };
}

export function inboxRoute(options: InboxOptions): RouteHandler {
  const { store, feed } = options;
  const access = inboxAccess(options.token);
  const assetsDir = new URL('../../public/', import.meta.url);

  return async (request, info?: RequestInfo) => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (request.method !== 'GET') return new Response('Method not allowed\n', { status: 405, headers: { allow: 'GET' } });

    const asset = path.startsWith('/inbox/assets/') ? path.slice('/inbox/assets/'.length) : undefined;
    if (asset !== undefined) {
      const type = ASSETS[asset];
      if (!type || !Object.hasOwn(ASSETS, asset)) return new Response('Not found\n', { status: 404 });
      return new Response(await readFile(new URL(asset, assetsDir)), { headers: { 'content-type': type, ...SECURITY_HEADERS } });
    }
    const denied = access.check(request, url, info);
    if (denied) return denied;
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
      const body = renderInbox({ page, summary, filters, surveyIds: options.surveyIds });
      return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS } });
    }
    return new Response('Not found\n', { status: 404 });
  };
}
