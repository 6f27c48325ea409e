/** Valid responses for tests: each call makes a new id unless one is given. */
import { randomUUID } from 'node:crypto';
import { digestOf } from '../../src/internal/digest.js';
import { responseSentiment, type SurveyResponse, type SurveyResponseInput } from '@earful/schema';
import type { StoredResponse } from '../../src/store.js';

export function makeResponse(overrides: Partial<SurveyResponseInput> = {}): SurveyResponse {
  return {
    schemaVersion: 1,
    id: randomUUID(),
    surveyId: 'checkout',
    createdAt: '2026-11-22T09:30:00.000Z',
    locale: 'en',
    answers: [
      { type: 'rating', questionId: 'q1', scale: 'csat5', value: 2 },
      { type: 'text', questionId: 'q2', value: 'The delivery was late.' },
    ],
    context: { url: 'https://shop.example/checkout' },
    ...overrides,
  } as SurveyResponse;
}

export function makeRecord(response: SurveyResponse, receivedAt: string | number = Date.now()): StoredResponse {
  return {
    id: response.id,
    surveyId: response.surveyId,
    receivedAt: new Date(receivedAt).toISOString(),
    sentiment: responseSentiment(response),
    digest: digestOf(response),
    response,
  };
}

export function post(body: unknown, init: { headers?: Record<string, string>; url?: string; method?: string } = {}): Request {
  return new Request(init.url ?? 'http://receiver.test/', {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
