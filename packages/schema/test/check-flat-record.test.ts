/**
 * `checkFlatRecord` is the record rule of `checkResponse`, taken alone: for any value it gives the
 * problems `checkResponse` reports under `metadata`, and a clean copy when there are none.
 */
import { expect, it } from 'vitest';
import { checkFlatRecord, checkResponse } from '../src/lean.js';

const response = (metadata: unknown) => ({
  schemaVersion: 1,
  id: '3f1c2b9e-8d4a-4c7e-9b1a-2e5f6a7b8c9d',
  surveyId: 'checkout',
  createdAt: '2026-11-22T09:30:00.000Z',
  locale: 'en',
  answers: [{ type: 'rating', questionId: 'q', scale: 'csat5', value: 2 }],
  metadata,
});

const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));

it.each([
  [{ orderId: 'A-1001', total: 35.5, gift: false }],
  [{}],
  [{ '': 1 }],
  [{ ['k'.repeat(65)]: 1 }],
  [{ note: 'x'.repeat(501) }],
  [{ note: '😀'.repeat(500) }],
  [{ nested: { a: 1 } }],
  [{ list: [1] }],
  [{ nan: Number.NaN, inf: Number.POSITIVE_INFINITY, nil: null }],
  [many],
  ['A-1001'],
  [['A-1001']],
  [null],
  [new Date(0)],
])('%j: the same verdict and problems as checkResponse', (record) => {
  const alone = checkFlatRecord(record, 'metadata');
  const whole = checkResponse(response(record));
  if (whole.ok) {
    expect(alone).toEqual({ ok: true, value: whole.value.metadata });
  } else {
    expect(alone).toEqual({ ok: false, problems: whole.problems });
  }
});

it('drops a __proto__ key, so the copy cannot pollute prototypes', () => {
  const result = checkFlatRecord(JSON.parse('{"__proto__":{"polluted":true},"orderId":"A-1"}'), 'metadata');
  expect(result).toEqual({ ok: true, value: { orderId: 'A-1' } });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
