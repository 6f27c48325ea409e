/**
 * `GET /api/cases`, `GET /api/cases/:id` and `PATCH /api/cases/:id`: the queue, one case with
 * its response and timeline, and a change to its status, assignee, tags, remedy or due date.
 */
import { casePatchSchema, type CaseListPage } from '@earful/schema';
import { isStoreError } from '../../errors.js';
import { jsonResponse, type ApiContext } from '../api-context.js';
import { caseIdOf, detailAnswer, readCase } from './case-answer.js';
import { changeAndAnswer, idempotencyOf, ifMatchVersion } from './case-change.js';
import { caseQueryFrom } from './case-query.js';
import { badQuery } from './query-params.js';

/** `GET /api/cases?status=new,acknowledged&sort=urgent&meta.orderId=A-1001…` → a page of cases. */
export async function listCases(context: ApiContext): Promise<Response> {
  const query = caseQueryFrom(context.url.searchParams, context.principal, context.deps.now());
  let page;
  try {
    page = await context.deps.store.listCases(query);
  } catch (error) {
    // The stores decode cursors and refuse one they did not make (edited, or from another query or
    // sort) with a StoreError naming the cursor: that is the caller's mistake, not an outage.
    if (query.cursor !== undefined && isStoreError(error) && error.message.startsWith('cursor ')) throw badQuery([{ path: 'cursor', message: error.message }]);
    throw error;
  }
  const body: CaseListPage = { items: page.items.map((item) => ({ case: item.case, response: item.record.response })), nextCursor: page.nextCursor };
  return jsonResponse(200, body);
}

/** `GET /api/cases/:id` → the case, its response and its timeline; `ETag` is the version. */
export async function getCase(context: ApiContext): Promise<Response> {
  const found = await readCase(context);
  return detailAnswer(context, found.case, found.record.response);
}

/** `PATCH /api/cases/:id` with `If-Match: "<version>"` and a `casePatchSchema` body. */
export async function patchCase(context: ApiContext): Promise<Response> {
  const id = caseIdOf(context);
  const expectedVersion = ifMatchVersion(context);
  const input = await context.body(casePatchSchema);
  // Staff emails are kept lower-cased (sign-in, `assignee=me`): an assignee is compared the same way.
  const patch = typeof input.assignee === 'string' ? { ...input, assignee: input.assignee.toLowerCase() } : input;
  const idempotency = idempotencyOf(context, 'PATCH /api/cases/:id', patch);
  const found = await readCase(context, id);
  return changeAndAnswer(context, id, found.record.response, { patch, expectedVersion, idempotency }, 200);
}
