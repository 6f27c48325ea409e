/** `earful export` rows: their own shape (not the alert payload's), every column flat text. */
import { readFileSync } from 'node:fs';
import type { SurveyResponse } from '@earful/schema';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvRow } from '../src/cli/csv.js';
import { EXPORT_COLUMNS, exportRow } from '../src/cli/export-row.js';
import { makeRecord, makeResponse } from './support/fixtures.js';

const answers = [
  { type: 'rating', questionId: 'q1', scale: 'csat5', value: 2 },
  { type: 'rating', questionId: 'q2', scale: 'nps', value: 9 },
  { type: 'text', questionId: 'q3', value: 'Late again.' },
  { type: 'text', questionId: 'q4', value: '   ' },
  { type: 'choice', questionId: 'q5', values: ['slow', 'price'], other: 'box was wet' },
  { type: 'choice', questionId: 'q6', values: ['fast'] },
  { type: 'contact', questionId: 'q7', consent: true, name: 'Ada', email: 'ada@example.com' },
] as SurveyResponse['answers'];

describe('export rows', () => {
  it('flatten every answer into its column', () => {
    const record = makeRecord(makeResponse({ answers, locale: 'de' }), '2026-11-22T10:00:00.000Z');
    expect(exportRow(record)).toEqual({
      id: record.id,
      surveyId: 'checkout',
      receivedAt: '2026-11-22T10:00:00.000Z',
      createdAt: '2026-11-22T09:30:00.000Z',
      sentiment: 'negative',
      ratings: 'q1=2/csat5; q2=9/nps',
      comments: 'Late again.',
      reasons: 'slow; price; box was wet | fast',
      contact: 'Ada; ada@example.com',
      page: 'https://shop.example/checkout',
      locale: 'de',
    });
    expect(Object.keys(exportRow(record))).toEqual([...EXPORT_COLUMNS]);
    expect(CSV_HEADER).toEqual(EXPORT_COLUMNS);
  });

  it('leave out contact details given without consent, and empty columns stay empty', () => {
    // The schema refuses these; a row written by older code or by hand must still not leak them.
    const leaky = [{ type: 'contact', questionId: 'q7', consent: false, email: 'ada@example.com' }] as unknown as SurveyResponse['answers'];
    const record = makeRecord(makeResponse({ answers: leaky, context: undefined }));
    const row = exportRow({ ...record, sentiment: null });
    expect(row.contact).toBe('');
    expect([row.sentiment, row.ratings, row.comments, row.reasons, row.page]).toEqual(['', '', '', '', '']);
    expect(csvRow({ ...record, sentiment: null })).not.toContain('ada@example.com');
  });

  it('are built without the alert payload', () => {
    for (const file of ['csv.ts', 'export-row.ts']) {
      const code = readFileSync(new URL(`../src/cli/${file}`, import.meta.url), 'utf8');
      expect(code, file).not.toMatch(/from '\.\.\/alerts\//);
    }
  });
});
