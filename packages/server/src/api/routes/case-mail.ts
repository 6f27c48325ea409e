/**
 * What replies and follow-up mails share: the customer's consented address (409 `no_consent`
 * otherwise), a configured mailer (409 `no_smtp`), the earlier Message-IDs of the case for
 * threading, the Message-ID domain, and one send at a time per `Idempotency-Key`.
 */
import type { SurveyResponse } from '@earful/schema';
import { consentedContact as contactGiven } from '../../stores/shared/case-rules.js';
import type { Mailer } from '../../mail/mailer.js';
import { isMailDomain } from '../../mail/header-text.js';
import { isMailError } from '../../mail/mail-error.js';
import { replyMessage } from '../../mail/reply-message.js';
import { ApiProblemError, type ApiContext, type ApiDeps } from '../api-context.js';

/** The customer's consented email and the name they gave, or 409 `no_consent` saying why not. */
export function consentedContact(response: SurveyResponse): { email: string; name?: string } {
  const given = contactGiven(response);
  if (given?.email !== undefined) return { email: given.email, ...(given.name ? { name: given.name } : {}) };
  const contact = response.answers.find((a) => a.type === 'contact');
  const why = contact ? 'they left a phone number but no email address; call them or reply another way' : 'they left no contact details with consent, so nothing may be sent to them';
  throw new ApiProblemError(409, 'no_consent', `the customer did not consent to be contacted: ${why}`);
}

/** The mailer and sender address, or 409 `no_smtp` (replies may still be recorded with `sent: 'manually'`). */
export function mailSetup(deps: ApiDeps, manualHint: boolean): { mailer: Mailer; from: string } {
  const hint = manualHint ? '; or send it yourself and record it with "sent": "manually"' : '; or leave "send" out to get the link and pass it on yourself';
  if (!deps.mailer) throw new ApiProblemError(409, 'no_smtp', `this receiver cannot send mail: start it with --smtp smtp://user:password@host:587 and --from${hint}`);
  if (!deps.from) throw new ApiProblemError(409, 'no_smtp', `this receiver has SMTP but no sender address: start it with --from care@your.domain${hint}`);
  return { mailer: deps.mailer, from: deps.from };
}

/** The right side of new Message-IDs: the public URL's host, else the sender's domain, else the request's host. */
export function mailDomain(context: ApiContext, from: string): string {
  const candidates = [
    context.deps.publicUrl === undefined ? undefined : new URL(context.deps.publicUrl).hostname,
    /@([^@>\s]+)>?\s*$/.exec(from)?.[1],
    context.url.hostname,
  ];
  return candidates.find((c): c is string => c !== undefined && isMailDomain(c)) ?? 'earful.invalid';
}

/** The Message-IDs of the replies already sent on this case, oldest first. */
export async function previousMessageIds(context: ApiContext, id: string): Promise<string[]> {
  const timeline = await context.deps.store.timeline(id);
  return timeline.flatMap((event) => (event.type === 'reply_sent' && event.messageId !== null ? [event.messageId] : []));
}

const inFlight = new WeakMap<ApiDeps, Set<string>>();

/**
 * Runs `send` unless a request with the same case and `Idempotency-Key` is running in this process
 * (409 `in_progress`): a client that retries while its first request still waits on SMTP must not
 * make a second mail.
 */
export async function oneAtATime<T>(context: ApiContext, id: string, key: string | undefined, send: () => Promise<T>): Promise<T> {
  if (key === undefined) return send();
  let running = inFlight.get(context.deps);
  if (!running) inFlight.set(context.deps, (running = new Set()));
  const slot = `${id}\n${key}`;
  if (running.has(slot)) throw new ApiProblemError(409, 'in_progress', 'a request with this Idempotency-Key is still being sent; wait for its answer, then retry with the same key');
  running.add(slot);
  try {
    return await send();
  } finally {
    running.delete(slot);
  }
}

/**
 * Mails `subject`/`body` to the customer as part of the case's thread (Reply-To: the staff member
 * who sent it) and resolves with its Message-ID; a refused or failed send is 502 `mail_failed`.
 */
export async function mailCustomer(
  context: ApiContext,
  id: string,
  setup: { mailer: Mailer; from: string },
  contact: { email: string; name?: string },
  mail: { subject: string; body: string },
  fallback: string,
): Promise<string> {
  const message = replyMessage({
    caseId: id,
    to: contact.email,
    ...(contact.name ? { toName: contact.name } : {}),
    from: setup.from,
    ...(context.principal.email ? { replyTo: context.principal.email } : {}),
    subject: mail.subject,
    body: mail.body,
    previousMessageIds: await previousMessageIds(context, id),
    domain: mailDomain(context, setup.from),
  });
  try {
    return (await setup.mailer.send(message)).messageId;
  } catch (error) {
    if (!isMailError(error)) throw error;
    throw new ApiProblemError(502, 'mail_failed', `nothing was sent: ${error.message}; ${fallback}`);
  }
}
