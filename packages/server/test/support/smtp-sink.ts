/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps every message it
 * accepted, raw, and decodes it the way a mail program would: unfolded headers, RFC 2047 words,
 * quoted-printable or base64 bodies. Port 0 on 127.0.0.1; `secure` serves TLS from the start with
 * smtp-server's built-in self-signed certificate; `refuse` lists recipients it answers 550 for.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The message exactly as the server received it. */
  readonly raw: string;
  /** MAIL FROM and RCPT TO: who the server was asked to deliver to. */
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  /** Every header (names lower-cased), unfolded, in order; values decoded. */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  /** The first value of a header, decoded. */
  header(name: string): string | undefined;
  /** The decoded text body. */
  readonly text: string;
}

export interface SmtpSink {
  /** `smtp://user:pass@127.0.0.1:port` (or `smtps://…?tls.rejectUnauthorized=false`). */
  readonly url: string;
  readonly port: number;
  readonly messages: ReceivedMail[];
  /** Resolves with the next message (or one already received and not yet taken), within 10 s. */
  next(): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`), with the space between two words dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
      return new TextDecoder(charset).decode(bytes);
    });
}

function decodeBody(body: string, encoding: string | undefined): string {
  const kind = (encoding ?? '7bit').toLowerCase();
  if (kind === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (kind === 'quoted-printable') {
    const bytes = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return bytes.toString('utf8');
  }
  return body;
}

/** Splits a raw message into decoded headers and text. */
export function parseMail(raw: string, envelope: ReceivedMail['envelope']): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const headers: { name: string; value: string }[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1]!;
      last.value += line;
    } else {
      const colon = line.indexOf(':');
      headers.push({ name: line.slice(0, colon).toLowerCase(), value: line.slice(colon + 1).trim() });
    }
  }
  for (const h of headers) h.value = decodeWords(h.value.trim());
  const header = (name: string) => headers.find((h) => h.name === name.toLowerCase())?.value;
  return { raw, envelope, headers, header, text: decodeBody(body, header('content-transfer-encoding')).replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

export async function startSmtpSink(options: { auth?: { user: string; pass: string }; secure?: boolean; refuse?: readonly string[] } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: options.secure ?? false,
    // No STARTTLS on the plain port (no certificate to trust); no AUTH unless asked for.
    disabledCommands: [...(options.secure ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    authOptional: options.auth === undefined,
    allowInsecureAuth: true,
    logger: false,
    size: 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      else callback();
    },
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), envelope));
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  const auth = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
  const url = options.secure ? `smtps://${auth}127.0.0.1:${port}?tls.rejectUnauthorized=false` : `smtp://${auth}127.0.0.1:${port}`;
  return {
    url,
    port,
    messages,
    async next() {
      const deadline = Date.now() + 10_000;
      while (messages.length <= taken) {
        if (Date.now() > deadline) throw new Error('no message reached the SMTP server within 10 s');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      taken += 1;
      return messages[taken - 1]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
