/**
 * The read routes: `GET /api/summary`, the streamed `GET /api/export` (CSV with the CLI's columns
 * or JSON Lines; a client that goes away stops the reading), and the lists — templates, surveys,
 * users — with their refusals.
 */
import type { CaseListItem, ReplyTemplate, StaffMember, Summary } from '@earful/schema';
import { parseSurvey } from '@earful/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CSV_HEADER, csvLine } from '../src/cli/csv.js';
import { apiHarness, contact, STAFF, type ApiHarness } from './support/api-harness.js';

const survey = parseSurvey({ id: 'checkout', questions: [{ id: 'q1', type: 'rating', scale: 'csat5', prompt: { en: 'How did we do?', ko: '어떠셨나요?' } }] });
let h: ApiHarness;

beforeEach(async () => {
  h = await apiHarness({ surveys: [survey] });
});
afterEach(async () => {
  await h.close();
});

describe('GET /api/summary', () => {
  it('answers the store summary, filtered by survey and since, with days of series', async () => {
    await h.seed();
    await h.seed({ surveyId: 'other', answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 5 }] });
    const all = (await (await h.call('/api/summary?days=7')).json()) as Summary;
    expect(all.total).toBe(2);
    expect(all.series).toHaveLength(7);
    expect(all.series.at(-1)!.day).toBe(new Date(h.clock).toISOString().slice(0, 10));
    expect(all.csat).toMatchObject({ answers: 2, satisfied: 1, percent: 50 });
    const one = (await (await h.call('/api/summary?survey=other')).json()) as Summary;
    expect(one.total).toBe(1);
    expect(one.series).toHaveLength(90);
    const later = (await (await h.call(`/api/summary?since=${new Date(h.clock + 1000).toISOString()}`)).json()) as Summary;
    expect(later.total).toBe(0);
  });

  it('answers 400 for days out of range, bad dates and unknown parameters', async () => {
    for (const query of ['days=0', 'days=367', 'days=1e2', 'since=soon', 'surveyId=x', 'survey=', `survey=${'s'.repeat(65)}`]) {
      const answer = await h.call(`/api/summary?${query}`);
      expect(answer.status, query).toBe(400);
    }
  });
});

describe('GET /api/export', () => {
  it('streams CSV with the CLI columns, oldest first, and names a file', async () => {
    const first = await h.seed({ answers: [{ type: 'text', questionId: 'q', value: '=HYPERLINK("http://evil")' }] });
    h.clock += 1000;
    const second = await h.seed();
    const answer = await h.call('/api/export?format=csv', { as: 'read-only' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="earful-export-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await answer.text()).trimEnd().split('\n');
    expect(lines[0]).toBe(csvLine(CSV_HEADER));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([first.id, second.id]);
    // A formula from a stranger is defused, as in the CLI's export.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('streams JSON Lines of { case, response }, filtered by survey and since', async () => {
    const kept = await h.seed({ surveyId: 'checkout' });
    await h.seed({ surveyId: 'other' });
    const answer = await h.call('/api/export?format=jsonl&survey=checkout');
    expect(answer.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const items = (await answer.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as CaseListItem);
    expect(items).toHaveLength(1);
    expect(items[0]!.response).toEqual(kept);
    expect(items[0]!.case).toMatchObject({ id: kept.id, status: 'new' });
    const none = await h.call(`/api/export?format=jsonl&since=${new Date(h.clock + 1).toISOString()}`);
    expect(await none.text()).toBe('');
  });

  it('reads the store only as fast as the client takes the stream, and stops when it goes', async () => {
    for (let i = 0; i < 2000; i += 1) await h.seed({ answers: [{ type: 'text', questionId: 'q', value: 'x'.repeat(200) }] });
    const original = h.store.exportRows.bind(h.store);
    let pulled = 0;
    let finished = false;
    vi.spyOn(h.store, 'exportRows').mockImplementation((options) =>
      (async function* () {
        try {
          for await (const row of original(options)) {
            pulled += 1;
            yield row;
          }
        } finally {
          finished = true;
        }
      })(),
    );
    const answer = await h.call('/api/export?format=jsonl');
    const reader = answer.body!.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 20));
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(2000);
    await reader.cancel();
    expect(finished).toBe(true);
    expect(pulled).toBeLessThan(2000);
  });

  it('answers 400 for another format or unknown parameters', async () => {
    for (const query of ['format=xml', 'format=csv&format=jsonl', 'since=later', 'limit=5']) {
      expect((await h.call(`/api/export?${query}`)).status, query).toBe(400);
    }
  });
});

describe('lists', () => {
  it('GET /api/templates?locale=ko lists one template per name in Korean, variables left in', async () => {
    const templates = (await (await h.call('/api/templates?locale=ko-KR')).json()) as ReplyTemplate[];
    expect(templates.length).toBeGreaterThan(0);
    expect(templates.every((t) => t.locale === 'ko')).toBe(true);
    expect(templates.find((t) => t.name === 'apology')!.subject).toContain('{orderId}');
    expect(new Set(templates.map((t) => t.name)).size).toBe(templates.length);
    const all = (await (await h.call('/api/templates')).json()) as ReplyTemplate[];
    expect(new Set(all.map((t) => t.locale))).toEqual(new Set(['en', 'ko', 'lv', 'te', 'et']));
    for (const locale of ['xx_YY', 'en;drop', 'a'.repeat(40)]) expect((await h.call(`/api/templates?locale=${locale}`)).status, locale).toBe(400);
  });

  it('GET /api/surveys answers the definitions the receiver was given', async () => {
    expect(await (await h.call('/api/surveys')).json()).toEqual([JSON.parse(JSON.stringify(survey))]);
    expect((await h.call('/api/surveys?x=1')).status).toBe(400);
  });

  it('GET /api/users answers emails only — never a password hash', async () => {
    const answer = await h.call('/api/users', { as: 'key' });
    const text = await answer.text();
    expect(JSON.parse(text) as StaffMember[]).toEqual([{ email: STAFF }]);
    expect(text).not.toContain('passwordHash');
  });

  it('needs credentials for every list', async () => {
    for (const path of ['/api/templates', '/api/surveys', '/api/users', '/api/summary', '/api/export', '/api/events']) {
      expect((await h.call(path, { as: 'nobody' })).status, path).toBe(401);
    }
  });
});

it('exports a consented contact the way the CLI does', async () => {
  await h.seed({ answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, contact('kim@example.kr', 'Kim')] });
  const csv = await (await h.call('/api/export')).text();
  expect(csv).toContain('Kim; kim@example.kr');
});
