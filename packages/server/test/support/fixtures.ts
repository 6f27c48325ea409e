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

/** A negative response (CSAT 1) with one text answer; `extra` answers and fields are added. */
export function complaint(text: string, overrides: Partial<SurveyResponseInput> = {}): SurveyResponse {
  const { answers = [], ...rest } = overrides;
  return makeResponse({
    answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 1 }, { type: 'text', questionId: 'q2', value: text }, ...answers],
    ...rest,
  });
}

/** Every item of an async iterable, in order. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * Waits until `check()` is true, polling every 10 ms, for at most `ms` (then fails with `what`):
 * for changes that a store delivers asynchronously (PostgreSQL's LISTEN/NOTIFY).
 */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
