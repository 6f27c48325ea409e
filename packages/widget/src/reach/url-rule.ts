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

/** The subject a rule with this `value` is compared with (see the rules at the top of this file). */
function subjectReader(value: string, isRegex: boolean): (url: URL) => string {
  const origin = isRegex ? value.includes('://') : /^https?:\/\//i.test(value);
  const query = isRegex || value.includes('?');
  const hash = value.includes('#');
  return (url) => (origin ? url.origin : '') + safeDecode(url.pathname) + (query ? safeDecode(url.search) : '') + (hash ? safeDecode(url.hash) : '');
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
  const subject = subjectReader(value, rule.match === 'regex');
  if (rule.match === 'regex') {
    const named = `The regex URL rule ${JSON.stringify(value)}`;
    const problem = checkSafeRegex(value);
    if (problem !== null) throw new UrlRuleError(`${named} ${problem}; simplify it or use a glob rule.`, value);
    let regex: RegExp;
    try {
      regex = new RegExp(value);
    } catch (cause) {
      throw new UrlRuleError(`${named} does not compile: ${String(cause)}.`, value, { cause });
    }
    return (url) => regex.test(subject(url).slice(0, MAX_REGEX_SUBJECT));
  }
  const expected = safeDecode(value);
  if (rule.match === 'exact') return (url) => subject(url) === expected;
  if (rule.match === 'prefix') return (url) => subject(url).startsWith(expected);
  return (url) => globMatch(expected, subject(url));
}
