/**
 * `POST /api/cases/:id/follow-up`: a signed, expiring "did we put it right?" link for the case —
 * mailed to the customer (`send: true`: consent and SMTP needed) or returned to pass on by hand —
 * recorded on the timeline as `follow_up_sent`.
 */
import { followUpInputSchema, type FollowUpLink } from '@earful/schema';
import { followUpLink } from '../../follow-up/follow-up-link.js';
import { followUpEmail } from '../../mail/templates.js';
import { jsonResponse, type ApiContext } from '../api-context.js';
import { caseIdOf, readCase } from './case-answer.js';
import { REPLAYED_HEADER, alreadyApplied, applyCaseChange, idempotencyOf } from './case-change.js';
import { consentedContact, mailCustomer, mailSetup, oneAtATime } from './case-mail.js';

/** Makes (and with `send: true` mails) the follow-up link; answers 201 `{ url, expiresAt, sent }`. */
export async function followUp(context: ApiContext): Promise<Response> {
  const id = caseIdOf(context);
  const input = await context.body(followUpInputSchema);
  const idempotency = idempotencyOf(context, 'POST /api/cases/:id/follow-up', input);
  const found = await readCase(context, id);
  const response = found.record.response;
  const send = input.send === true;
  const contact = send ? consentedContact(response) : undefined;
  const setup = send ? mailSetup(context.deps, false) : undefined;
  const { store, followUpTtlMs: ttlMs } = context.deps;
  const publicUrl = context.deps.publicUrl ?? context.url.origin;

  const done = await alreadyApplied(context, id, idempotency);
  if (done?.followUp) {
    // The token is made from the case and its expiry, so the repeat gets the very link it got first.
    const link = await followUpLink({ store, caseId: id, publicUrl, ttlMs, now: Date.parse(done.followUp.expiresAt) - ttlMs });
    const answer: FollowUpLink = { url: link.url, expiresAt: link.expiresAt, sent: send };
    return jsonResponse(201, answer, { [REPLAYED_HEADER]: 'true' });
  }

  return oneAtATime(context, id, idempotency?.key, async () => {
    const link = await followUpLink({ store, caseId: id, publicUrl, ttlMs, now: context.deps.now() });
    if (setup && contact) {
      const mail = followUpEmail({ locale: response.locale, url: link.url, ...(contact.name ? { name: contact.name } : {}), ...(context.deps.templates ? { templates: context.deps.templates } : {}) });
      await mailCustomer(context, id, setup, contact, mail, 'leave "send" out to get the link and pass it on yourself');
    }
    const recorded = await applyCaseChange(context, id, { event: { type: 'follow_up_sent', via: send ? 'email' : 'link', expiresAt: link.expiresAt }, idempotency });
    const answer: FollowUpLink = { url: link.url, expiresAt: link.expiresAt, sent: send };
    return jsonResponse(201, answer, recorded.replayed ? { [REPLAYED_HEADER]: 'true' } : {});
  });
}
