/**
 * The receiver's public base URL (the `publicUrl` option): checked once, kept without a trailing
 * slash, so every link made from it (follow-up pages, case links in alerts and mails) is
 * `${publicUrl}/…`.
 */
import { ConfigError } from '../errors.js';

/**
 * Returns `value` as a base URL without a trailing slash, or throws a `ConfigError` saying what
 * to write. `name` is the option's name in the message.
 */
export function checkPublicUrl(value: unknown, name = 'publicUrl'): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(
      `${name} must be the absolute http(s) URL where customers reach this receiver, without query or fragment, such as "https://feedback.shop.example", got ${JSON.stringify(value)}`,
    );
  }
  return url.href.replace(/\/+$/, '');
}
