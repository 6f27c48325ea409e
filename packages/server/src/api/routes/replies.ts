/**
 * `POST /api/cases/:id/replies`: an email to the customer — only to a consented address, over
 * the configured SMTP, threaded with the case's earlier replies — or, with `sent: 'manually'`,
 * the record of one sent by hand. The subject and body come from the request or from a template
 * in the customer's language, filled with what the case knows.
 */
import { replyInputSchema, type Case, type ReplyInput, type SurveyResponse } from '@earful/schema';
import { renderReply, type TemplateVars } from '../../mail/templates.js';
import { ApiProblemError, type ApiContext } from '../api-context.js';
import { caseIdOf, detailAnswer, readCase } from './case-answer.js';
import { REPLAYED_HEADER, alreadyApplied, changeAndAnswer, idempotencyOf } from './case-change.js';
import { consentedContact, mailCustomer, mailSetup, oneAtATime } from './case-mail.js';

/** `dueAt` as a person reads a date in `locale` ("2026년 12월 4일", "4 December 2026"), in UTC. */
export function localDate(iso: string, locale: string): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
}

/** The template variables a case fills in: the customer's name, the order id, the agent, the due date. */
export function replyVars(current: Case, response: SurveyResponse, agent: string | null, name: string | undefined, locale: string): TemplateVars {
  const orderId = response.metadata?.orderId;
  return {
    ...(name ? { name } : {}),
    ...(orderId !== undefined && orderId !== '' ? { orderId: String(orderId) } : {}),
    ...(agent ? { agent } : {}),
    ...(current.dueAt ? { dueDate: localDate(current.dueAt, locale) } : {}),
  };
}

function compose(context: ApiContext, input: ReplyInput, vars: TemplateVars, locale: string): { subject: string; body: string } {
  if (input.subject !== undefined && input.body !== undefined) return { subject: input.subject, body: input.body };
  let rendered;
  try {
    rendered = renderReply({ ...(input.template ? { template: input.template } : {}), locale, vars, ...(context.deps.templates ? { templates: context.deps.templates } : {}) });
  } catch (error) {
    throw new ApiProblemError(400, 'unknown_template', `${error instanceof Error ? error.message : String(error)} (GET /api/templates lists them)`, {
      issues: [{ path: 'template', message: 'is not a template of this receiver' }],
    });
  }
  return { subject: input.subject ?? rendered.subject, body: input.body ?? rendered.body };
}

/** Sends (or records) a reply; answers 201 with the case detail, whose timeline ends with `reply_sent`. */
export async function sendReply(context: ApiContext): Promise<Response> {
  const id = caseIdOf(context);
  const input = await context.body(replyInputSchema);
  const idempotency = idempotencyOf(context, 'POST /api/cases/:id/replies', input);
  const found = await readCase(context, id);
  const response = found.record.response;
  const contact = consentedContact(response);
  const setup = input.sent === 'manually' ? undefined : mailSetup(context.deps, true);
  const done = await alreadyApplied(context, id, idempotency);
  if (done) return detailAnswer(context, done, response, 201, { [REPLAYED_HEADER]: 'true' });

  const locale = input.locale ?? response.locale;
  const { subject, body } = compose(context, input, replyVars(found.case, response, context.principal.email, contact.name, locale), locale);
  return oneAtATime(context, id, idempotency?.key, async () => {
    const messageId = setup ? await mailCustomer(context, id, setup, contact, { subject, body }, 'try again, or send it yourself and record it with "sent": "manually"') : null;
    return changeAndAnswer(context, id, response, { event: { type: 'reply_sent', to: contact.email, subject, body, messageId }, idempotency }, 201);
  });
}
