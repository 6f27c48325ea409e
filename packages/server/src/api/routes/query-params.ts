/**
 * Reading an `/api` query string the same way on every route: known parameters only, each once,
 * dates that parse, and one 400 `invalid_query` that lists every problem — so a typo such as
 * `?stauts=new` is an error, never a silently wider answer.
 */
import type { FieldProblem } from '@earful/schema';
import { ApiProblemError } from '../api-context.js';

/** 400 `invalid_query` with the field problems as `issues`. */
export function badQuery(fields: readonly FieldProblem[]): ApiProblemError {
  return new ApiProblemError(400, 'invalid_query', `the query is not valid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, { issues: fields });
}

/**
 * The parameters named in `known`, as strings. `other(key, value)` may take the rest (it returns
 * `false` for a key it does not know). Problems are pushed to `fields`.
 */
export function queryParams(
  params: URLSearchParams,
  known: readonly string[],
  fields: FieldProblem[],
  other: (key: string, value: string) => boolean = () => false,
): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const [key, value] of params) {
    if (known.includes(key)) {
      if (Object.hasOwn(plain, key)) fields.push({ path: key, message: 'may be given once' });
      plain[key] = value;
    } else if (!other(key, value)) {
      fields.push({ path: key.slice(0, 64), message: `is not a parameter here; use ${known.join(', ')}` });
    }
  }
  return plain;
}

/** An ISO-8601 date parameter, or a problem pushed to `fields`. */
export function dateParam(value: string | undefined, field: string, fields: FieldProblem[]): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > 40 || !Number.isFinite(Date.parse(value))) {
    fields.push({ path: field, message: 'must be an ISO-8601 date such as 2026-11-01 or 2026-11-01T09:00:00Z' });
    return undefined;
  }
  return value;
}

/** A `survey` parameter: a survey id of 1–64 characters, or a problem pushed to `fields`. */
export function surveyParam(value: string | undefined, fields: FieldProblem[]): string | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value.length > 64) {
    fields.push({ path: 'survey', message: 'must be a survey id of 1–64 characters' });
    return undefined;
  }
  return value;
}
