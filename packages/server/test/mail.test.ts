/**
 * The SMTP mailer against a real SMTP server in this process: what arrives is checked as a mail
 * program would read it (decoded MIME), including what must NOT arrive (headers injected from a
 * customer's name, a staff member's subject or an address).
 */
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConfigError } from '../src/errors.js';
import { isMailError, MailError } from '../src/mail/mail-error.js';
import { smtpMailer, type MailMessage } from '../src/mail/mailer.js';
import { replyMessage } from '../src/mail/reply-message.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const CASE_ID = '9b2f3c1e-7d4a-4c55-9a53-2f0b1e8c6d71';
let sink: SmtpSink;
beforeAll(async () => (sink = await startSmtpSink()));
afterAll(async () => sink.close());

function reply(overrides: Partial<Parameters<typeof replyMessage>[0]> = {}) {
  return replyMessage({
    caseId: CASE_ID,
    to: 'kim@example.kr',
    toName: '김민지',
    from: '고객지원팀 <care@shop.example>',
    replyTo: 'ana@shop.example',
    subject: '주문 A-1001 건에 대해 사과드립니다',
    body: '김민지 고객님, 안녕하십니까.\n\n배송이 3주나 늦었습니다. 진심으로 사과드립니다.\n\n이서연 드림',
    previousMessageIds: [],
    domain: 'shop.example',
    ...overrides,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the promise to reject');
    },
    (error: unknown) => error,
  );
}

describe('smtpMailer: what arrives', () => {
  it('a Korean reply arrives with its subject, body, names, Reply-To and Message-ID intact', async () => {
    const mailer = smtpMailer(sink.url, { timeoutMs: 5_000 });
    const message = reply();
    const sent = await mailer.send(message);
    const mail = await sink.next();
    await mailer.close();

    expect(sent.messageId).toBe(message.messageId);
    expect(message.messageId).toMatch(new RegExp(`^<${CASE_ID}\\.[0-9a-f-]{36}@shop\\.example>$`));
    expect(mail.header('message-id')).toBe(message.messageId);
    expect(mail.header('subject')).toBe('주문 A-1001 건에 대해 사과드립니다');
    expect(mail.text).toBe('김민지 고객님, 안녕하십니까.\n\n배송이 3주나 늦었습니다. 진심으로 사과드립니다.\n\n이서연 드림');
    expect(mail.header('to')).toBe('김민지 <kim@example.kr>');
    expect(mail.header('from')).toBe('고객지원팀 <care@shop.example>');
    expect(mail.header('reply-to')).toBe('ana@shop.example');
    expect(mail.header('content-type')).toMatch(/^text\/plain; charset=utf-8/i);
    expect(mail.header('in-reply-to')).toBeUndefined();
    expect(mail.envelope).toEqual({ from: 'care@shop.example', to: ['kim@example.kr'] });
    // Nothing non-ASCII travels raw: a mail program that knows no SMTPUTF8 still reads it.
    expect(/^[\x00-\x7f]*$/.test(mail.raw)).toBe(true);
  });

  it('a second reply threads: In-Reply-To is the last reply, References all of them', async () => {
    const mailer = smtpMailer(sink.url);
    const first = reply();
    await mailer.send(first);
    await sink.next();
    const second = reply({ subject: 'Re: 주문 A-1001', previousMessageIds: [first.messageId] });
    await mailer.send(second);
    const mail = await sink.next();
    const third = reply({ previousMessageIds: [first.messageId, second.messageId, 'not an id'] });
    await mailer.send(third);
    const mail3 = await sink.next();
    await mailer.close();

    expect(second.messageId).not.toBe(first.messageId);
    expect(mail.header('in-reply-to')).toBe(first.messageId);
    expect(mail.header('references')).toBe(first.messageId);
    expect(mail3.header('in-reply-to')).toBe(second.messageId);
    expect(mail3.header('references')).toBe(`${first.messageId} ${second.messageId}`);
  });

  it('smtps with a self-signed test certificate and a user name and password', async () => {
    const secure = await startSmtpSink({ secure: true, auth: { user: 'care@shop.example', pass: 'p@ss:wörd' } });
    try {
      const mailer = smtpMailer(secure.url, { timeoutMs: 5_000 });
      await mailer.send(reply({ subject: 'Pasūtījums A-1001: atvainojamies' }));
      const mail = await secure.next();
      await mailer.close();
      expect(mail.header('subject')).toBe('Pasūtījums A-1001: atvainojamies');
    } finally {
      await secure.close();
    }
  });
});

describe('smtpMailer: no header injection', () => {
  const evil = 'evil@attacker.example';

  function expectNoInjection(mail: Awaited<ReturnType<SmtpSink['next']>>) {
    expect(mail.envelope.to).toEqual(['kim@example.kr']);
    expect(mail.headers.map((h) => h.name)).not.toContain('bcc');
    expect(mail.headers.map((h) => h.name)).not.toContain('cc');
    expect(mail.headers.map((h) => h.name)).not.toContain('x-injected');
    expect(mail.raw.split('\r\n\r\n')[0]).not.toMatch(/^(bcc|cc|x-injected):/im);
  }

  it('CR, LF and other control characters in the name, subject and from name become spaces', async () => {
    const mailer = smtpMailer(sink.url);
    for (const bad of ['\r\n', '\n', '\r', '\u0085', '\u2028', '\u2029', '\u0000', '\u000b', '\u000c', '\u001b', '\r\n\t']) {
      await mailer.send(
        reply({
          toName: `Kim${bad}Bcc: ${evil}`,
          subject: `Sorry${bad}Bcc: ${evil}${bad}X-Injected: yes`,
          from: `Care${bad}Cc: ${evil} <care@shop.example>`,
        }),
      );
      const mail = await sink.next();
      expectNoInjection(mail);
      expect(mail.header('subject')).toBe(`Sorry Bcc: ${evil} X-Injected: yes`);
      expect(mail.header('to')).toMatch(/^"?Kim Bcc: evil@attacker\.example"? <kim@example\.kr>$/);
    }
    await mailer.close();
  });

  it('a body with header lines, a lone dot and MIME boundaries stays body text', async () => {
    const mailer = smtpMailer(sink.url);
    const body = `Hello\r\n\r\nBcc: ${evil}\r\n.\r\nMAIL FROM:<${evil}>\r\n--boundary\r\nContent-Type: text/html\r\n\r\n<b>hi</b>\n.\nend`;
    await mailer.send(reply({ body }));
    const mail = await sink.next();
    await mailer.close();
    expectNoInjection(mail);
    expect(mail.text).toBe(body.replace(/\r\n/g, '\n'));
    expect(sink.messages.every((m) => m.envelope.from !== evil)).toBe(true);
  });

  it.each([
    ['to', { to: `kim@example.kr\r\nBcc: ${evil}` }],
    ['to', { to: `kim@example.kr, ${evil}` }],
    ['to', { to: `kim@example.kr;${evil}` }],
    ['to', { to: `Kim <kim@example.kr>` }],
    ['to', { to: `kim@example.kr\u0000` }],
    ['to', { to: `kim\u2028@example.kr` }],
    ['to', { to: `"kim\r\nbcc"@example.kr` }],
    ['replyTo', { replyTo: `ana@shop.example\nBcc: ${evil}` }],
    ['replyTo', { replyTo: `ana@shop.example,${evil}` }],
    ['from', { from: `care@shop.example\r\nBcc: ${evil}` }],
    ['from', { from: `Care <care@shop.example>, ${evil}` }],
    ['messageId', { messageId: `<a@shop.example>\r\nBcc: ${evil}` }],
    ['inReplyTo', { inReplyTo: `<a@shop.example>\nBcc: ${evil}` }],
    ['references', { references: ['<a@shop.example>', `<b@shop.example> ${evil}`] }],
  ] as const)('an unsafe %s is refused before anything is sent', async (_field, overrides) => {
    const mailer = smtpMailer(sink.url);
    const before = sink.messages.length;
    const message: MailMessage = { ...reply(), ...overrides };
    const error = await rejection(mailer.send(message));
    await mailer.close();
    expect(isMailError(error)).toBe(true);
    expect((error as MailError).reason).toBe('invalid');
    expect((error as MailError).message).toMatch(/nothing was sent/);
    await new Promise((r) => setTimeout(r, 50));
    expect(sink.messages.length).toBe(before);
  });
});

describe('smtpMailer: failures say what to do', () => {
  it.each([
    ['http://smtp.example', /smtp:\/\/ or smtps:\/\//],
    ['smtp.example:587', /smtp:\/\/ or smtps:\/\//],
    ['not a url', /must be an SMTP URL/],
    ['smtp://smtp.example?pool=true', /unknown option "pool=true"/],
    ['smtp://user:%E0%A4@smtp.example', /percent-encoded/],
  ])('a bad URL %j is a ConfigError at once', (url, words) => {
    let caught: unknown;
    try {
      smtpMailer(url);
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(words);
  });

  it('the password never appears in a ConfigError', () => {
    let caught: unknown;
    try {
      smtpMailer('ftp://care:hunter2@smtp.example');
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toContain('ftp://care:***@smtp.example');
    expect((caught as Error).message).not.toContain('hunter2');
  });

  it('connection refused: reason "connection", and the message names host, port and the fix', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const mailer = smtpMailer(`smtp://127.0.0.1:${closed.port}`, { timeoutMs: 5_000 });
    const error = await rejection(mailer.send(reply()));
    expect(isMailError(error)).toBe(true);
    expect((error as MailError).reason).toBe('connection');
    expect((error as MailError).message).toContain(`127.0.0.1:${closed.port}`);
    expect((error as MailError).message).toMatch(/check the host and port/);
    expect((error as MailError).cause).toBeDefined();
  });

  it('a wrong password: reason "auth" with the SMTP code, and the cause kept', async () => {
    const guarded = await startSmtpSink({ auth: { user: 'care', pass: 'right' } });
    try {
      const mailer = smtpMailer(`smtp://care:wrong@127.0.0.1:${guarded.port}`, { timeoutMs: 5_000 });
      const error = await rejection(mailer.send(reply()));
      expect((error as MailError).reason).toBe('auth');
      expect((error as MailError).smtpCode).toBe(535);
      expect((error as MailError).message).toMatch(/check the credentials/);
      expect(((error as MailError).cause as { code?: string }).code).toBe('EAUTH');
      expect(guarded.messages).toHaveLength(0);
    } finally {
      await guarded.close();
    }
  });

  it('a recipient the server refuses: reason "rejected" with the SMTP code', async () => {
    const strict = await startSmtpSink({ refuse: ['kim@example.kr'] });
    try {
      const mailer = smtpMailer(strict.url, { timeoutMs: 5_000 });
      const error = await rejection(mailer.send(reply()));
      expect((error as MailError).reason).toBe('rejected');
      expect((error as MailError).smtpCode).toBe(550);
      expect((error as MailError).message).toMatch(/refused the sender or recipient/);
      expect(strict.messages).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  it('a server that never greets: reason "timeout" within timeoutMs', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, { timeoutMs: 300 });
      const started = Date.now();
      const error = await rejection(mailer.send(reply()));
      expect((error as MailError).reason).toBe('timeout');
      expect((error as MailError).message).toMatch(/check that it is up/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('an AbortSignal ends the send with reason "aborted"', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, { timeoutMs: 20_000 });
      const controller = new AbortController();
      const sending = rejection(mailer.send(reply(), { signal: controller.signal }));
      setTimeout(() => controller.abort(new Error('the request went away')), 50);
      const error = await sending;
      expect((error as MailError).reason).toBe('aborted');
      expect(await rejection(mailer.send(reply(), { signal: controller.signal }))).toMatchObject({ reason: 'aborted' });
      await mailer.close();
      expect(await rejection(mailer.send(reply()))).toMatchObject({ reason: 'aborted', message: expect.stringMatching(/closed/) });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('replyMessage', () => {
  it('refuses a domain that could break the Message-ID', () => {
    for (const domain of ['shop.example>', 'shop example', 'shop.example\r\nBcc: x@y.z', '', '-shop.example']) {
      expect(() => reply({ domain })).toThrow(/domain must be a host name/);
    }
  });

  it('leaves the case id out of the Message-ID when it has other characters', () => {
    expect(reply({ caseId: 'a@b>' }).messageId).toMatch(/^<[0-9a-f-]{36}@shop\.example>$/);
  });

  it('keeps References short on a long thread: the first id and the latest ones', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `<r${i}@shop.example>`);
    const message = reply({ previousMessageIds: ids });
    expect(message.inReplyTo).toBe('<r29@shop.example>');
    expect(message.references).toHaveLength(20);
    expect(message.references![0]).toBe('<r0@shop.example>');
    expect(message.references!.at(-1)).toBe('<r29@shop.example>');
  });
});
