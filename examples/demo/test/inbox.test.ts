import { memoryStore, type StoredResponse } from '@earful/server';
import { responseSentiment, type SurveyResponse } from '@earful/schema';
import { describe, expect, it } from 'vitest';
import { createAlertFeed } from '../src/inbox/alert-feed.js';
import { escapeHtml, html } from '../src/inbox/html.js';
import { inboxRoute } from '../src/inbox/inbox-route.js';

const XSS = '<img src=x onerror=alert(1)>';

function response(id: string, value: number, text: string, extra: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    schemaVersion: 1,
    id,
    surveyId: 'complaint',
    createdAt: '2026-11-24T10:00:00.000Z',
    locale: 'ko-KR',
    answers: [
      { type: 'rating', questionId: 'rating', scale: 'csat5', value },
      { type: 'choice', questionId: 'reasons', values: ['late-delivery'], other: XSS },
      { type: 'text', questionId: 'details', value: text },
      { type: 'contact', questionId: 'contact', consent: true, email: 'min@example.com' },
    ],
    context: { url: 'javascript:alert(1)' },
    ...extra,
  };
}

function record(r: SurveyResponse, receivedAt: string): StoredResponse {
  return { id: r.id, surveyId: r.surveyId, receivedAt, sentiment: responseSentiment(r), digest: r.id, response: r };
}

async function seeded() {
  const store = memoryStore();
  await store.putIfAbsent(record(response('9b2f3c1e-7d4a-4c55-9a53-2f0b1e8c6d71', 1, `배송이 너무 늦었어요 ${XSS}`), '2026-11-24T10:00:01.000Z'));
  await store.putIfAbsent(record(response('9b2f3c1e-7d4a-4c55-9a53-2f0b1e8c6d72', 5, 'Lovely tea'), '2026-11-24T10:00:02.000Z'));
  return store;
}

const local = { ip: '127.0.0.1' };

describe('html', () => {
  it('escapes every interpolation but keeps nested html', () => {
    expect(html`<p title="${'"x"'}">${XSS}${html`<b>${'&'}</b>`}</p>`.value).toBe(
      '<p title="&quot;x&quot;">&lt;img src=x onerror=alert(1)&gt;<b>&amp;</b></p>',
    );
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});

describe('inbox page', () => {
  it('shows newest first, marks negative ones and renders user text only as text', async () => {
    const route = inboxRoute({ store: await seeded(), feed: createAlertFeed('s'), surveyIds: ['complaint'] });
    const res = await route(new Request('http://127.0.0.1/inbox'), local);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await res.text();
    expect(page).not.toContain(XSS);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('href="javascript:');
    expect(page.indexOf('Lovely tea')).toBeLessThan(page.indexOf('배송이 너무 늦었어요'));
    expect(page).toMatch(/class="response negative"[\s\S]*배송이 너무 늦었어요/);
    expect(page).toContain('<a href="mailto:min@example.com">min@example.com</a>');
    expect(page).toMatch(/CSAT<\/dt><dd>50 %/);
  });

  it('filters by sentiment', async () => {
    const route = inboxRoute({ store: await seeded(), feed: createAlertFeed('s'), surveyIds: ['complaint'] });
    const page = await (await route(new Request('http://127.0.0.1/inbox?sentiment=negative'), local)).text();
    expect(page).toContain('배송이 너무 늦었어요');
    expect(page).not.toContain('Lovely tea');
  });

  it('is refused to other machines without a token, and requires a sign-in when one is set', async () => {
    const store = await seeded();
    const open = inboxRoute({ store, feed: createAlertFeed('s'), surveyIds: [] });
    const refused = await open(new Request('http://10.0.0.5/inbox'), { ip: '10.0.0.9' });
    expect(refused.status).toBe(403);
    const message = await refused.text();
    expect(message).toContain('--host 0.0.0.0 --token');
    expect(message).not.toContain('--public');
    expect((await open(new Request('http://127.0.0.1/inbox'), { ip: '::ffff:127.0.0.1' })).status).toBe(200);
    const guarded = inboxRoute({ store, feed: createAlertFeed('s'), token: 't0ken', surveyIds: [] });
    expect((await guarded(new Request('http://127.0.0.1/inbox'), local)).status).toBe(403);
    expect((await guarded(new Request('http://x/inbox?token=t0ke'), { ip: '10.0.0.9' })).status).toBe(403);
    expect((await guarded(new Request('http://x/inbox', { headers: { authorization: 'Bearer t0ken' } }), { ip: '10.0.0.9' })).status).toBe(200);
    const signIn = await guarded(new Request('http://x/inbox?token=t0ken'), { ip: '10.0.0.9' });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const page = await guarded(new Request('http://x/inbox', { headers: { cookie } }), { ip: '10.0.0.9' });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('t0ken');
  });

  it('serves its own CSS and JS to anyone, and nothing else from the assets path', async () => {
    const guarded = inboxRoute({ store: await seeded(), feed: createAlertFeed('s'), token: 't0ken', surveyIds: [] });
    for (const asset of ['inbox.css', 'inbox.js']) expect((await guarded(new Request(`http://x/inbox/assets/${asset}`), { ip: '10.0.0.9' })).status).toBe(200);
    for (const asset of ['__proto__', 'constructor', '..%2Fsrc%2Fdemo.ts', 'shop.js']) {
      expect((await guarded(new Request(`http://x/inbox/assets/${asset}`), { ip: '10.0.0.9' })).status).toBe(404);
    }
  });

  it('exports every response as JSON lines', async () => {
    const route = inboxRoute({ store: await seeded(), feed: createAlertFeed('s'), surveyIds: [] });
    const text = await (await route(new Request('http://127.0.0.1/inbox/export.jsonl'), local)).text();
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as StoredResponse);
    expect(lines.map((l) => l.response.answers.length)).toEqual([4, 4]);
  });
});

describe('alert feed', () => {
  it('accepts signed alerts once per alert id and refuses bad signatures', async () => {
    const { signPayload } = await import('@earful/server');
    const feed = createAlertFeed('secret');
    const body = JSON.stringify({ id: 'r1', surveyId: 'complaint', comments: [{ questionId: 'd', text: 'late' }] });
    const post = (signature: string) =>
      feed.receive(new Request('http://x/hook', { method: 'POST', body, headers: { 'earful-signature': signature, 'earful-alert-id': 'r1:demo' } }));
    expect((await post('t=1,v1=00')).status).toBe(401);
    expect((await post(signPayload('secret', body))).status).toBe(204);
    expect((await post(signPayload('secret', body))).status).toBe(204);
    expect(feed.count).toBe(1);
    expect(feed.since(0)[0]?.payload.comments[0]?.text).toBe('late');
  });
});
