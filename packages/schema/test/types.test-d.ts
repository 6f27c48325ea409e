import { expectTypeOf, test } from 'vitest';
import type { Answer, RatingScale, Sentiment, Survey, SurveyResponse } from '../src/index.js';
import { parseResponse, sentimentOf } from '../src/index.js';

test('a parsed response has the wire field names and types', () => {
  const r = parseResponse({});
  expectTypeOf(r.schemaVersion).toEqualTypeOf<1>();
  expectTypeOf(r.id).toEqualTypeOf<string>();
  expectTypeOf(r.answers).toEqualTypeOf<Answer[]>();
  expectTypeOf(r.metadata).toEqualTypeOf<Record<string, string | number | boolean> | undefined>();
  expectTypeOf<SurveyResponse['locale']>().toEqualTypeOf<string>();
});

test('answers narrow by type and rating answers by scale', () => {
  const a = {} as Answer;
  if (a.type === 'rating') expectTypeOf(a.scale).toEqualTypeOf<RatingScale>();
  if (a.type === 'contact') expectTypeOf(a.consent).toEqualTypeOf<true>();
  if (a.type === 'choice') expectTypeOf(a.values).toEqualTypeOf<string[]>();
});

test('sentiment is a closed union or null', () => {
  expectTypeOf(sentimentOf).returns.toEqualTypeOf<Sentiment | null>();
  expectTypeOf<Sentiment>().toEqualTypeOf<'negative' | 'neutral' | 'positive'>();
});

test('survey questions narrow by type', () => {
  const q = {} as Survey['questions'][number];
  if (q.type === 'rating') expectTypeOf(q.scale).toEqualTypeOf<RatingScale>();
});
