/**
 * `safeParseWith`: any of the contract's schemas (an `/api` body, a query) parsed into the same
 * result and plain-words field problems as `safeParseResponse`, so every caller words a bad field
 * the same way.
 */
import type * as z from 'zod/mini';
import { ValidationError } from './errors.js';
import { formatIssues } from './internal/format-issues.js';
import type { SafeParseResult } from './parse.js';

/**
 * Validates `input` with `schema` without throwing; `what` names the value in the error message.
 *
 * @example
 * ```ts
 * const result = safeParseWith(casePatchSchema, body, 'case patch');
 * if (!result.success) console.log(result.error.fields); // [{ path: 'status', message: 'must be "new" or …' }]
 * ```
 */
export function safeParseWith<T>(schema: z.ZodMiniType<T>, input: unknown, what: string): SafeParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  const issues = result.error.issues;
  return { success: false, error: new ValidationError(what, formatIssues(issues, input), issues, { cause: result.error }) };
}
