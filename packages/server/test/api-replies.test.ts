/**
 * Replies and follow-ups end to end: the `/api` handler sends through a REAL SMTP server on
 * loopback (`smtp-server`), and the tests read what arrived — Korean subject and body from the
 * template with the case's values, Reply-To, Message-ID, threading on the second reply, nothing
 * injected into headers — plus every refusal: no consent, no SMTP, a failed SMTP server, repeats.
 */
import type { CaseDetail, FollowUpLink } from '@earful/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyFollowUpToken } from '../src/follow-up/follow-up-link.js';
import { smtpMailer } from '../src/mail/mailer.js';
import { renderReply } from '../src/mail/templates.js';
import { apiHarness, contact, STAFF, type ApiHarness } from './support/api-harness.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const FROM = 'Shop care <care@shop.example>';
let smtp: SmtpSink;
let h: ApiHarness;

beforeEach(async () => {
  smtp = await startSmtpSink();
  h = await apiHarness({ smtp: smtp.url, from: FROM, publicUrl: 'https://feedback.shop.example' });
});
afterEach(async () => {
  await h.close();
  await smtp.close();
});

function korean(overrides: Record<string, unknown> = {}) {
  return h.seed({
    locale: 'ko-KR',
    metadata: { orderId: 'A-1001' },
    answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, { type: 'text', questionId: 'q2', value: '배송이 3주나 늦었고' }, contact('minji@example.kr', '김민지')],
    ...overrides,
  });
}

function reply(id: string, body: unknown, headers: Record<string, string> = {}, harness = h) {
  return harness.call(`/api/cases/${id}/replies`, { method: 'POST', body, headers });
}

async function timelineOf(id: string, harness = h): Promise<CaseDetail['timeline']> {
  return ((await (await harness.call(`/api/cases/${id}`)).json()) as CaseDetail).timeline;
}

describe('POST /api/cases/:id/replies', () => {
  it('mails the Korean template filled from the case, with Reply-To and the Message-ID it records', async () => {
    const response = await korean();
    // Resolving with a due date first, so {dueDate} is filled in, formatted for Korean.
    await h.call(`/api/cases/${response.id}`, { method: 'PATCH', headers: { 'if-match': '1' }, body: { status: 'resolving', dueAt: '2026-12-04T12:00:00.000Z' } });
    const answer = await reply(response.id, { template: 'apology' });
    expect(answer.status, await answer.clone().text()).toBe(201);
    const mail = await smtp.next();

    const expected = renderReply({ template: 'apology', locale: 'ko-KR', vars: { name: '김민지', orderId: 'A-1001', agent: STAFF, dueDate: '2026년 12월 4일' } });
    expect(mail.header('subject')).toBe('주문 A-1001 건에 대해 사과드립니다');
    expect(mail.header('subject')).toBe(expected.subject);
    expect(mail.text).toBe(expected.body);
    expect(mail.text).toContain('김민지 고객님');
    expect(mail.text).toContain('2026년 12월 4일까지');
    expect(mail.header('content-type')).toMatch(/charset=utf-8/i);
    expect(mail.header('reply-to')).toBe(STAFF);
    expect(mail.header('to')).toContain('minji@example.kr');
    expect(mail.envelope).toEqual({ from: 'care@shop.example', to: ['minji@example.kr'] });
    expect(mail.header('message-id')).toMatch(/^<[^@\s]+@feedback\.shop\.example>$/);

    const body = (await answer.json()) as CaseDetail;
    expect(body.timeline.at(-1)).toMatchObject({ type: 'reply_sent', to: 'minji@example.kr', subject: expected.subject, body: expected.body, messageId: mail.header('message-id'), actor: `user:${STAFF}` });
    expect(body.case.firstResponseAt).not.toBeNull();
  });

  it('threads the second reply: In-Reply-To and References name the first', async () => {
    const response = await korean();
    expect((await reply(response.id, { subject: '첫 번째', body: '안녕하세요' })).status).toBe(201);
    const first = await smtp.next();
    expect(first.header('in-reply-to')).toBeUndefined();
    expect((await reply(response.id, { subject: '두 번째', body: '다시 연락드립니다' })).status).toBe(201);
    const second = await smtp.next();
    expect(second.header('subject')).toBe('두 번째');
    expect(second.text).toBe('다시 연락드립니다');
    expect(second.header('in-reply-to')).toBe(first.header('message-id'));
    expect(second.header('references')).toContain(first.header('message-id'));
    expect(second.header('message-id')).not.toBe(first.header('message-id'));
  });

  it('lets nothing a customer or staff member typed add a header or a recipient', async () => {
    const response = await korean({ answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, contact('minji@example.kr', 'Kim\r\nBcc: evil@attacker.test')] });
    const answer = await reply(response.id, { subject: 'Sorry\r\nBcc: evil2@attacker.test\r\nX-Evil: 1', body: '<img src=x onerror=alert(1)>\r\n\r\nBcc: evil3@attacker.test' });
    expect(answer.status).toBe(201);
    const mail = await smtp.next();
    expect(mail.envelope.to).toEqual(['minji@example.kr']);
    expect(mail.headers.map((x) => x.name)).not.toContain('bcc');
    expect(mail.headers.map((x) => x.name)).not.toContain('x-evil');
    expect(mail.text).toContain('<img src=x onerror=alert(1)>');
  });

  it('answers 409 no_consent, and sends nothing, when the customer left no email with consent', async () => {
    const silent = await h.seed();
    const phoneOnly = await h.seed({ answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, { type: 'contact', questionId: 'c', consent: true, phone: '+82 10-1234-5678' }] });
    for (const [response, words] of [[silent, 'no contact details'], [phoneOnly, 'phone number but no email']] as const) {
      const answer = await reply(response.id, { subject: 'Hi', body: 'Sorry' });
      expect(answer.status).toBe(409);
      const problem = (await answer.json()) as { error: string; message: string };
      expect(problem.error).toBe('no_consent');
      expect(problem.message).toMatch(/^the customer did not consent to be contacted: /);
      expect(problem.message).toContain(words);
      // Recording a reply sent by hand needs consent too.
      expect((await reply(response.id, { subject: 'Hi', body: 'Sorry', sent: 'manually' })).status).toBe(409);
    }
    expect(smtp.messages).toHaveLength(0);
    expect((await timelineOf(silent.id)).map((e) => e.type)).toEqual(['received']);
  });

  it('applies a repeated Idempotency-Key once: one mail, one reply_sent, the same answer', async () => {
    const response = await korean();
    const key = { 'idempotency-key': 'reply-1' };
    const first = await reply(response.id, { template: 'apology' }, key);
    const again = await reply(response.id, { template: 'apology' }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await smtp.next();
    expect(smtp.messages).toHaveLength(1);
    expect((await timelineOf(response.id)).filter((e) => e.type === 'reply_sent')).toHaveLength(1);
    expect((await reply(response.id, { template: 'resolution-plan' }, key)).status).toBe(422);
    expect(smtp.messages).toHaveLength(1);
  });

  it('answers 502 and records nothing when the SMTP server cannot be reached', async () => {
    const down = await startSmtpSink();
    await down.close();
    const broken = await apiHarness({ smtp: smtpMailer(down.url, { timeoutMs: 5000 }), from: FROM });
    try {
      const response = await broken.seed({ answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, contact('minji@example.kr')] });
      const answer = await reply(response.id, { subject: 'Hi', body: 'Sorry' }, {}, broken);
      expect(answer.status).toBe(502);
      expect(((await answer.json()) as { error: string }).error).toBe('mail_failed');
      expect((await timelineOf(response.id, broken)).map((e) => e.type)).toEqual(['received']);
    } finally {
      await broken.close();
    }
  });

  it('answers 400 for an unknown template and for bodies the schema refuses', async () => {
    const response = await korean();
    expect((await reply(response.id, { template: 'no-such-template' })).status).toBe(400);
    expect((await reply(response.id, { template: 'Bad Name' })).status).toBe(400);
    expect((await reply(response.id, { subject: '', body: 'x' })).status).toBe(400);
    expect((await reply(response.id, { body: 'x'.repeat(10_001) })).status).toBe(400);
    for (const locale of ['../../etc', 'ko\r\nBcc: x', '', 'x'.repeat(36)]) expect((await reply(response.id, { template: 'apology', locale })).status, locale).toBe(400);
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('replies without SMTP', () => {
  it('answers 409 no_smtp, and records a reply sent by hand with messageId null', async () => {
    const plain = await apiHarness();
    try {
      const response = await plain.seed({ answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, contact('minji@example.kr')] });
      const refused = await reply(response.id, { template: 'apology' }, {}, plain);
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: string }).error).toBe('no_smtp');
      const manual = await reply(response.id, { subject: 'Sorry', body: 'We will refund you.', sent: 'manually' }, {}, plain);
      expect(manual.status).toBe(201);
      const body = (await manual.json()) as CaseDetail;
      expect(body.timeline.at(-1)).toMatchObject({ type: 'reply_sent', messageId: null, subject: 'Sorry', to: 'minji@example.kr' });
      expect(body.case.firstResponseAt).not.toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe('POST /api/cases/:id/follow-up', () => {
  it('returns a signed link to copy and records follow_up_sent via link', async () => {
    const response = await h.seed();
    const answer = await h.call(`/api/cases/${response.id}/follow-up`, { method: 'POST', body: {} });
    expect(answer.status).toBe(201);
    const link = (await answer.json()) as FollowUpLink;
    expect(link.sent).toBe(false);
    expect(link.url).toMatch(/^https:\/\/feedback\.shop\.example\/follow-up\//);
    const check = await verifyFollowUpToken(h.store, link.url.split('/follow-up/')[1]!, h.clock);
    expect(check).toMatchObject({ ok: true, caseId: response.id, expiresAt: link.expiresAt });
    expect((await timelineOf(response.id)).at(-1)).toMatchObject({ type: 'follow_up_sent', via: 'link', expiresAt: link.expiresAt });
    expect(smtp.messages).toHaveLength(0);
  });

  it('mails the link in the customer language with send: true', async () => {
    const response = await korean();
    const answer = await h.call(`/api/cases/${response.id}/follow-up`, { method: 'POST', body: { send: true } });
    expect(answer.status).toBe(201);
    const link = (await answer.json()) as FollowUpLink;
    expect(link.sent).toBe(true);
    const mail = await smtp.next();
    expect(mail.text).toContain(link.url);
    expect(mail.text).toContain('김민지');
    expect(mail.envelope.to).toEqual(['minji@example.kr']);
    expect((await timelineOf(response.id)).at(-1)).toMatchObject({ type: 'follow_up_sent', via: 'email' });
  });

  it('needs consent to mail, and answers a repeated Idempotency-Key with the same link', async () => {
    const silent = await h.seed();
    const refused = await h.call(`/api/cases/${silent.id}/follow-up`, { method: 'POST', body: { send: true } });
    expect(refused.status).toBe(409);
    const key = { 'idempotency-key': 'follow-1' };
    const first = (await (await h.call(`/api/cases/${silent.id}/follow-up`, { method: 'POST', body: {}, headers: key })).json()) as FollowUpLink;
    h.clock += 60_000;
    const again = await h.call(`/api/cases/${silent.id}/follow-up`, { method: 'POST', body: {}, headers: key });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(first);
    expect((await timelineOf(silent.id)).filter((e) => e.type === 'follow_up_sent')).toHaveLength(1);
  });
});
