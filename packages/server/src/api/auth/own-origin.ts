/**
 * Which origin the receiver is, and whether a cookie-authenticated write came from it. A browser
 * sends `Origin` on every cross-origin request and on same-origin POST/PATCH/PUT/DELETE, so a
 * state change whose `Origin` is missing or foreign, or that the browser marks
 * `Sec-Fetch-Site: cross-site`, was not made by the inbox and is refused (CSRF). API keys are
 * exempt: a browser never attaches them on its own.
 */

/** The scheme and host clients use: `publicUrl`'s origin, else the request's (`X-Forwarded-Proto` and `X-Forwarded-Host` only with `trustProxy`). */
export function ownOrigin(request: Request, url: URL, options: { publicUrl: string | undefined; trustProxy: boolean }): string {
  if (options.publicUrl !== undefined) return new URL(options.publicUrl).origin;
  if (options.trustProxy) {
    const proto = lastEntry(request.headers.get('x-forwarded-proto'));
    const host = lastEntry(request.headers.get('x-forwarded-host')) ?? request.headers.get('host') ?? url.host;
    if (proto === 'http' || proto === 'https') return `${proto}://${host}`.toLowerCase();
  }
  return `${url.protocol}//${request.headers.get('host') ?? url.host}`.toLowerCase();
}

/** True when the receiver is reached over HTTPS (the session cookie is then `Secure`). */
export function isHttps(origin: string): boolean {
  return origin.startsWith('https://');
}

function lastEntry(value: string | null): string | undefined {
  const last = value?.split(',').pop()?.trim();
  return last ? last.toLowerCase() : undefined;
}

/** Methods that change state. */
export function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/** Why a cookie-authenticated write is refused, or `undefined` when it came from `origin`. */
export function csrfProblem(request: Request, origin: string): string | undefined {
  if (request.headers.get('sec-fetch-site') === 'cross-site') return 'this request came from another site (Sec-Fetch-Site: cross-site)';
  const sent = request.headers.get('origin');
  if (sent === null) return `a signed-in change must carry an Origin header equal to ${origin}`;
  if (sent.toLowerCase() !== origin) return `Origin ${JSON.stringify(sent)} is not this receiver (${origin})`;
  return undefined;
}
