/**
 * Matches a request's `Origin` against `allowedOrigins`: exact origins, `*` wildcards within a
 * host (`https://*.shop.example`), or RegExps. Compiled once, when the handler is made.
 */
import { ConfigError } from '../errors.js';

export type OriginRule = string | RegExp;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Returns a predicate; `'*'` alone (the default) allows every origin. */
export function originMatcher(rules: '*' | readonly OriginRule[]): (origin: string) => boolean {
  if (rules === '*') return () => true;
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const rule of rules) {
    if (rule instanceof RegExp) {
      patterns.push(rule);
      continue;
    }
    if (rule === '*') return () => true;
    if (!/^https?:\/\/[^/?#\s]+$/.test(rule)) {
      throw new ConfigError(`allowedOrigins entries must be origins such as "https://shop.example" (scheme and host, no path), got ${JSON.stringify(rule)}`);
    }
    if (rule.includes('*')) patterns.push(new RegExp(`^${rule.split('*').map(escape).join('[a-z0-9-]+(?:\\.[a-z0-9-]+)*')}$`, 'i'));
    else exact.add(rule.toLowerCase());
  }
  return (origin) => exact.has(origin.toLowerCase()) || patterns.some((p) => p.test(origin));
}
