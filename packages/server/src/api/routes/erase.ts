/**
 * `DELETE /api/responses/:id`: erases one response (GDPR) — its answers, notes and reply texts —
 * and answers with the tombstone. Erasing an erased id again answers the same tombstone, so a
 * retried request is harmless. Read-only keys never get here (the router refuses them).
 */
import type { Tombstone } from '@earful/schema';
import { jsonResponse, type ApiContext } from '../api-context.js';
import { caseIdOf, goneOrMissing } from './case-answer.js';

/** Erases the response `:id`; 200 with its tombstone, 404 when there is no such response. */
export async function eraseResponse(context: ApiContext): Promise<Response> {
  const id = caseIdOf(context);
  const { store, now } = context.deps;
  const [written] = await store.erase({ responseId: id }, { actor: context.principal.actor, at: new Date(now()).toISOString() });
  const tombstone: Tombstone | undefined = written ?? (await store.tombstone(id));
  if (!tombstone) throw await goneOrMissing(context, id);
  return jsonResponse(200, tombstone);
}
