/**
 * Who may read the inbox. Without a token: clients on this machine (loopback) only. With one,
 * from anywhere: the printed sign-in link (`/inbox?token=…`) trades the token for an HttpOnly,
 * SameSite=Strict cookie and redirects to the same page without it, so the token does not stay
 * in the address bar, the history, the page or a Referer; scripts may send
 * `Authorization: Bearer <token>` instead. Every comparison goes through `sameSecret`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret, type RequestInfo } from '@earful/server';

const COOKIE = 'earful_inbox';
/** A sign-in lasts this long; then the printed link signs in again. */
const SESSION_SECONDS = 12 * 60 * 60;

export const NOT_THIS_MACHINE =
  'The inbox shows customers\' contact details, so it is only served to this machine. To open it from another device, start the demo with --host 0.0.0.0 --token <secret> and open the inbox link it prints.\n';
export const NOT_SIGNED_IN =
  'Not signed in to the inbox: open the inbox link the demo printed (it signs this browser in), or send Authorization: Bearer <token>.\n';

function isLoopback(ip: string | undefined): boolean {
  return ip !== undefined && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));
}

function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });

export interface InboxAccess {
  /** `undefined` when the request may read the inbox; otherwise the response to send (403, or the sign-in redirect). */
  check(request: Request, url: URL, info?: RequestInfo): Response | undefined;
}

/**
 * The rule for `token` (none: loopback only). Sessions are signed with the token, not stored:
 * `<issued>.<nonce>.<HMAC(token, issued.nonce)>`, so they survive the demo's restarts and end
 * when the token changes.
 */
export function inboxAccess(token: string | undefined, now: () => number = Date.now): InboxAccess {
  if (!token) return { check: (_request, _url, info) => (isLoopback(info?.ip) ? undefined : text(403, NOT_THIS_MACHINE)) };
  const sign = (issued: string, nonce: string) => createHmac('sha256', token).update(`${issued}.${nonce}`).digest('hex');
  const validSession = (value: string | undefined) => {
    const [issued = '', nonce = '', mac = ''] = (value ?? '').split('.');
    const age = Math.floor(now() / 1000) - Number(issued);
    return /^\d+$/.test(issued) && age >= 0 && age <= SESSION_SECONDS && sameSecret(mac, sign(issued, nonce));
  };
  return {
    check(request, url) {
      const given = url.searchParams.get('token');
      if (given !== null) {
        if (!sameSecret(given, token)) return text(403, NOT_SIGNED_IN);
        const issued = String(Math.floor(now() / 1000));
        const nonce = randomBytes(16).toString('hex');
        const clean = new URL(url);
        clean.searchParams.delete('token');
        return new Response(null, {
          status: 303,
          headers: {
            location: `${clean.pathname}${clean.search}`,
            'set-cookie': `${COOKIE}=${issued}.${nonce}.${sign(issued, nonce)}; Path=/inbox; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}`,
            'cache-control': 'no-store',
            'referrer-policy': 'no-referrer',
          },
        });
      }
      if (sameSecret(request.headers.get('authorization') ?? '', `Bearer ${token}`)) return undefined;
      return validSession(cookieOf(request, COOKIE)) ? undefined : text(403, NOT_SIGNED_IN);
    },
  };
}
