/** The shared case query rules: urgency, cursors, search terms and the SQL they become. */
import { describe, expect, it } from 'vitest';
import { isStoreError } from '../src/errors.js';
import { newCase } from '../src/stores/shared/case-rules.js';
import {
  caseOrderSql,
  caseWhereSql,
  encodeCaseCursor,
  likeContains,
  NO_DUE,
  normalizeCaseQuery,
  urgencyOf,
  type CaseDialect,
} from '../src/stores/shared/case-query.js';
import { searchTerms, searchTextOf } from '../src/stores/shared/search-text.js';
import { makeRecord, makeResponse } from './support/fixtures.js';

const due = '2026-12-01T10:00:00.000Z';

describe('urgencyOf', () => {
  const base = { sentiment: 'negative' as const, firstResponseAt: null, firstResponseDueAt: due, resolutionDueAt: '2026-12-08T10:00:00.000Z' };

  it('puts open negative cases first, other open ones next, closed ones last', () => {
    expect(urgencyOf({ ...base, status: 'new' })).toEqual({ priority: 0, urgencyDue: Date.parse(due) });
    expect(urgencyOf({ ...base, status: 'acknowledged', sentiment: 'neutral' }).priority).toBe(1);
    expect(urgencyOf({ ...base, status: 'resolving', sentiment: null }).priority).toBe(1);
    expect(urgencyOf({ ...base, status: 'resolved' })).toEqual({ priority: 2, urgencyDue: NO_DUE });
    expect(urgencyOf({ ...base, status: 'spam' })).toEqual({ priority: 2, urgencyDue: NO_DUE });
  });

  it('is due at the first-response target until someone responds, then at the resolution target', () => {
    expect(urgencyOf({ ...base, status: 'acknowledged', firstResponseAt: due }).urgencyDue).toBe(Date.parse(base.resolutionDueAt));
    expect(urgencyOf({ ...base, status: 'new', firstResponseDueAt: null }).urgencyDue).toBe(NO_DUE);
  });
});

describe('normalizeCaseQuery', () => {
  it('round-trips cursors of both sorts and refuses one of the other sort', () => {
    const position = { priority: 1 as const, urgencyDue: NO_DUE, receivedAt: 1_700_000_000_000, id: 'a|b' };
    const urgent = encodeCaseCursor(position, 'urgent');
    expect(normalizeCaseQuery({ sort: 'urgent', cursor: urgent }).after).toEqual(position);
    const newest = encodeCaseCursor(position, 'newest');
    expect(normalizeCaseQuery({ cursor: newest }).after).toMatchObject({ receivedAt: position.receivedAt, id: 'a|b' });
    expect(() => normalizeCaseQuery({ sort: 'urgent', cursor: newest })).toThrow(/sort "urgent"/);
    expect(() => normalizeCaseQuery({ cursor: urgent })).toThrow(/sort "newest"/);
  });

  it('takes any q the API lets through: 200 characters are at most 100 terms', () => {
    const q = Array.from({ length: 100 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join(' ').slice(0, 200);
    expect(normalizeCaseQuery({ q }).terms).toHaveLength(100);
  });

  it('refuses what no store can answer, with a StoreError naming the field', () => {
    const bad = [
      { limit: 0 },
      { limit: 1001 },
      { status: [] },
      { status: ['open' as never] },
      { sentiment: 'angry' as never },
      { sort: 'oldest' as never },
      { since: 'last week' },
      { cursor: 'garbage' },
      { cursor: Buffer.from('u|9|1|2|x').toString('base64url'), sort: 'urgent' as const },
      { metadata: { orderId: 1001 as never } },
      { q: Array.from({ length: 101 }, (_, i) => `w${i}`).join(' ') },
      { now: Number.NaN },
    ];
    for (const query of bad) expect(() => normalizeCaseQuery(query), JSON.stringify(query)).toThrow(expect.toSatisfy(isStoreError));
  });
});

describe('search text', () => {
  it('folds case and Unicode normalization on both sides', () => {
    const record = makeRecord(makeResponse({ answers: [{ type: 'text', questionId: 't', value: 'Piegāde KAVĒJĀS' }] }));
    const text = searchTextOf(record, []);
    for (const term of searchTerms('KAVĒJĀS'.normalize('NFD'))) expect(text).toContain(term);
    expect(searchTerms('  Late  배송 late ')).toEqual(['late', '배송']);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('reads texts, "other", contact name, metadata values, user id and notes — not emails', () => {
    const record = makeRecord(
      makeResponse({
        answers: [
          { type: 'text', questionId: 't', value: 'text-answer' },
          { type: 'choice', questionId: 'c', values: ['late'], other: 'other-text' },
          { type: 'contact', questionId: 'p', consent: true, email: 'kim@example.kr', name: 'Kim Name' },
        ],
        metadata: { orderId: 'A-1001', n: 7 },
        user: { id: 'User-9' },
      }),
    );
    expect(searchTextOf(record, ['a Note'])).toBe('text-answer\nother-text\nkim name\na-1001\n7\nuser-9\na note');
  });
});

describe('caseWhereSql', () => {
  const dialect: CaseDialect = {
    text: (terms, next) => terms.map((t) => `search LIKE ${next(likeContains(t))}`).join(' AND '),
    reason: (value, next) => `REASON(${next(value)})`,
    tag: (value, next) => `TAG(${next(value)})`,
    metadata: (key, value, next) => `META(${next(key)}, ${next(value)})`,
  };

  it('writes every filter and the urgent cursor with numbered parameters', () => {
    const cursor = encodeCaseCursor({ priority: 0, urgencyDue: 5, receivedAt: 9, id: 'x' }, 'urgent');
    const q = normalizeCaseQuery({
      status: ['new', 'resolving'],
      sentiment: 'none',
      surveyId: 's',
      assignee: null,
      tag: 'vip',
      overdue: false,
      since: new Date(1),
      until: new Date(2),
      reason: 'late',
      metadata: { orderId: 'A-1' },
      q: '100%_off',
      sort: 'urgent',
      cursor,
      now: 50,
    });
    const { where, params } = caseWhereSql(q, (n) => `$${n}`, dialect, 'c');
    expect(where).toBe(
      'WHERE c.status IN ($1, $2) AND c.sentiment IS NULL AND c.survey_id = $3 AND c.assignee IS NULL AND TAG($4)' +
        ' AND (c.priority <> 0 OR c.first_response_at IS NOT NULL OR c.urgency_due > $5) AND c.received_at >= $6 AND c.received_at < $7' +
        ' AND REASON($8) AND META($9, $10)' +
        ' AND (c.priority > $11 OR (c.priority = $12 AND (c.urgency_due > $13 OR (c.urgency_due = $14 AND (c.received_at, c.id) < ($15, $16)))))' +
        ' AND search LIKE $17',
    );
    expect(params).toEqual(['new', 'resolving', 's', 'vip', 50, 1, 2, 'late', 'orderId', 'A-1', 0, 0, 5, 5, 9, 'x', '%100\\%\\_off%']);
    // Placeholders appear in the text in parameter order, as SQLite's `?` needs.
    expect([...where.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]))).toEqual(params.map((_, i) => i + 1));
    expect(caseOrderSql('urgent', 'c')).toBe('c.priority ASC, c.urgency_due ASC, c.received_at DESC, c.id DESC');
    // Without a survey, the follow-up answers are left out (they belong to the cases they answer).
    expect(caseWhereSql(normalizeCaseQuery({ overdue: true, now: 7 }), () => '?', dialect)).toEqual({
      where: 'WHERE survey_id <> ? AND (priority = 0 AND first_response_at IS NULL AND urgency_due <= ?)',
      params: ['follow-up', 7],
    });
  });
});

it('newCase starts where case-query expects', () => {
  const { fields } = newCase(makeRecord(makeResponse()), { firstResponseDueAt: due, resolutionDueAt: null });
  expect(urgencyOf(fields)).toEqual({ priority: 0, urgencyDue: Date.parse(due) });
});
