/**
 * One way every case-changing route talks to the store: the `If-Match` version, the
 * `Idempotency-Key` (a repeat gets the same answer once the change is applied; the same key with
 * another body gets 422), and what each store outcome answers — so PATCH, notes, replies and
 * follow-ups agree on 409, 410, 412, 422 and 428.
 */
import type { Case, CasePatch, SurveyResponse } from '@earful/schema';
import { isCaseRuleError } from '../../errors.js';
import { digestOf } from '../../internal/digest.js';
import type { CaseChange, CaseEventInput } from '../../store.js';
import { ApiProblemError, type ApiContext } from '../api-context.js';
import { detailAnswer, goneOrMissing } from './case-answer.js';

/** The longest `Idempotency-Key` taken (a UUID is 36; room for a caller's own scheme). */
export const MAX_IDEMPOTENCY_KEY = 200;

/** Header set on an answer that repeats an earlier one (same `Idempotency-Key`). */
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * The version in `If-Match: "3"` (or `3`, or `W/"3"`). Missing → 428: a change without the
 * version it was based on could overwrite someone's work.
 */
export function ifMatchVersion(context: ApiContext): number {
  const header = context.request.headers.get('if-match');
  if (header === null) {
    throw new ApiProblemError(428, 'if_match_required', 'send If-Match with the case version you read (the ETag of GET /api/cases/:id, e.g. If-Match: "3")');
  }
  const match = /^\s*(?:W\/)?(?:"(\d{1,9})"|(\d{1,9}))\s*$/.exec(header);
  if (!match) throw new ApiProblemError(412, 'bad_if_match', 'If-Match must be the case version as its ETag gives it, e.g. If-Match: "3"');
  return Number(match[1] ?? match[2]);
}

/**
 * The request's `Idempotency-Key` with a digest of what it asks (route and body), or `undefined`.
 * Keys are 1–200 printable ASCII characters.
 */
export function idempotencyOf(context: ApiContext, route: string, body: unknown): CaseChange['idempotency'] {
  const key = context.request.headers.get('idempotency-key');
  if (key === null) return undefined;
  if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiProblemError(400, 'bad_idempotency_key', `Idempotency-Key must be 1–${MAX_IDEMPOTENCY_KEY} printable ASCII characters without spaces, such as a UUID`);
  }
  return { key, digest: digestOf({ route, body }) };
}

function keyReused(): ApiProblemError {
  return new ApiProblemError(422, 'idempotency_key_reused', 'this Idempotency-Key was used for another request; use a new key for each different change');
}

/** 409 `stale`, with the case as it is now, for a change based on an old version. */
export function staleProblem(current: Case): ApiProblemError {
  return new ApiProblemError(
    409,
    'stale',
    `the case changed since you read it (now version ${current.version}); read it again, re-apply your change and send If-Match: "${current.version}"`,
    { extra: { case: current } },
  );
}

/**
 * Whether a request with this key was already applied — asked before a side effect that cannot be
 * undone (a mail): the store checks the key before the version, and version 0 never matches, so
 * nothing is ever applied by asking.
 */
export async function alreadyApplied(context: ApiContext, id: string, idempotency: CaseChange['idempotency']): Promise<Case | undefined> {
  if (!idempotency) return undefined;
  const result = await context.deps.store.changeCase(id, {
    actor: context.principal.actor,
    at: new Date(context.deps.now()).toISOString(),
    expectedVersion: 0,
    idempotency,
  });
  if (result.kind === 'repeat') return result.case;
  if (result.kind === 'key-reused') throw keyReused();
  if (result.kind === 'missing') throw await goneOrMissing(context, id);
  return undefined;
}

/**
 * Applies a patch and/or an event. Resolves with the case after it and whether this was a repeat
 * of an applied request (same `Idempotency-Key`); throws the problem for every other outcome.
 */
export async function applyCaseChange(
  context: ApiContext,
  id: string,
  change: { patch?: CasePatch; event?: CaseEventInput; expectedVersion?: number; idempotency: CaseChange['idempotency'] },
): Promise<{ case: Case; replayed: boolean }> {
  let result;
  try {
    result = await context.deps.store.changeCase(id, {
      actor: context.principal.actor,
      at: new Date(context.deps.now()).toISOString(),
      ...(change.expectedVersion === undefined ? {} : { expectedVersion: change.expectedVersion }),
      ...(change.patch ? { patch: change.patch } : {}),
      ...(change.event ? { event: change.event } : {}),
      ...(change.idempotency ? { idempotency: change.idempotency } : {}),
    });
  } catch (error) {
    // The case rules refuse what a case in its state cannot do (a remedy without resolving, …).
    if (isCaseRuleError(error)) throw new ApiProblemError(400, 'invalid_change', error.message, { issues: [{ path: '', message: error.message }] });
    throw error;
  }
  switch (result.kind) {
    case 'applied':
      return { case: result.case, replayed: false };
    case 'repeat':
      return { case: result.case, replayed: true };
    case 'key-reused':
      throw keyReused();
    case 'conflict':
      throw staleProblem(result.case);
    case 'missing':
      throw await goneOrMissing(context, id);
  }
}

/** {@link applyCaseChange}, answered with the case detail: `status` when applied, the same status on a repeat. */
export async function changeAndAnswer(
  context: ApiContext,
  id: string,
  response: SurveyResponse,
  change: Parameters<typeof applyCaseChange>[2],
  status: number,
): Promise<Response> {
  const result = await applyCaseChange(context, id, change);
  return detailAnswer(context, result.case, response, status, result.replayed ? { [REPLAYED_HEADER]: 'true' } : {});
}
