/**
 * The recovery loop through the public pieces: a complaint is resolved over `/api`, the follow-up
 * link the API returns opens the page, the customer answers "gold", and the case, its timeline
 * and the summary's recovery rate say the customer was won back.
 */
import { describe, expect, it } from 'vitest';
import { followUpRoutes } from '../src/follow-up/follow-up-routes.js';
import { apiHarness } from './support/api-harness.js';

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

      const summary = (await (await h.call('/api/summary')).json()) as { recovery: { sent: number; answered: number; positive: number; rate: number } };
      expect(summary.recovery).toEqual({ sent: 1, answered: 1, positive: 1, rate: 100 });
    } finally {
      await h.close();
    }
  });
});
