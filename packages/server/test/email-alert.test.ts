/**
 * The email alert sink against a real SMTP server in this process: what the owner receives, that
 * nothing a customer wrote can add a recipient, that a failed send is retried as the same mail,
 * and that a wrong configuration is refused at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailAlert } from '../src/alerts/email-alert.js';
import { createHandler } from '../src/create-handler.js';
import { isConfigError } from '../src/errors.js';
import { createDispatcher } from '../src/internal/alert-dispatcher.js';
import { isMailError } from '../src/mail/mail-error.js';
import { smtpMailer, type Mailer } from '../src/mail/mailer.js';
import { memoryStore } from '../src/stores/memory.js';
import { makeRecord, makeResponse, post } from './support/fixtures.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const PUBLIC_URL = 'https://feedback.shop.example';
let sink: SmtpSink;
beforeAll(async () => (sink = await startSmtpSink()));
afterAll(async () => sink.close());

const complaint = (metadata: Record<string, string | number> = { orderId: 'A-1001' }) =>
  makeResponse({
    locale: 'ko',
    answers: [
      { type: 'rating', questionId: 'q1', scale: 'thermometer4', value: 1 },
      { type: 'text', questionId: 'q2', value: '배송이 3주나 늦었고\n연락도 없었습니다.' },
      { type: 'choice', questionId: 'why', values: ['late', 'no-contact'], other: '포장 파손' },
      { type: 'contact', questionId: 'c', consent: true, email: 'kim@example.kr', name: '김민지', phone: '+82 10-1234-5678' },
    ],
    user: { id: 'u-42', traits: { plan: 'pro' } },
    metadata,
  });

describe('emailAlert', () => {
  it('mails the owner everything needed to act: rating, words, reasons, contact, order, user and the case link', async () => {
    const handler = createHandler({
      store: memoryStore(),
      alertRetry: { baseDelayMs: 20, maxDelayMs: 100 },
      alertPollIntervalMs: 25,
      onError: () => {},
      alerts: [emailAlert({ to: 'owner@shop.example', from: 'Earful <alerts@shop.example>', smtp: sink.url, publicUrl: PUBLIC_URL })],
    });
    try {
      const response = complaint();
      expect((await handler(post(response))).status).toBe(202);
      const mail = await sink.next();
      expect(mail.envelope).toEqual({ from: 'alerts@shop.example', to: ['owner@shop.example'] });
      expect(mail.header('subject')).toBe('Unhappy customer on survey "checkout" (order A-1001)');
      expect(mail.header('message-id')).toBe(`<earful-response.${response.id}@shop.example>`);
      expect(mail.text).toContain('Rating: 1 on thermometer4 (1–4)');
      expect(mail.text).toContain('Comment:\n  배송이 3주나 늦었고\n  연락도 없었습니다.');
      expect(mail.text).toContain('Reasons: late, no-contact, 포장 파손');
      expect(mail.text).toContain('Contact (consented): 김민지, kim@example.kr, +82 10-1234-5678');
      expect(mail.text).toContain('Order: A-1001');
      expect(mail.text).toContain('User: u-42 (plan=pro)');
      expect(mail.text).toContain('Page: https://shop.example/checkout');
      expect(mail.text).toContain(`Open the case: ${PUBLIC_URL}/inbox/#/cases/${response.id}`);
    } finally {
      await handler.close();
    }
  });

  it('an order id or name with CR/LF adds no recipient and no header', async () => {
    const store = memoryStore();
    const evil = 'A-1\r\nBcc: evil@attacker.example\r\nX-Injected: yes';
    await store.putIfAbsent(makeRecord(complaint({ orderId: evil })), ['email:owner@shop.example']);
    const dispatcher = createDispatcher({ store, alerts: [emailAlert({ to: 'owner@shop.example', smtp: sink.url })], retry: {}, pollIntervalMs: 60_000, onError: () => {} });
    try {
      const mail = await sink.next();
      expect(mail.envelope.to).toEqual(['owner@shop.example']);
      expect(mail.headers.map((h) => h.name)).not.toContain('bcc');
      expect(mail.headers.map((h) => h.name)).not.toContain('x-injected');
      expect(mail.header('subject')).toBe('Unhappy customer on survey "checkout" (order A-1 Bcc: evil@attacker.example X-Injected: yes)');
    } finally {
      await dispatcher.close();
    }
  });

  it('a failed send is retried, as the same Message-ID, and the failure says why', async () => {
    const real = smtpMailer(sink.url);
    let calls = 0;
    const flaky: Mailer = {
      async send(message, options) {
        calls += 1;
        if (calls === 1) return smtpMailer('smtp://127.0.0.1:1', { timeoutMs: 2000 }).send(message, options); // refused
        return real.send(message, options);
      },
      close: () => real.close(),
    };
    const errors: unknown[] = [];
    const store = memoryStore();
    const record = makeRecord(complaint());
    await store.putIfAbsent(record, ['owner']);
    const dispatcher = createDispatcher({
      store,
      alerts: [emailAlert({ name: 'owner', to: 'owner@shop.example', mailer: flaky })],
      retry: { baseDelayMs: 10, maxDelayMs: 20 },
      pollIntervalMs: 15,
      onError: (error) => errors.push(error),
    });
    try {
      const before = sink.messages.length;
      const mail = await sink.next();
      await dispatcher.idle();
      expect(calls).toBe(2);
      expect(mail.header('message-id')).toBe(`<earful-response.${record.id}@shop.example>`);
      expect(errors).toHaveLength(1);
      expect(isMailError(errors[0])).toBe(true);
      expect(errors[0]).toMatchObject({ reason: 'connection', message: expect.stringMatching(/127\.0\.0\.1:1 .*check the host and port/) });
      expect(sink.messages.length).toBe(before + 1);
      expect((await store.timeline(record.id)).filter((e) => e.type === 'alerted')).toEqual([expect.objectContaining({ alert: 'owner', kind: 'response' })]);
    } finally {
      await dispatcher.close();
      await real.close();
    }
  });

  it('an overdue alert mail says how long the customer has waited', async () => {
    const store = memoryStore();
    const received = Date.parse('2026-12-01T09:00:00.000Z');
    const record = makeRecord(complaint(), received);
    await store.putIfAbsent(record, [], { firstResponseDueAt: new Date(received + 3_600_000).toISOString(), resolutionDueAt: null });
    const dispatcher = createDispatcher({
      store,
      alerts: [emailAlert({ to: 'owner@shop.example', smtp: sink.url })],
      retry: {},
      pollIntervalMs: 60_000,
      onError: () => {},
      publicUrl: PUBLIC_URL,
      now: () => received + 50 * 3_600_000,
    });
    try {
      const mail = await sink.next();
      expect(mail.header('subject')).toBe('Overdue: an unhappy customer has waited 2 d 2 h for an answer on survey "checkout" (order A-1001)');
      expect(mail.header('message-id')).toBe(`<earful-overdue.${record.id}@shop.example>`);
      expect(mail.text).toContain('First response was due: 2026-12-01T10:00:00.000Z');
      expect(mail.text).toContain(`Open the case: ${PUBLIC_URL}/inbox/#/cases/${record.id}`);
    } finally {
      await dispatcher.close();
    }
  });

  it.each([
    [{ to: 'owner@shop.example\r\nBcc: evil@x.example', smtp: 'smtp://127.0.0.1:25' }, /to must be one email address/],
    [{ to: 'a@shop.example, b@shop.example', smtp: 'smtp://127.0.0.1:25' }, /to must be one email address/],
    [{ to: 'owner@shop.example' }, /exactly one of mailer .* and smtp/],
    [{ to: 'owner@shop.example', smtp: 'smtp://127.0.0.1:25', mailer: smtpMailer('smtp://127.0.0.1:25') }, /exactly one of/],
    [{ to: 'owner@shop.example', smtp: 'http://smtp.example' }, /smtp:\/\/ or smtps:\/\//],
    [{ to: 'owner@shop.example', smtp: 'smtp://127.0.0.1:25', from: 'alerts' }, /from must be/],
    [{ to: 'owner@shop.example', smtp: 'smtp://127.0.0.1:25', publicUrl: 'feedback.shop.example' }, /emailAlert: publicUrl must be the absolute http\(s\) URL/],
    [{ to: 'owner@shop.example', smtp: 'smtp://127.0.0.1:25', when: 'sometimes' }, /when must be "negative" or "all"/],
  ])('refuses a wrong configuration at once (%#)', (options, words) => {
    let caught: unknown;
    try {
      emailAlert(options as never);
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(words);
  });

  it('is named email:<to> unless named', () => {
    expect(emailAlert({ to: 'owner@shop.example', smtp: 'smtp://127.0.0.1:25' })).toMatchObject({ name: 'email:owner@shop.example', when: 'negative' });
    expect(emailAlert({ to: 'owner@shop.example', smtp: 'smtp://127.0.0.1:25', name: 'owner', when: 'all' })).toMatchObject({ name: 'owner', when: 'all' });
  });
});
