/**
 * The error sending a mail fails with. `reason` says which step failed, and the message says
 * what to do about it (check the SMTP URL, the credentials, the server, the address).
 */
import { EarfulError, errorGuard } from '@earful/schema/lean';

/**
 * Why one mail was not sent: the SMTP server could not be reached (`'connection'`), refused the
 * credentials (`'auth'`), took too long (`'timeout'`) or was aborted (`'aborted'`), refused the
 * sender or a recipient (`'rejected'`), failed TLS (`'tls'`), or the message itself was unsafe
 * to send (`'invalid'`: an address or id with control characters). `cause` keeps nodemailer's
 * error; `smtpCode` the server's reply code when there was one.
 *
 * @example
 * ```ts
 * try { await mailer.send(message); }
 * catch (error) { if (isMailError(error) && error.reason === 'auth') console.error(error.message); }
 * ```
 */
export class MailError extends EarfulError {
  declare readonly code: 'mail';
  readonly reason: 'connection' | 'auth' | 'timeout' | 'aborted' | 'rejected' | 'tls' | 'invalid' | 'protocol';
  /** The SMTP reply code (e.g. `535`, `550`) when the server answered one. */
  readonly smtpCode: number | undefined;
  constructor(message: string, options: { reason: MailError['reason']; smtpCode?: number; cause?: unknown }) {
    super(message, { code: 'mail', cause: options.cause });
    this.name = 'MailError';
    this.reason = options.reason;
    this.smtpCode = options.smtpCode;
  }
}

/**
 * True for a {@link MailError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isMailError(error)) console.warn(`mail not sent (${error.reason}): ${error.message}`);
 * ```
 */
export const isMailError = /* @__PURE__ */ errorGuard(MailError, 'MailError');
