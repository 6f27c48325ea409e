/**
 * Sending one mail over SMTP. `smtpMailer(url)` checks the URL at once and loads nodemailer only
 * on the first send, so a receiver without replies never loads it. Every header made from text a
 * person typed goes through `header-text.ts`; a failure is a {@link MailError} whose message
 * says what to fix.
 */
import type { Transporter } from 'nodemailer';
import { ConfigError } from '../errors.js';
import { headerText, isMessageId, isSafeAddress } from './header-text.js';
import { MailError } from './mail-error.js';

/**
 * One plain-text mail. `messageId`, `inReplyTo` and `references` are full ids with angle brackets
 * (`<…@domain>`); {@link replyMessage} makes them.
 *
 * @example
 * ```ts
 * const message: MailMessage = { to: 'kim@example.kr', from: 'care@shop.example', subject: '주문 A-1001', text: '…', messageId: '<1b2c@shop.example>' };
 * ```
 */
export interface MailMessage {
  readonly to: string;
  /** The customer's name as they gave it; control characters are removed before it is sent. */
  readonly toName?: string;
  /** `care@shop.example` or `Shop care <care@shop.example>`. */
  readonly from: string;
  readonly replyTo?: string;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
}

/**
 * Sends mail. `send` resolves with the Message-ID once the server accepted the message, and
 * rejects with a {@link MailError} otherwise.
 *
 * @example
 * ```ts
 * const mailer: Mailer = smtpMailer('smtp://user:pass@smtp.example:587');
 * await mailer.send(message, { signal: AbortSignal.timeout(30_000) });
 * await mailer.close();
 * ```
 */
export interface Mailer {
  send(message: MailMessage, options?: { signal?: AbortSignal }): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

const FLAGS = ['requireTLS', 'ignoreTLS', 'tls.rejectUnauthorized'] as const;

function smtpOptions(url: string, timeoutMs: number) {
  const hint = 'use smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS); percent-encode "@" or ":" in the password';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new ConfigError(`smtp must be an SMTP URL — ${hint}; got ${JSON.stringify(redact(url))}`, { cause: error });
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new ConfigError(`smtp must start with smtp:// or smtps:// — ${hint}; got ${JSON.stringify(redact(url))}`);
  }
  if (parsed.hostname === '') throw new ConfigError(`smtp has no host — ${hint}`);
  const secure = parsed.protocol === 'smtps:';
  const flags: Record<string, boolean> = {};
  for (const [key, value] of parsed.searchParams) {
    if (!(FLAGS as readonly string[]).includes(key) || (value !== 'true' && value !== 'false')) {
      throw new ConfigError(`smtp: unknown option ${JSON.stringify(`${key}=${value}`)}; the URL takes ${FLAGS.map((f) => `${f}=true|false`).join(', ')}`);
    }
    flags[key] = value === 'true';
  }
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(parsed.username);
    pass = decodeURIComponent(parsed.password);
  } catch (error) {
    throw new ConfigError(`smtp: the user name or password is not validly percent-encoded — ${hint}`, { cause: error });
  }
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? (secure ? 465 : 587) : Number(parsed.port),
    secure,
    ...(user === '' ? {} : { auth: { user, pass } }),
    ...(flags.requireTLS === undefined ? {} : { requireTLS: flags.requireTLS }),
    ...(flags.ignoreTLS === undefined ? {} : { ignoreTLS: flags.ignoreTLS }),
    ...(flags['tls.rejectUnauthorized'] === undefined ? {} : { tls: { rejectUnauthorized: flags['tls.rejectUnauthorized'] } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** `Name <address>` or `address`, checked: the address part must be one safe address. */
function parseFrom(from: string): { name: string; address: string } | null {
  const match = /^\s*(?:(.*?)\s*<([^<>]*)>|([^<>\s]+))\s*$/s.exec(from);
  if (!match) return null;
  const address = match[2] ?? match[3] ?? '';
  if (!isSafeAddress(address)) return null;
  return { name: headerText((match[1] ?? '').replace(/^"(.*)"$/s, '$1')), address };
}

function invalid(what: string): MailError {
  return new MailError(`${what}; nothing was sent`, { reason: 'invalid' });
}

/** Refuses what could not be sent safely, and makes nodemailer's message from the rest. */
function mailOptions(message: MailMessage) {
  if (!isSafeAddress(message.to)) throw invalid(`the recipient ${JSON.stringify(message.to)} is not one plain email address`);
  const from = parseFrom(message.from);
  if (!from) throw invalid(`from ${JSON.stringify(message.from)} must be "name@example.com" or "Name <name@example.com>"`);
  if (message.replyTo !== undefined && !isSafeAddress(message.replyTo)) {
    throw invalid(`replyTo ${JSON.stringify(message.replyTo)} is not one plain email address`);
  }
  for (const id of [message.messageId, ...(message.inReplyTo === undefined ? [] : [message.inReplyTo]), ...(message.references ?? [])]) {
    if (!isMessageId(id)) throw invalid(`${JSON.stringify(id)} is not a Message-ID such as "<id@shop.example>"`);
  }
  const toName = message.toName === undefined ? '' : headerText(message.toName);
  return {
    from: from.name === '' ? from.address : { name: from.name, address: from.address },
    to: toName === '' ? message.to : { name: toName, address: message.to },
    ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
    subject: headerText(message.subject),
    text: message.text,
    messageId: message.messageId,
    ...(message.inReplyTo === undefined ? {} : { inReplyTo: message.inReplyTo }),
    ...(message.references === undefined || message.references.length === 0 ? {} : { references: [...message.references] }),
    // The envelope is exactly these two addresses: nothing in a header can add a recipient.
    envelope: { from: from.address, to: [message.to] },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** nodemailer's error as a {@link MailError} that says what to do. */
function mailError(error: unknown, where: string): MailError {
  const e = error as { code?: string; responseCode?: number; message?: string } | undefined;
  const code = e?.code;
  const smtpCode = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const detail = e?.message ?? String(error);
  const options = { cause: error, ...(smtpCode === undefined ? {} : { smtpCode }) };
  if (code === 'EAUTH') {
    return new MailError(`the SMTP server ${where} refused the user name or password (${detail}); check the credentials in the smtp URL`, { reason: 'auth', ...options });
  }
  if (code === 'ETIMEDOUT') {
    return new MailError(`the SMTP server ${where} did not answer in time (${detail}); check that it is up and the port is right`, { reason: 'timeout', ...options });
  }
  if (code === 'ETLS') {
    return new MailError(`TLS with the SMTP server ${where} failed (${detail}); use smtps:// for port 465 and smtp:// for 587, or add ?tls.rejectUnauthorized=false only for a test server`, { reason: 'tls', ...options });
  }
  if (code === 'EENVELOPE' || (smtpCode !== undefined && smtpCode >= 500 && code === 'EMESSAGE')) {
    return new MailError(`the SMTP server ${where} refused the sender or recipient (${detail}); check the from address is one the server may send as`, { reason: 'rejected', ...options });
  }
  if (code === 'ECONNECTION' || code === 'ESOCKET' || code === 'EDNS') {
    return new MailError(`could not connect to the SMTP server ${where} (${detail}); check the host and port in the smtp URL and that the server is running`, { reason: 'connection', ...options });
  }
  return new MailError(`the SMTP server ${where} did not accept the message (${detail})`, { reason: 'protocol', ...options });
}

/**
 * A {@link Mailer} over SMTP with nodemailer. `smtp://` upgrades with STARTTLS when the server
 * offers it (add `?requireTLS=true` to insist), `smtps://` is TLS from the start; a self-signed
 * test server needs `?tls.rejectUnauthorized=false`. `timeoutMs` (default 30 s) bounds the
 * connection, the greeting and each socket wait, and the whole send.
 *
 * @example
 * ```ts
 * import { smtpMailer } from '@earful/server';
 * const mailer = smtpMailer('smtps://care%40shop.example:app-password@smtp.example:465');
 * ```
 */
export function smtpMailer(url: string, options: { timeoutMs?: number } = {}): Mailer {
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new ConfigError(`smtpMailer: timeoutMs must be a positive number of ms, got ${String(options.timeoutMs)}`);
  const transportOptions = smtpOptions(url, timeoutMs);
  const where = `${transportOptions.host}:${transportOptions.port}`;
  let transport: Promise<Transporter> | undefined;
  let closed = false;

  function load(): Promise<Transporter> {
    transport ??= import('nodemailer').then((nodemailer) => nodemailer.createTransport(transportOptions));
    return transport;
  }

  return {
    async send(message, sendOptions = {}) {
      if (closed) throw new MailError('this mailer is closed; make a new one with smtpMailer()', { reason: 'aborted' });
      const mail = mailOptions(message);
      const signal = sendOptions.signal;
      if (signal?.aborted) throw new MailError('the mail was not sent: it was aborted before it started', { reason: 'aborted', cause: signal.reason });
      const transporter = await load();
      // nodemailer takes no AbortSignal: the race gives the caller its answer on time, and the
      // socket time-outs above close the connection soon after.
      let timer: ReturnType<typeof setTimeout> | undefined;
      let onAbort: (() => void) | undefined;
      const stop = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new MailError(`the SMTP server ${where} did not take the message within ${timeoutMs} ms; check that it is up, or raise timeoutMs`, { reason: 'timeout' })), timeoutMs);
        onAbort = () => reject(new MailError('the mail was aborted before the SMTP server accepted it; it may or may not arrive', { reason: 'aborted', cause: signal?.reason }));
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      stop.catch(() => undefined);
      try {
        await Promise.race([transporter.sendMail(mail).catch((error: unknown) => Promise.reject(mailError(error, where))), stop]);
        return { messageId: message.messageId };
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
    },
    async close() {
      closed = true;
      if (transport) (await transport.catch(() => undefined))?.close();
    },
  };
}
