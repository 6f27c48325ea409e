/**
 * The app's places, kept in the URL fragment so `/inbox/` stays one static page and every view
 * is a link someone can share: `#/cases?status=new&q=배송` (the queue and its filters),
 * `#/cases/<id>` (a case), `#/dashboard`. One-time links arrive as `#setup=<token>` and
 * `#login=<token>`; {@link takeToken} reads them so the app can drop them from the URL at once.
 */
import { FILTER_KEYS, type CaseFilters } from '../api/inbox-api.js';

/** Where the app is. */
export type Route =
  | { name: 'queue'; filters: CaseFilters }
  | { name: 'case'; id: string }
  | { name: 'dashboard' };

const CASE_ID = /^[0-9a-fA-F-]{36}$/;

/**
 * The route of a URL fragment (with or without `#`); anything unknown is the unfiltered queue.
 *
 * @example
 * ```ts
 * parseRoute('#/cases?status=new'); // { name: 'queue', filters: { status: 'new' } }
 * ```
 */
export function parseRoute(hash: string): Route {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', search = ''] = fragment.split('?', 2);
  if (path === '/dashboard') return { name: 'dashboard' };
  const caseMatch = /^\/cases\/([^/?]+)$/.exec(path);
  if (caseMatch) {
    const id = decodeURIComponent(caseMatch[1]!);
    if (CASE_ID.test(id)) return { name: 'case', id };
  }
  const params = new URLSearchParams(search);
  const filters: CaseFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') filters[key] = value;
  }
  return { name: 'queue', filters };
}

/**
 * The fragment of a route, filters in one fixed order so equal filters make equal URLs.
 *
 * @example
 * ```ts
 * routeHash({ name: 'case', id }); // '#/cases/<id>'
 * ```
 */
export function routeHash(route: Route): string {
  if (route.name === 'dashboard') return '#/dashboard';
  if (route.name === 'case') return `#/cases/${encodeURIComponent(route.id)}`;
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = route.filters[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return search === '' ? '#/cases' : `#/cases?${search}`;
}

/** A one-time token of the fragment: the first-run setup link or a sign-in link. */
export type LinkToken = { kind: 'setup' | 'login'; token: string };

/**
 * The one-time token in a fragment such as `#setup=<token>`, or `null`.
 *
 * @example
 * ```ts
 * takeToken('#login=abc'); // { kind: 'login', token: 'abc' }
 * ```
 */
export function takeToken(hash: string): LinkToken | null {
  const match = /^#(setup|login)=([A-Za-z0-9_.~-]{1,512})$/.exec(hash);
  return match ? { kind: match[1] as LinkToken['kind'], token: match[2]! } : null;
}
