/**
 * A staff reply to a customer as a {@link MailMessage}: a fresh Message-ID on the receiver's
 * domain, and the earlier replies of the case as `In-Reply-To`/`References`, so the customer's
 * mail program shows one thread per case.
 */
import { newResponseId } from '@earful/schema';
import { ConfigError } from '../errors.js';
import { isMailDomain, isMessageId } from './header-text.js';
import type { MailMessage } from './mailer.js';

/** References kept in one mail: the first and the latest ones, as RFC 5322 suggests trimming. */
const MAX_REFERENCES = 20;
/** A case id may go into the Message-ID only as these characters (case ids are UUIDs). */
const CASE_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The mail of one reply. `previousMessageIds` are the Message-IDs of the case's earlier replies,
 * oldest first (those that are not well-formed ids are left out); `domain` goes right of the
 * `@` of the new id (the host of the public URL, or of the from address).
 *
 * @example
 * ```ts
 * const message = replyMessage({ caseId, to: 'kim@example.kr', toName: '김민지', from: 'care@shop.example', subject, body, previousMessageIds: [], domain: 'shop.example' });
 * await mailer.send(message);
 * ```
 */
export function replyMessage(input: {
  caseId: string;
  to: string;
  toName?: string;
  from: string;
  replyTo?: string;
  subject: string;
  body: string;
  previousMessageIds: readonly string[];
  domain: string;
}): MailMessage {
  if (!isMailDomain(input.domain)) throw new ConfigError(`replyMessage: domain must be a host name such as "shop.example", got ${JSON.stringify(input.domain)}`);
  const previous = input.previousMessageIds.filter(isMessageId);
  const references = previous.length <= MAX_REFERENCES ? previous : [previous[0]!, ...previous.slice(-(MAX_REFERENCES - 1))];
  const last = previous.at(-1);
  return {
    to: input.to,
    ...(input.toName === undefined ? {} : { toName: input.toName }),
    from: input.from,
    ...(input.replyTo === undefined ? {} : { replyTo: input.replyTo }),
    subject: input.subject,
    text: input.body,
    // The case id in the left part lets a later inbound-mail step find the case of an answer.
    messageId: `<${CASE_ID.test(input.caseId) ? `${input.caseId}.` : ''}${newResponseId()}@${input.domain.toLowerCase()}>`,
    ...(last === undefined ? {} : { inReplyTo: last, references }),
  };
}
