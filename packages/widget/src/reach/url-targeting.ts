/**
 * Include/exclude evaluation of a survey's URL rules. No `include` means every page; any matching
 * `exclude` wins over includes. A rule that cannot be compiled makes the whole targeting fail
 * closed (the survey is not shown anywhere) — showing a survey on a page its owner tried to
 * exclude is worse than not showing it — and the error is kept so it can be reported.
 */
import type { Targeting, UrlRule } from '@earful/schema';
import { UrlRuleError } from './reach-error.js';
import { compileUrlRule, type UrlMatcher } from './url-rule.js';

/** Why a URL is, or is not, targeted. */
export type UrlDecision =
  | { targeted: true; reason: 'included' | 'no-include-rules' }
  | { targeted: false; reason: 'not-included' | 'excluded' | 'invalid-rule'; rule?: UrlRule };

/** Compiled include/exclude rules. */
export interface UrlTargeting {
  /** Decides one URL. */
  decide(url: URL): UrlDecision;
  /** Rules that could not be compiled; when not empty every URL is refused. */
  readonly errors: readonly UrlRuleError[];
}

function compileAll(rules: readonly UrlRule[] | undefined, errors: UrlRuleError[]): Array<[UrlRule, UrlMatcher]> {
  const compiled: Array<[UrlRule, UrlMatcher]> = [];
  for (const rule of rules ?? []) {
    try {
      compiled.push([rule, compileUrlRule(rule)]);
    } catch (error) {
      errors.push(error instanceof UrlRuleError ? error : new UrlRuleError(String(error), rule.value, { cause: error }));
    }
  }
  return compiled;
}

/**
 * Compiles a survey's `targeting.include` / `targeting.exclude` once; `decide(url)` is then cheap.
 *
 * @example
 * ```ts
 * const targeting = compileUrlTargeting({ include: [{ match: 'prefix', value: '/shop' }], exclude: [{ match: 'exact', value: '/shop/admin' }] });
 * targeting.decide(new URL('https://x.example/shop/admin')); // { targeted: false, reason: 'excluded', rule: … }
 * ```
 */
export function compileUrlTargeting(targeting: Pick<Targeting, 'include' | 'exclude'> | undefined): UrlTargeting {
  const errors: UrlRuleError[] = [];
  const include = compileAll(targeting?.include, errors);
  const exclude = compileAll(targeting?.exclude, errors);
  return {
    errors,
    decide(url) {
      if (errors.length > 0) return { targeted: false, reason: 'invalid-rule' };
      const excluded = exclude.find(([, matches]) => matches(url));
      if (excluded) return { targeted: false, reason: 'excluded', rule: excluded[0] };
      if (include.length === 0) return { targeted: true, reason: 'no-include-rules' };
      return include.some(([, matches]) => matches(url)) ? { targeted: true, reason: 'included' } : { targeted: false, reason: 'not-included' };
    },
  };
}
