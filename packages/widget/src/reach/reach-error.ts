/**
 * The error the reach code throws for a targeting rule it refuses to run (an unsafe or invalid
 * regular expression). The controller never throws it at the host page: it treats such a rule as
 * "does not match" and reports the error through `onError`.
 */
import { EarfulError, errorGuard } from '@earful/schema/lean';

/**
 * A URL rule that cannot be used: an invalid pattern, or a regular expression outside the safe
 * subset (see `checkSafeRegex`). `rule` is the offending value.
 *
 * @example
 * ```ts
 * try { compileUrlRule({ match: 'regex', value: '(a+)+$' }); }
 * catch (error) { if (isUrlRuleError(error)) console.warn(error.message); }
 * ```
 */
export class UrlRuleError extends EarfulError {
  declare readonly code: 'url_rule';
  /** The rule's `value`, as given. */
  readonly rule: string;

  constructor(message: string, rule: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, code: 'url_rule' });
    this.name = 'UrlRuleError';
    this.rule = rule;
  }
}

/**
 * True for a {@link UrlRuleError}, also from another copy of the package (matches by `name`).
 *
 * @example
 * ```ts
 * if (isUrlRuleError(error)) console.warn(error.rule);
 * ```
 */
export const isUrlRuleError = /* @__PURE__ */ errorGuard(UrlRuleError, 'UrlRuleError');
