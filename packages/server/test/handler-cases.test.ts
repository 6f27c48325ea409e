/**
 * The receiver opens a case for every response with its SLA targets, and acknowledges an erased
 * id without storing it again (Guarantee 12); the new options are checked up front.
 */
import { describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../src/cases/business-hours.js';
import { createHandler } from '../src/create-handler.js';
import { isConfigError } from '../src/errors.js';
import type { HandlerOptions } from '../src/handler-options.js';
import { memoryStore } from '../src/stores/memory.js';
import { makeResponse, post } from './support/fixtures.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-27T16:30:00.000Z'); // Friday 18:30 in Riga
const setup = (options: Partial<HandlerOptions> = {}) => {
  const store = memoryStore();
  return { store, handler: createHandler({ store, now: () => NOW, onError: () => {}, ...options }) };
};

describe('cases on arrival', () => {
  it('every response gets a case with the default targets: 24 h and 7 days', async () => {
    const { store, handler } = setup();
    const response = makeResponse();
    expect((await handler(post(response))).status).toBe(202);
    const found = await store.getCase(response.id, { now: NOW });
    expect(found?.case).toMatchObject({
      status: 'new',
      firstResponseDueAt: new Date(NOW + 24 * HOUR).toISOString(),
      resolutionDueAt: new Date(NOW + 7 * 24 * HOUR).toISOString(),
    });
  });

  it('per-survey targets in business hours, and sla: false for none', async () => {
    const businessHours = parseBusinessHours('Mon-Fri 09:00-17:00', 'Europe/Riga');
    const { store, handler } = setup({ sla: { firstResponseMs: 4 * HOUR, resolutionMs: null, perSurvey: { checkout: { businessHours } } } });
    const checkout = makeResponse({ surveyId: 'checkout' });
    const support = makeResponse({ surveyId: 'support' });
    await handler(post(checkout));
    await handler(post(support));
    expect((await store.getCase(checkout.id))?.case).toMatchObject({ firstResponseDueAt: '2026-11-30T11:00:00.000Z', resolutionDueAt: null });
    expect((await store.getCase(support.id))?.case).toMatchObject({ firstResponseDueAt: new Date(NOW + 4 * HOUR).toISOString(), resolutionDueAt: null });

    const off = setup({ sla: false });
    const plain = makeResponse();
    await off.handler(post(plain));
    expect((await off.store.getCase(plain.id))?.case).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null });
  });
});

describe('an erased id (Guarantee 12)', () => {
  it('sent again by a client\'s queue is acknowledged as a repeat and not stored again', async () => {
    const { store, handler } = setup();
    const response = makeResponse();
    expect((await handler(post(response))).status).toBe(202);
    await store.erase({ responseId: response.id }, { actor: 'system', at: new Date(NOW).toISOString() });
    expect(await store.get(response.id)).toBeUndefined();

    for (const body of [response, { ...response, answers: [{ type: 'text', questionId: 'q', value: 'a different body' }] }, { ...response, id: response.id.toUpperCase() }]) {
      const again = await handler(post(body));
      expect(again.status).toBe(202);
      expect(await again.json()).toEqual({ id: response.id, status: 'accepted', duplicate: true });
    }
    expect(await store.get(response.id)).toBeUndefined();
    expect(await store.getCase(response.id)).toBeUndefined();
    expect(await store.tombstone(response.id)).toMatchObject({ id: response.id });
  });
});

describe('options', () => {
  const bad: [string, Partial<HandlerOptions>, RegExp][] = [
    ['a target in hours instead of ms', { sla: { firstResponseMs: 24 } }, /sla\.firstResponseMs must be a whole number of ms .* parseDuration\("24h"\)/],
    ['a week with no hours', { sla: { businessHours: { timeZone: 'Europe/Riga', week: {} } } }, /sla\.businessHours\.week has no open hours/],
    ['an unknown time zone', { sla: { businessHours: { timeZone: 'Mars/Olympus', week: { mon: [['09:00', '17:00']] } } } }, /sla\.businessHours\.timeZone must be an IANA time zone/],
    ['a relative publicUrl', { publicUrl: '/feedback' }, /publicUrl must be the absolute http\(s\) URL where customers reach this receiver/],
    ['a publicUrl with a query', { publicUrl: 'https://fb.example/?x=1' }, /without query or fragment/],
  ];
  it.each(bad)('%s → ConfigError', (_, options, message) => {
    let error: unknown;
    try {
      createHandler({ store: memoryStore(), ...options });
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts a publicUrl with a path', () => {
    expect(() => createHandler({ store: memoryStore(), publicUrl: 'https://shop.example/feedback/' })).not.toThrow();
  });
});
