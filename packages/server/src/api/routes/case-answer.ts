/**
 * Reading the case a route is about, and answering with it: the id in the path (anything but a
 * UUID is simply not found), 404 for an unknown case, 410 with the tombstone for an erased one,
 * and the case detail with `ETag: "<version>"` — the value to send back in `If-Match`.
 */
import { caseSchema, type Case, type CaseDetail, type SurveyResponse } from '@earful/schema';
import type { CaseRecord } from '../../store.js';
import { ApiProblemError, jsonResponse, type ApiContext } from '../api-context.js';

/** `"3"` for version 3: a strong ETag, what `If-Match` compares with. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The `:id` of the path when it is a UUID (every case id is one); otherwise the case cannot exist. */
export function caseIdOf(context: ApiContext): string {
  const id = context.params.id ?? '';
  if (!caseSchema.def.shape.id.safeParse(id).success) throw notFound();
  return id;
}

function notFound(): ApiProblemError {
  return new ApiProblemError(404, 'not_found', 'no case has this id; ids are the response UUIDs listed by GET /api/cases');
}

/** The case and its response, or 404 / 410 (erased: the tombstone rides along as `tombstone`). */
export async function readCase(context: ApiContext, id: string = caseIdOf(context)): Promise<CaseRecord> {
  const { store, now } = context.deps;
  const found = await store.getCase(id, { now: now() });
  if (found) return found;
  throw await goneOrMissing(context, id);
}

/** 410 when the id was erased (with its tombstone), else 404. */
export async function goneOrMissing(context: ApiContext, id: string): Promise<ApiProblemError> {
  const tombstone = await context.deps.store.tombstone(id);
  if (!tombstone) return notFound();
  return new ApiProblemError(410, 'erased', `this case was erased at ${tombstone.erasedAt}; only its tombstone is kept`, { extra: { tombstone } });
}

/** The case detail (case, response, timeline) with its ETag. */
export async function detailAnswer(context: ApiContext, current: Case, response: SurveyResponse, status = 200, headers: Record<string, string> = {}): Promise<Response> {
  const timeline = await context.deps.store.timeline(current.id);
  const detail: CaseDetail = { case: current, response, timeline };
  return jsonResponse(status, detail, { etag: etagOf(current.version), ...headers });
}
