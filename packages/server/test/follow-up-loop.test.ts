/**
 * The recovery loop through the public pieces: a complaint is resolved over `/api`, the follow-up
 * link the API returns opens the page, the customer answers "gold", and the case, its timeline
 * and the summary's recovery rate say the customer was won back — while the answer itself is no
 * new case in the queue or the dashboard's counts. A "red" answer puts the case back in the queue.
 */
import { describe, expect, it } from 'vitest';
import type { CaseListItem, CaseListPage, Summary } from '@earful/schema';
import { followUpRoutes } from '../src/follow-up/follow-up-routes.js';
import { apiHarness, type ApiHarness } from './support/api-harness.js';

const PUBLIC = 'https://feedback.shop.example';

describe('the recovery loop', () => {
  it('resolve → follow-up link → "gold" on the page → recovery rate 100 %', async () => {
    const h = await apiHarness({ publicUrl: PUBLIC });
    try {
      const complaint = await h.seed({ locale: 'ko', answers: [{ type: 'rating', questionId: 'q', scale: 'csat5', value: 1 }] });
      const resolved = await h.call(`/api/cases/${complaint.id}`, { method: 'PATCH', headers: { 'if-match': '"1"' }, body: { status: 'resolved', remedy: 'refund' } });
      expect(resolved.status).toBe(200);

      const linkAnswer = await h.call(`/api/cases/${complaint.id}/follow-up`, { method: 'POST', body: {} });
      expect(linkAnswer.status).toBe(201);
      const { url } = (await linkAnswer.json()) as { url: string };
      expect(url.startsWith(`${PUBLIC}/follow-up/`)).toBe(true);

      // The customer opens the link on the receiver (its public URL) and answers with the form.
      const page = followUpRoutes({ store: h.store, now: () => h.clock, widgetScript: false });
      const opened = await page(new Request(url));
      expect(opened.status).toBe(200);
      expect(await opened.text()).toContain('문제가 잘 해결되었나요?');
      const sent = await page(new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'rating=4&text=%EA%B0%90%EC%82%AC%ED%95%A9%EB%8B%88%EB%8B%A4' }));
      expect(sent.status).toBe(303);

      const detail = (await (await h.call(`/api/cases/${complaint.id}`)).json()) as { case: { followUp: { sentiment: string; responseId: string } }; timeline: { type: string }[] };
      expect(detail.case.followUp).toMatchObject({ sentiment: 'positive' });
      expect(detail.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['follow_up_sent', 'follow_up_answered']));
      const answer = (await (await h.call(`/api/cases/${detail.case.followUp.responseId}`)).json()) as { response: { surveyId: string; metadata: object } };
      expect(answer.response).toMatchObject({ surveyId: 'follow-up', metadata: { followUpOf: complaint.id } });

      const summary = (await (await h.call('/api/summary')).json()) as Summary;
      expect(summary.recovery).toEqual({ sent: 1, answered: 1, positive: 1, rate: 100 });
      // What the inbox's dashboard and queue read: the complaint, resolved, and no new case.
      expect(summary.total).toBe(1);
      expect(summary.cases.open).toBe(0);
      expect(summary.thermometer.gold).toBe(0);
      expect(await caseIds(h, '/api/cases')).toEqual([complaint.id]);
      expect(await caseIds(h, '/api/cases?status=new&sort=urgent')).toEqual([]);
      // Asked for by its survey, the answer is there — and the export keeps it: it is what the customer said.
      expect(await caseIds(h, '/api/cases?survey=follow-up')).toEqual([detail.case.followUp.responseId]);
      expect(((await (await h.call('/api/summary?survey=follow-up')).json()) as Summary).thermometer.gold).toBe(1);
      const exported = (await (await h.call('/api/export?format=jsonl')).text()).trim().split('\n').map((line) => (JSON.parse(line) as CaseListItem).response.surveyId);
      // (Both arrived at the harness clock's one time, so their order is by id.)
      expect(exported.sort()).toEqual(['checkout', 'follow-up']);
    } finally {
      await h.close();
    }
  });

  it('"red" on the page reopens the resolved complaint: back in the queue, open again on the dashboard', async () => {
    const h = await apiHarness({ publicUrl: PUBLIC });
    try {
      const complaint = await h.seed({ answers: [{ type: 'rating', questionId: 'q', scale: 'csat5', value: 1 }] });
      expect((await h.call(`/api/cases/${complaint.id}`, { method: 'PATCH', headers: { 'if-match': '"1"' }, body: { status: 'resolved', remedy: 'fix' } })).status).toBe(200);
      const { url } = (await (await h.call(`/api/cases/${complaint.id}/follow-up`, { method: 'POST', body: {} })).json()) as { url: string };
      const page = followUpRoutes({ store: h.store, now: () => h.clock, widgetScript: false });
      const sent = await page(new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'rating=1&text=Still+broken' }));
      expect(sent.status).toBe(303);

      const detail = (await (await h.call(`/api/cases/${complaint.id}`)).json()) as { case: { status: string; remedy: string | null }; timeline: { type: string; actor: string }[] };
      expect(detail.case).toMatchObject({ status: 'acknowledged', remedy: null });
      expect(detail.timeline.slice(-2).map((e) => [e.type, e.actor])).toEqual([['follow_up_answered', 'customer'], ['status_changed', 'customer']]);
      expect(await caseIds(h, '/api/cases?status=new,acknowledged,resolving&sort=urgent')).toEqual([complaint.id]);
      const summary = (await (await h.call('/api/summary')).json()) as Summary;
      expect(summary.cases.open).toBe(1);
      expect(summary.total).toBe(1);
      expect(summary.recovery).toEqual({ sent: 1, answered: 1, positive: 0, rate: 0 });
    } finally {
      await h.close();
    }
  });
});

async function caseIds(h: ApiHarness, path: string): Promise<string[]> {
  const answer = await h.call(path);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as CaseListPage).items.map((item) => item.case.id);
}
