/** `POST /api/cases/:id/notes`: an internal note on the timeline, never sent to the customer. */
import { noteInputSchema } from '@earful/schema';
import type { ApiContext } from '../api-context.js';
import { caseIdOf, readCase } from './case-answer.js';
import { changeAndAnswer, idempotencyOf } from './case-change.js';

/** Adds a note (`{ text }`); answers 201 with the case detail. A note never moves the version. */
export async function addNote(context: ApiContext): Promise<Response> {
  const id = caseIdOf(context);
  const input = await context.body(noteInputSchema);
  const idempotency = idempotencyOf(context, 'POST /api/cases/:id/notes', input);
  const found = await readCase(context, id);
  return changeAndAnswer(context, id, found.record.response, { event: { type: 'note_added', text: input.text }, idempotency }, 201);
}
