/**
 * Follow-up: signed links, the one-question page, and answering it — with the worst a customer's
 * browser or an attacker sends: tampered and foreign tokens, expired links, replays, two answers
 * at once, huge bodies and markup in the text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CasePatch } from '@earful/schema';
import { isConfigError } from '../src/errors.js';
import { answerIdOf, followUpLink } from '../src/follow-up/follow-up-link.js';
import { followUpRoutes, type FollowUpRoutesOptions } from '../src/follow-up/follow-up-routes.js';
import { memoryStore } from '../src/stores/memory.js';
import { sqliteStore } from '../src/stores/sqlite.js';
import type { CaseChange, ResponseStore } from '../src/store.js';
import { makeRecord, makeResponse } from './support/fixtures.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const PUBLIC = 'https://feedback.shop.example';

async function setup(options: { locale?: string; routes?: Partial<FollowUpRoutesOptions>; store?: ResponseStore } = {}) {
  const store = options.store ?? memoryStore();
  const response = makeResponse({ locale: options.locale ?? 'ko' });
  await store.putIfAbsent(makeRecord(response, T0 - DAY), [], { firstResponseDueAt: null, resolutionDueAt: null });
  let clock = T0;
  const routes = followUpRoutes({ store, now: () => clock, widgetScript: false, onError: () => {}, ...options.routes });
  const link = await followUpLink({ store, caseId: response.id, publicUrl: PUBLIC, ttlMs: 14 * DAY, now: T0 });
  const url = (token = link.token, rest = '') => `http://r.test/follow-up/${token}${rest}`;
  return {
    store,
    caseId: response.id,
    link,
    routes,
    url,
    setNow: (ms: number) => (clock = ms),
    get: (token?: string, ip?: string) => routes(new Request(url(token)), ip === undefined ? undefined : { ip }),
    form: (fields: Record<string, string>, token?: string) =>
      routes(new Request(url(token), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) })),
    json: (body: unknown, token?: string) =>
      routes(new Request(url(token), { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) })),
  };
}

const followUps = async (store: ResponseStore) => (await store.list({ surveyId: 'follow-up' })).items;

describe('followUpLink', () => {
  it('signs <caseId>.<expiresAtSeconds>.<HMAC> under the public URL', async () => {
    const { link, caseId } = await setup();
    const [id, seconds, signature] = link.token.split('.');
    expect(id).toBe(caseId);
    expect(Number(seconds)).toBe((T0 + 14 * DAY) / 1000);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`${PUBLIC}/follow-up/${link.token}`);
    expect(link.expiresAt).toBe('2026-12-15T10:00:00.000Z');
  });

  it('drops a trailing slash of publicUrl and refuses bad options with ConfigErrors', async () => {
    const store = memoryStore();
    const caseId = makeResponse().id;
    expect((await followUpLink({ store, caseId, publicUrl: `${PUBLIC}/`, ttlMs: DAY, now: T0 })).url).toMatch(/^https:\/\/feedback\.shop\.example\/follow-up\//);
    const bad = [
      { publicUrl: '/relative', message: /publicUrl must be the absolute http\(s\) URL/ },
      { publicUrl: 'javascript:alert(1)', message: /publicUrl must be/ },
      { publicUrl: `${PUBLIC}?a=1`, message: /without query or fragment/ },
      { caseId: 'not-a-uuid', message: /caseId must be a case's id/ },
      { ttlMs: 0, message: /ttlMs must be a whole number of ms from 60000/ },
    ];
    for (const { message, ...override } of bad) {
      const error = await followUpLink({ store, caseId, publicUrl: PUBLIC, ttlMs: DAY, now: T0, ...override }).catch((e: unknown) => e);
      expect(isConfigError(error), JSON.stringify(override)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('a link made by one receiver verifies on another one using the same store', async () => {
    const { store, link } = await setup();
    const other = followUpRoutes({ store, now: () => T0, widgetScript: false });
    expect((await other(new Request(`http://elsewhere.test/follow-up/${link.token}`))).status).toBe(200);
  });
});

describe('the follow-up page', () => {
  it('is one accessible question in the case\'s language, under a strict CSP', async () => {
    const { get } = await setup({ locale: 'ko-KR' });
    const page = await get();
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toMatch(/<html lang="ko" dir="ltr">/);
    expect(html).toContain('<legend>문제가 잘 해결되었나요?</legend>');
    expect(html.match(/<input type="radio" name="rating" value="[1-4]" required>/g)).toHaveLength(4);
    expect(html).toMatch(/<form method="post" id="follow-up-form">/);
    expect(html).toContain('<label for="text">');
    // The one inline style is allowed by its hash, and the hash is the style's.
    const style = /<style>([^<]*)<\/style>/.exec(html)![1]!;
    const { createHash } = await import('node:crypto');
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(html).not.toMatch(/<script|style="| on[a-z]+=/);
  });

  it.each([
    ['lv', 'Vai mēs to izlabojām?'],
    ['te', 'మేము సరిదిద్దామా?'],
    ['et', 'Kas saime asja korda?'],
    ['en-GB', 'Did we put it right?'],
    ['fr', 'Did we put it right?'],
  ])('%s → %s', async (locale, question) => {
    const html = await (await (await setup({ locale })).get()).text();
    expect(html).toContain(`<legend>${question}</legend>`);
    expect(html).toMatch(new RegExp(`<html lang="${locale === 'fr' || locale === 'en-GB' ? 'en' : locale}" dir="ltr">`));
  });

  it('without a matching language falls back to English, and says lang="en", not the customer\'s', async () => {
    const html = await (await (await setup({ locale: 'ar' })).get()).text();
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
  });
});

describe('answering', () => {
  it('a form answer is stored as a follow-up response linked to the case, and the case learns of it', async () => {
    const { store, caseId, form, get, link } = await setup();
    const sent = await form({ rating: '4', text: '빨리 해결해 주셔서 감사합니다' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(link.token);
    const [stored] = await followUps(store);
    expect(stored).toMatchObject({ id: answerIdOf(link.token), surveyId: 'follow-up', sentiment: 'positive' });
    expect(stored!.response).toMatchObject({
      locale: 'ko',
      metadata: { followUpOf: caseId },
      answers: [
        { type: 'rating', questionId: 'put-right', scale: 'thermometer4', value: 4 },
        { type: 'text', questionId: 'comment', value: '빨리 해결해 주셔서 감사합니다' },
      ],
    });
    const timeline = await store.timeline(caseId);
    expect(timeline.at(-1)).toMatchObject({ type: 'follow_up_answered', actor: 'customer', responseId: stored!.id, sentiment: 'positive' });
    expect((await store.getCase(caseId))!.case.followUp).toMatchObject({ answeredAt: '2026-12-01T10:00:00.000Z', sentiment: 'positive', responseId: stored!.id });
    // The redirect lands on the thank-you page.
    const thanks = await get();
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain('감사합니다');
  });

  it('JSON with a colour name works too; red is negative', async () => {
    const { store, json } = await setup();
    const sent = await json({ rating: 'red', text: 'Still broken' });
    expect(sent.status).toBe(202);
    expect(await sent.json()).toMatchObject({ status: 'accepted' });
    expect((await followUps(store))[0]!.sentiment).toBe('negative');
  });

  it('amber reopens a resolved case; green leaves it resolved; a case not resolved keeps its status', async () => {
    const resolved = async (rating: string, patch: CasePatch = { status: 'resolved', remedy: 'apology' }) => {
      const s = await setup();
      await s.store.changeCase(s.caseId, { actor: 'user:ana@shop.example', at: new Date(T0 - 1000).toISOString(), patch });
      expect((await s.json({ rating })).status).toBe(202);
      return (await s.store.getCase(s.caseId))!.case.status;
    };
    expect(await resolved('amber')).toBe('acknowledged');
    expect(await resolved('green')).toBe('resolved');
    expect(await resolved('gold')).toBe('resolved');
    expect(await resolved('red', { status: 'resolving', dueAt: new Date(T0 + DAY).toISOString() })).toBe('resolving');
  });

  it('a person changing the case as a red answer lands: their change stands, the reopen follows it or yields to it', async () => {
    // The first reopen attempt finds the version moved by a person (a tag; then a status).
    const races: [CasePatch, string][] = [[{ tags: ['vip'] }, 'acknowledged'], [{ status: 'resolving', dueAt: new Date(T0 + DAY).toISOString() }, 'resolving']];
    for (const [patch, status] of races) {
      const store = memoryStore();
      let raced = false;
      const racing: ResponseStore = Object.assign(Object.create(store) as ResponseStore, {
        async changeCase(id: string, change: CaseChange) {
          if (change.patch?.status === 'acknowledged' && !raced) {
            raced = true;
            await store.changeCase(id, { actor: 'user:ana@shop.example', at: new Date(T0).toISOString(), patch });
          }
          return store.changeCase(id, change);
        },
      });
      const s = await setup({ store: racing });
      await store.changeCase(s.caseId, { actor: 'user:ana@shop.example', at: new Date(T0 - 1000).toISOString(), patch: { status: 'resolved', remedy: 'fix' } });
      expect((await s.json({ rating: 'red' })).status).toBe(202);
      expect(raced).toBe(true);
      const found = (await store.getCase(s.caseId))!.case;
      expect(found.status).toBe(status);
      if (status === 'acknowledged') expect(found.tags).toEqual(['vip']);
      const entries = (await store.timeline(s.caseId)).filter((e) => e.type === 'status_changed' && e.actor === 'customer');
      expect(entries).toHaveLength(status === 'acknowledged' ? 1 : 0);
    }
  });

  it('a replay of the link gets 409 "already answered, thank you", and nothing more is stored', async () => {
    const { store, json, form } = await setup();
    expect((await json({ rating: 3 })).status).toBe(202);
    const again = await json({ rating: 1 });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: 'already_answered', message: 'already answered, thank you' });
    const page = await form({ rating: '1' });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('이미 답변해 주셨습니다');
    expect(await followUps(store)).toHaveLength(1);
  });

  it('two answers at once with one token: one stored, the other 409', async () => {
    const { store, json, caseId } = await setup();
    const results = await Promise.all([json({ rating: 4 }), json({ rating: 1 }), json({ rating: 2 })]);
    expect(results.map((r) => r.status).sort()).toEqual([202, 409, 409]);
    expect(await followUps(store)).toHaveLength(1);
    expect((await store.timeline(caseId)).filter((e) => e.type === 'follow_up_answered')).toHaveLength(1);
  });

  it('a form without a colour shows the page again with the message and the text kept — escaped', async () => {
    const { store, form } = await setup();
    const evil = '<img src=x onerror=alert(1)>"\'&';
    const page = await form({ text: evil });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('색을 하나 골라 주세요.');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;</textarea>');
    expect(html).not.toContain('<img');
    expect(await followUps(store)).toHaveLength(0);
  });

  it('<img onerror> in the text answer is stored as plain text and never rendered as markup', async () => {
    const { store, form, get } = await setup();
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    expect((await form({ rating: '2', text: evil })).status).toBe(303);
    expect((await followUps(store))[0]!.response.answers[1]).toEqual({ type: 'text', questionId: 'comment', value: evil });
    expect(await (await get()).text()).not.toContain('<img');
  });
});

describe('hostile links and bodies', () => {
  it('a tampered signature → 403, as a page and as JSON', async () => {
    const { link, get, json, store } = await setup();
    const last = link.token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${link.token.slice(0, -2)}${last}${link.token.at(-1)}`;
    const page = await get(tampered);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('This link is not valid');
    expect((await json({ rating: 4 }, tampered)).status).toBe(403);
    expect(await followUps(store)).toHaveLength(0);
  });

  it('a later expiry with the old signature → 403 (the time is signed too)', async () => {
    const { link, json } = await setup();
    const [id, seconds, signature] = link.token.split('.');
    expect((await json({ rating: 4 }, `${id}.${Number(seconds) + 86_400}.${signature}`)).status).toBe(403);
  });

  it('a token of another case, or its signature on this case → 403', async () => {
    const first = await setup();
    const other = makeResponse();
    await first.store.putIfAbsent(makeRecord(other, T0 - DAY));
    const otherLink = await followUpLink({ store: first.store, caseId: other.id, publicUrl: PUBLIC, ttlMs: DAY, now: T0 });
    const [, seconds, signature] = otherLink.token.split('.');
    expect((await first.json({ rating: 4 }, `${first.caseId}.${seconds}.${signature}`)).status).toBe(403);
    // A link signed by another database's secret is forged here.
    const foreign = await followUpLink({ store: memoryStore(), caseId: first.caseId, publicUrl: PUBLIC, ttlMs: DAY, now: T0 });
    expect((await first.json({ rating: 4 }, foreign.token)).status).toBe(403);
    expect(await followUps(first.store)).toHaveLength(0);
  });

  it.each([
    ['empty', ''],
    ['one letter', 'x'],
    ['an escaped path', '..%2F..%2Fetc%2Fpasswd'],
    ['three dots', 'a.b.c'],
    ['5,000 characters', 'a'.repeat(5000)],
    ['broken percent-encoding', '%E0%A4%A'],
    ['markup', '<script>.1.x'],
  ])('garbage token (%s) → 403', async (_, token) => {
    const { routes } = await setup();
    const response = await routes(new Request(`http://r.test/follow-up/${token}`));
    expect(response.status).toBe(403);
  });

  it('an expired link → 410, before anything is read or stored', async () => {
    const { json, get, setNow, store } = await setup();
    setNow(T0 + 15 * DAY);
    expect((await get()).status).toBe(410);
    const answer = await json({ rating: 4 });
    expect(answer.status).toBe(410);
    expect(await answer.json()).toMatchObject({ error: 'link_expired' });
    expect(await followUps(store)).toHaveLength(0);
  });

  it('an erased case → 410', async () => {
    const { store, caseId, get } = await setup();
    await store.erase({ responseId: caseId }, { actor: 'system', at: new Date(T0).toISOString() });
    expect((await get()).status).toBe(410);
  });

  it('a huge body → 413 without reading it all; a text over 4,000 characters → 400', async () => {
    const { json, store, routes, url } = await setup();
    const huge = await json({ rating: 4, text: 'a'.repeat(20_000) });
    expect(huge.status).toBe(413);
    // Streamed without Content-Length: still stopped at the limit.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(4096).fill(0x61));
      },
    });
    const streamed = await routes(new Request(url(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: stream, duplex: 'half' } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect((await json({ rating: 4, text: 'ㄱ'.repeat(4001) })).status).toBe(400);
    expect(await followUps(store)).toHaveLength(0);
  });

  it.each([
    ['no rating', { text: 'hi' }],
    ['rating 5', { rating: 5 }],
    ['rating 0', { rating: 0 }],
    ['rating as an object', { rating: { valueOf: 4 } }],
    ['text as a number', { rating: 4, text: 42 }],
    ['an array', [4]],
    ['invalid JSON', '{"rating":'],
  ])('%s → 400, nothing stored', async (_, body) => {
    const { json, store } = await setup();
    const answer = await json(body);
    expect(answer.status).toBe(400);
    expect(await followUps(store)).toHaveLength(0);
  });

  it('another content type → 415; PUT → 405', async () => {
    const { routes, url } = await setup();
    expect((await routes(new Request(url(), { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' }))).status).toBe(415);
    expect((await routes(new Request(url(), { method: 'PUT', body: 'x' }))).status).toBe(405);
  });

  it('is rate-limited per client like the receiver: 429 with Retry-After', async () => {
    const { get } = await setup({ routes: { rateLimit: { capacity: 2, refillPerSecond: 0.1 } } });
    expect((await get(undefined, '203.0.113.9')).status).toBe(200);
    expect((await get(undefined, '203.0.113.9')).status).toBe(200);
    const limited = await get(undefined, '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect((await get(undefined, '198.51.100.1')).status).toBe(200);
  });
});

describe('configuration', () => {
  it('followUpRoutes without a store, or with a widget script that is not there → ConfigError', () => {
    expect(() => followUpRoutes({} as FollowUpRoutesOptions)).toThrow(/followUpRoutes needs the receiver's store/);
    expect(() => followUpRoutes({ store: memoryStore(), widgetScript: '/nowhere/earful.js' })).toThrow(/widgetScript must be the path of @earful\/widget's dist\/earful.js/);
  });
});

describe('with the widget', () => {
  const widgetScript = fileURLToPath(new URL('../../widget/dist/earful.js', import.meta.url));

  it('the page loads the widget\'s script build from its own assets, and keeps the form for no-JS', async () => {
    const { get, routes, url } = await setup({ routes: { widgetScript } });
    const page = await get();
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).toMatch(/<script async src="assets\/earful\.js" data-endpoint="[0-9a-f-]{36}\.\d+\.[\w-]{43}" data-survey="#earful-follow-up-survey" data-locale="ko"><\/script>/);
    expect(html).toContain('<form method="post"');
    const survey = JSON.parse(/<script type="application\/json" id="earful-follow-up-survey">([^<]*)<\/script>/.exec(html)![1]!);
    expect(survey).toMatchObject({ id: 'follow-up', display: { mode: 'inline', target: '#earful-follow-up' }, questions: [{ scale: 'thermometer4', prompt: '문제가 잘 해결되었나요?' }, { type: 'text' }] });
    const loader = await routes(new Request(url('assets/earful.js')));
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await routes(new Request(url('assets/script/earful-ui-ko.js')))).status).toBe(200);
    expect((await routes(new Request(url('assets/follow-up.js')))).status).toBe(200);
    // Paths out of the widget's folder, or to files that are not scripts, are never served.
    for (const path of ['assets/../package.json', 'assets/script/../../package.json', 'assets/%2e%2e/package.json', 'assets/..%2Fpackage.json', 'assets/index.d.ts', 'assets/script/']) {
      const response = await routes(new Request(`http://r.test/follow-up/${path}`));
      expect([403, 404], path).toContain(response.status);
      expect(await response.text(), path).not.toContain('"name"');
    }
  });

  it('takes the widget\'s Response v1, and its SDK resending the same body is acknowledged as a repeat', async () => {
    const { json, store, caseId } = await setup({ routes: { widgetScript } });
    const fromWidget = makeResponse({
      surveyId: 'follow-up',
      locale: 'ko',
      answers: [
        { type: 'rating', questionId: 'put-right', scale: 'thermometer4', value: 3 },
        { type: 'text', questionId: 'comment', value: '좋아요' },
      ],
      context: { url: 'https://feedback.shop.example/follow-up/secret-token' },
    });
    const first = await json(fromWidget);
    expect(first.status).toBe(202);
    const repeat = await json(fromWidget);
    expect(repeat.status).toBe(202);
    expect(await repeat.json()).toMatchObject({ duplicate: true });
    const [stored] = await followUps(store);
    expect(stored!.response.metadata).toEqual({ followUpOf: caseId });
    // What the page's URL held (the token) is not stored.
    expect(stored!.response.context).toBeUndefined();
    expect(stored!.response.answers[0]).toMatchObject({ value: 3 });
  });
});

describe('two receivers on one SQLite database', () => {
  it('a link made by one is answered through the other; racing answers through both store one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earful-follow-up-'));
    const a = sqliteStore(join(dir, 'feedback.db'));
    const b = sqliteStore(join(dir, 'feedback.db'));
    try {
      const cases = [makeResponse(), makeResponse()];
      for (const response of cases) await a.putIfAbsent(makeRecord(response, T0 - DAY));
      const routesA = followUpRoutes({ store: a, now: () => T0, widgetScript: false });
      const routesB = followUpRoutes({ store: b, now: () => T0, widgetScript: false });
      const post = (routes: typeof routesA, token: string, rating: number) =>
        routes(new Request(`http://r.test/follow-up/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rating }) }));

      const first = await followUpLink({ store: a, caseId: cases[0]!.id, publicUrl: PUBLIC, ttlMs: DAY, now: T0 });
      expect((await post(routesB, first.token, 4)).status).toBe(202);
      expect((await a.getCase(cases[0]!.id))?.case.followUp?.sentiment).toBe('positive');

      const second = await followUpLink({ store: b, caseId: cases[1]!.id, publicUrl: PUBLIC, ttlMs: DAY, now: T0 });
      const raced = await Promise.all([post(routesA, second.token, 1), post(routesB, second.token, 4)]);
      expect(raced.map((r) => r.status).sort()).toEqual([202, 409]);
      expect((await a.list({ surveyId: 'follow-up' })).items).toHaveLength(2);
      expect((await b.timeline(cases[1]!.id)).filter((e) => e.type === 'follow_up_answered')).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

