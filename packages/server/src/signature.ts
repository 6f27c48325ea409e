/**
 * HMAC-SHA256 signatures over `${timestamp}.${body}`: the webhook alerts sign with it, and the
 * handler's optional `auth: { type: 'signature' }` check verifies server-to-server requests
 * with it. The timestamp inside the signed text stops replays of old bodies.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `Earful-Signature` header value for `body`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 *
 * @example
 * ```ts
 * const header = signPayload('s3cret', JSON.stringify(response));
 * await fetch(url, { method: 'POST', headers: { 'Earful-Signature': header }, body: JSON.stringify(response) });
 * ```
 */
export function signPayload(secret: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/**
 * True when `header` (an `Earful-Signature` value) signs `body` with `secret` and its timestamp
 * is within `toleranceSeconds` (default 300) of now. Use it in the receiver of a webhook alert.
 *
 * @example
 * ```ts
 * const body = await request.text();
 * if (!verifySignature(process.env.EARFUL_WEBHOOK_SECRET ?? '', body, request.headers.get('earful-signature'))) return new Response(null, { status: 401 });
 * ```
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): boolean {
  if (!header || !secret) return false;
  let t: number | undefined;
  const macs: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) macs.push(value);
  }
  if (t === undefined || macs.length === 0) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  return macs.some((mac) => timingSafeEqual(Buffer.from(mac), expected));
}
