/**
 * The error classes every Earful package throws. They live here, in the contract package,
 * because both the SDK and the server throw `ValidationError`s made from schema issues.
 */
import type { core } from 'zod/mini';

/** One bad field, in plain words: `answers[0].value` and what to do about it. */
export interface FieldProblem {
  /** Where the problem is, as a JS-like path (`answers[2].email`); `""` for the whole value. */
  readonly path: string;
  /** What is wrong and what is expected, in plain words. */
  readonly message: string;
}

/**
 * Base class of every error Earful throws. `code` is a stable, literal string you can switch on;
 * the original error, if any, is kept as `cause`.
 *
 * @example
 * ```ts
 * try { await client.submit(input); }
 * catch (error) { if (isEarfulError(error)) console.warn(error.code, error.message); }
 * ```
 */
export class EarfulError extends Error {
  /** A stable identifier of the kind of error, such as `'validation'` or `'config'`. */
  readonly code: string;

  constructor(message: string, options: { code: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EarfulError';
    this.code = options.code;
  }
}

/**
 * Thrown when a response or survey does not match the schema. `message` lists every bad field;
 * `fields` has them as data; `issues` keeps zod's raw issues.
 *
 * @example
 * ```ts
 * const result = safeParseResponse(body);
 * if (!result.success) return Response.json({ error: 'validation', issues: result.error.fields }, { status: 400 });
 * ```
 */
export class ValidationError extends EarfulError {
  declare readonly code: 'validation';
  /** Every bad field, in plain words. */
  readonly fields: readonly FieldProblem[];
  /** zod's own issues, for callers that want the raw detail. */
  readonly issues: readonly core.$ZodIssue[];

  constructor(
    what: string,
    fields: readonly FieldProblem[],
    issues: readonly core.$ZodIssue[] = [],
    options: { cause?: unknown } = {},
  ) {
    const list = fields.map((f) => `  - ${f.path || '(root)'}: ${f.message}`).join('\n');
    super(`${what} is not valid:\n${list}`, { code: 'validation', cause: options.cause });
    this.name = 'ValidationError';
    this.fields = fields;
    this.issues = issues;
  }
}

/**
 * Bad options given to a constructor such as `createClient`, `createHandler` or `startServer`:
 * a programming error, thrown at once with a message that shows the bad value.
 *
 * @example
 * ```ts
 * try { createClient({ endpoint: '/feedback' }); } catch (e) { if (isConfigError(e)) console.error(e.message); }
 * ```
 */
export class ConfigError extends EarfulError {
  declare readonly code: 'config';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'config', cause: options.cause });
    this.name = 'ConfigError';
  }
}

/**
 * True for any error thrown by an Earful package, even across copies of the package
 * (it also matches by `name` and `code`).
 *
 * @example
 * ```ts
 * if (isEarfulError(error)) report(error.code);
 * ```
 */
export function isEarfulError(value: unknown): value is EarfulError {
  if (value instanceof EarfulError) return true;
  return value instanceof Error && typeof (value as { code?: unknown }).code === 'string' && /Error$/.test(value.name);
}

/**
 * Makes the `isXxxError()` guard of an error class, the one way every Earful package writes
 * them: `instanceof`, or — for an error from another copy of the package, where `instanceof`
 * fails — an Earful error (a string `code`) whose `name` is one of `names`. A subclass thrown by
 * another package is listed by name, so its parent's guard still knows it across copies. The
 * string `code` keeps out look-alikes such as the `DOMException` named `TimeoutError`.
 *
 * @example
 * ```ts
 * export const isStoreError = errorGuard(StoreError, 'StoreError');
 * ```
 */
export function errorGuard<T extends EarfulError>(
  Class: abstract new (...args: never[]) => T,
  ...names: [string, ...string[]]
): (value: unknown) => value is T {
  return (value: unknown): value is T => value instanceof Class || (isEarfulError(value) && names.includes(value.name));
}

/**
 * True for a {@link ValidationError}, also when it comes from another copy of the package.
 *
 * @example
 * ```ts
 * if (isValidationError(error)) console.table(error.fields);
 * ```
 */
export const isValidationError = /* @__PURE__ */ errorGuard(ValidationError, 'ValidationError');

/**
 * True for a {@link ConfigError}, also when it comes from another copy of the package, and for
 * the widget's `WidgetConfigError` (a `ConfigError` for a widget option or attribute).
 *
 * @example
 * ```ts
 * if (isConfigError(error)) console.error(error.message);
 * ```
 */
export const isConfigError = /* @__PURE__ */ errorGuard(ConfigError, 'ConfigError', 'WidgetConfigError');
