import type { Sentiment, SurveyResponse } from '@earful/schema';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createHandler,
  memoryStore,
  toNodeListener,
  webhookAlert,
  type Alert,
  type EarfulHandler,
  type HookContext,
  type ResponseStore,
  type StoredResponse,
} from '../src/index.js';
import { postgresStore } from '../src/stores/postgres.js';
import { sqliteStore } from '../src/stores/sqlite.js';

describe('public types', () => {
  it('the handler is a Fetch-API function', () => {
    const handler = createHandler({ store: memoryStore() });
    expectTypeOf(handler).toExtend<(request: Request) => Promise<Response>>();
    expectTypeOf(handler).toEqualTypeOf<EarfulHandler>();
    expectTypeOf(toNodeListener).parameter(0).toExtend<(request: Request) => Promise<Response>>();
  });

  it('every store is a ResponseStore', () => {
    expectTypeOf(memoryStore()).toEqualTypeOf<ResponseStore>();
    expectTypeOf(sqliteStore).returns.toEqualTypeOf<ResponseStore>();
    expectTypeOf(postgresStore).returns.toEqualTypeOf<ResponseStore>();
    expectTypeOf<StoredResponse['response']>().toEqualTypeOf<SurveyResponse>();
    expectTypeOf<StoredResponse['sentiment']>().toEqualTypeOf<Sentiment | null>();
  });

  it('hooks get the parsed response and a context', () => {
    createHandler({
      store: memoryStore(),
      onNegative: (response, context) => {
        expectTypeOf(response).toEqualTypeOf<SurveyResponse>();
        expectTypeOf(context).toEqualTypeOf<HookContext>();
      },
    });
    expectTypeOf(webhookAlert({ url: 'https://ops.example/hook' })).toEqualTypeOf<Alert>();
    // @ts-expect-error a store is required
    createHandler({});
    // @ts-expect-error format is json or slack
    webhookAlert({ url: 'https://ops.example/hook', format: 'xml' });
  });
});
