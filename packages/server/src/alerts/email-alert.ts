/**
 * The email alert sink, for owners without Slack or a webhook: each alert becomes one plain-text
 * mail to the owner (what was rated, said and chosen, the consented contact, the order id and the
 * user, and the link to the case). Delivery is the handler's outbox like any sink: a failed or
 * slow send is retried with backoff.
 */
import { ConfigError } from '../errors.js';
import { checkPublicUrl } from '../follow-up/public-url.js';
import { isMessageId, isSafeAddress } from '../mail/header-text.js';
import { smtpMailer, type Mailer } from '../mail/mailer.js';
import type { Alert } from './alert.js';
import { alertHeadline, alertLines } from './alert-text.js';
import { caseUrl } from './case-url.js';

/**
 * Options of {@link emailAlert}: where to mail, and either a {@link Mailer} or an `smtp` URL.
 *
 * @example
 * ```ts
 * const options: EmailAlertOptions = { to: 'owner@shop.example', smtp: 'smtps://alerts%40shop.example:pw@smtp.example:465' };
 * ```
 */
export interface EmailAlertOptions {
  /** The owner's address (one plain address; add one sink per person for several). */
  readonly to: string;
  /** The sender, `alerts@shop.example` or `Earful <alerts@shop.example>`. Default: `to` (the owner mails themselves, which any SMTP account may). */
  readonly from?: string;
  /** A mailer to send with (shared with replies, or a test double). Give this or `smtp`. */
  readonly mailer?: Mailer;
  /** An SMTP URL (`smtp://…` or `smtps://…`); the sink makes its own mailer. Give this or `mailer`. */
  readonly smtp?: string;
  /** The receiver's public URL, for the case link when the handler does not add one. */
  readonly publicUrl?: string;
  /** Which responses trigger it. Default `'negative'`. */
  readonly when?: 'negative' | 'all';
  /** Sink name in the outbox; keep it stable across restarts. Default `email:<to>`. */
  readonly name?: string;
}

/**
 * An {@link Alert} that mails the owner. Each alert has a fixed Message-ID, so a retry after a
 * send that did arrive shows as the same mail, not a second one.
 *
 * @example
 * ```ts
 * import { createHandler, emailAlert, memoryStore } from '@earful/server';
 * const handler = createHandler({
 *   store: memoryStore(),
 *   publicUrl: 'https://feedback.shop.example',
 *   alerts: [emailAlert({ to: 'owner@shop.example', smtp: process.env.SMTP_URL! })],
 * });
 * ```
 */
export function emailAlert(options: EmailAlertOptions): Alert {
  if (typeof options?.to !== 'string' || !isSafeAddress(options.to)) {
    throw new ConfigError(`emailAlert: to must be one email address such as "owner@shop.example", got ${JSON.stringify(options?.to)}`);
  }
  if ((options.mailer === undefined) === (options.smtp === undefined)) {
    throw new ConfigError('emailAlert needs exactly one of mailer (a Mailer such as smtpMailer(url)) and smtp (an smtp:// or smtps:// URL)');
  }
  const from = options.from ?? options.to;
  const domain = /<?[^<>@\s]+@([^<>@\s]+?)>?\s*$/.exec(from)?.[1];
  if (domain === undefined || !isMessageId(`<x@${domain}>`)) {
    throw new ConfigError(`emailAlert: from must be "alerts@shop.example" or "Name <alerts@shop.example>", got ${JSON.stringify(from)}`);
  }
  const publicUrl = options.publicUrl === undefined ? undefined : checkPublicUrl(options.publicUrl, 'emailAlert: publicUrl');
  const mailer = options.mailer ?? smtpMailer(options.smtp!);
  const when = options.when ?? 'negative';
  if (when !== 'negative' && when !== 'all') throw new ConfigError(`emailAlert: when must be "negative" or "all", got ${JSON.stringify(when)}`);
  return {
    name: options.name ?? `email:${options.to}`,
    when,
    async deliver(payload, { signal }) {
      const link = payload.caseUrl ?? (publicUrl === undefined ? null : caseUrl(publicUrl, payload.id));
      const text = alertLines({ ...payload, caseUrl: link }, 'plain').join('\n');
      await mailer.send(
        {
          to: options.to,
          from,
          subject: alertHeadline(payload),
          text,
          messageId: `<earful-${payload.kind}.${payload.id}@${domain.toLowerCase()}>`,
        },
        { signal },
      );
    },
  };
}
