/**
 * The query string of `GET /api/cases` turned into a store {@link CaseQuery}: checked with the
 * contract's `caseQuerySchema`, plus the parts a schema of strings cannot say (`meta.<key>`,
 * `assignee=me`, dates, the status list). Anything wrong is one 400 with every field problem.
 */
import { CASE_STATUSES, caseQuerySchema, safeParseWith, type CaseStatus, type FieldProblem } from '@earful/schema';
import type { CaseQuery } from '../../store.js';
import type { Principal } from '../api-context.js';
import { badQuery, dateParam, queryParams } from './query-params.js';

/** At most this many `meta.<key>` filters, keys and values this long (the stored record's limits). */
const META_LIMITS = { keys: 10, keyLength: 64, valueLength: 500 } as const;
const STATUSES: ReadonlySet<string> = new Set(CASE_STATUSES);


/**
 * Reads `GET /api/cases?…`. `assignee=me` is the signed-in person's email (an API key has none),
 * `assignee=none` the unassigned cases; `status` is a comma list; `meta.orderId=A-1001` filters on
 * a metadata value. An unknown or repeated parameter is an error, so a typo never widens a query.
 */
export function caseQueryFrom(params: URLSearchParams, principal: Principal, now: number): CaseQuery {
  const metadata: Record<string, string> = {};
  const fields: FieldProblem[] = [];
  const plain = queryParams(params, Object.keys(caseQuerySchema.def.shape), fields, (key, value) => {
    if (!key.startsWith('meta.')) return false;
    const name = key.slice('meta.'.length);
    if (name === '' || name.length > META_LIMITS.keyLength || value.length > META_LIMITS.valueLength) {
      fields.push({ path: key.slice(0, 64), message: `metadata filters are meta.<key>=<value> with a key of 1–${META_LIMITS.keyLength} and a value of at most ${META_LIMITS.valueLength} characters` });
    } else if (Object.hasOwn(metadata, name)) fields.push({ path: key, message: 'may be given once' });
    else if (Object.keys(metadata).length >= META_LIMITS.keys) fields.push({ path: key, message: `at most ${META_LIMITS.keys} metadata filters` });
    // defineProperty: a key such as "__proto__" is stored as data, never as the prototype.
    else Object.defineProperty(metadata, name, { value, enumerable: true, writable: true, configurable: true });
    return true;
  });
  const parsed = safeParseWith(caseQuerySchema, plain, 'case query');
  if (!parsed.success) fields.push(...parsed.error.fields);
  if (fields.length > 0 || !parsed.success) throw badQuery(fields);
  const input = parsed.data;

  let status: CaseStatus[] | undefined;
  if (input.status !== undefined) {
    const list = input.status.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const wrong = list.filter((s) => !STATUSES.has(s));
    if (list.length === 0 || wrong.length > 0) fields.push({ path: 'status', message: `must be a comma list of ${CASE_STATUSES.join(', ')}` });
    else status = [...new Set(list)] as CaseStatus[];
  }
  let assignee: string | null | undefined;
  if (input.assignee === 'none') assignee = null;
  else if (input.assignee === 'me') {
    if (principal.email === null) fields.push({ path: 'assignee', message: '"me" needs a signed-in person; an API key has no email — give the email instead' });
    else assignee = principal.email;
  } else if (input.assignee !== undefined) assignee = input.assignee.toLowerCase();
  const limit = input.limit === undefined ? undefined : Number(input.limit);
  if (limit !== undefined && (limit < 1 || limit > 1000)) fields.push({ path: 'limit', message: 'must be from 1 to 1000' });
  const since = dateParam(input.since, 'since', fields);
  const until = dateParam(input.until, 'until', fields);
  const q = input.q?.trim();
  if (fields.length > 0) throw badQuery(fields);

  return {
    ...(status ? { status } : {}),
    ...(input.sentiment ? { sentiment: input.sentiment } : {}),
    ...(input.survey !== undefined ? { surveyId: input.survey } : {}),
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
    ...(assignee !== undefined ? { assignee } : {}),
    ...(input.tag !== undefined ? { tag: input.tag } : {}),
    ...(input.overdue !== undefined ? { overdue: input.overdue === 'true' } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(q ? { q } : {}),
    ...(input.sort ? { sort: input.sort } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
    now,
  };
}
