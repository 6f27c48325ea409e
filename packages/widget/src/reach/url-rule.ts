/**
 * One URL rule (`{ match, value }` from a survey's targeting) compiled into a matcher.
 *
 * What a rule is compared with — the "subject" — is built from the page URL:
 * - the path, percent-decoded (`/café`, not `/caf%C3%A9`); the rule value is decoded the same way;
 * - plus the query string, only when the value contains `?` (so `/checkout` matches
 *   `/checkout?step=2` for `exact`, `prefix` and `glob`);
 * - plus the `#hash`, only when the value contains `#` (hash-routed apps);
 * - prefixed by the origin, only when the value starts with `http://` or `https://`.
 * Nothing else is normalised: `/checkout/` and `/checkout` are different pages for `exact`.
 * A `regex` rule is tested (unanchored; write `^…$` yourself) against path + query, plus the
 * origin when its source contains `://` and the hash when it contains `#`, and must be in the safe
 * subset of `checkSafeRegex` (in @earful/schema, so `parseSurvey` refuses the same rules).
 */
import type { UrlRule } from '@earful/schema';
import { globMatch } from './glob-match.js';
import { UrlRuleError } from './reach-error.js';
import { MAX_REGEX_SUBJECT, checkSafeRegex } from '@earful/schema';

/** A compiled URL rule: true when the page URL matches. */
export type UrlMatcher = (url: URL) => boolean;

function safeDecode(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

interface SubjectParts {
  origin: boolean;
  query: boolean;
  hash: boolean;
}

function subjectOf(url: URL, parts: SubjectParts): string {
  return (
    (parts.origin ? url.origin : '') +
    safeDecode(url.pathname) +
    (parts.query ? safeDecode(url.search) : '') +
    (parts.hash ? safeDecode(url.hash) : '')
  );
}

/**
 * Compiles a rule, or throws a {@link UrlRuleError} that names the rule when it cannot be used
 * (a regex outside the safe subset, or one that does not compile).
 *
 * @example
 * ```ts
 * const onPricing = compileUrlRule({ match: 'prefix', value: '/pricing' });
 * onPricing(new URL('https://shop.example/pricing/teams')); // true
 * ```
 */
export function compileUrlRule(rule: UrlRule): UrlMatcher {
  const value = rule.value;
  if (rule.match === 'regex') {
    const problem = checkSafeRegex(value);
    if (problem !== null) {
      throw new UrlRuleError(`The regex URL rule ${JSON.stringify(value)} ${problem}; simplify it or use a glob rule.`, value);
    }
    let regex: RegExp;
    try {
      regex = new RegExp(value);
    } catch (cause) {
      throw new UrlRuleError(`The regex URL rule ${JSON.stringify(value)} does not compile: ${String(cause)}.`, value, { cause });
    }
    const parts = { origin: value.includes('://'), query: true, hash: value.includes('#') };
    return (url) => regex.test(subjectOf(url, parts).slice(0, MAX_REGEX_SUBJECT));
  }
  const parts = { origin: /^https?:\/\//i.test(value), query: value.includes('?'), hash: value.includes('#') };
  const expected = safeDecode(value);
  if (rule.match === 'exact') return (url) => subjectOf(url, parts) === expected;
  if (rule.match === 'prefix') return (url) => subjectOf(url, parts).startsWith(expected);
  return (url) => globMatch(expected, subjectOf(url, parts));
}
