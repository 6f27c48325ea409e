/** The project's one id maker: valid, time-ordered v7 UUIDs that the response schema accepts, on any page. */
import { afterEach, expect, it, vi } from 'vitest';
import { checkResponse, newResponseId, safeParseResponse } from '../src/index.js';
import { example } from './fixtures/responses.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

it('makes version-7 UUIDs that responseSchema accepts as an id', () => {
  const ids = Array.from({ length: 200 }, () => newResponseId());
  for (const id of ids) {
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(safeParseResponse({ ...example(), id }).success, id).toBe(true);
    expect(checkResponse({ ...example(), id }).ok, id).toBe(true);
  }
  expect(new Set(ids).size).toBe(ids.length);
});

it('starts with the time in ms, so ids made later sort after (what keeps a receiver index append-only)', () => {
  const timeOf = (id: string) => parseInt(id.replaceAll('-', '').slice(0, 12), 16);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T21:45:00.123Z'));
  const first = newResponseId();
  expect(timeOf(first)).toBe(Date.parse('2026-12-01T21:45:00.123Z'));
  vi.setSystemTime(new Date('2026-12-01T21:45:00.124Z'));
  const later = Array.from({ length: 50 }, () => newResponseId());
  for (const id of later) expect(id > first, `${id} after ${first}`).toBe(true);
  // Far ends of the 48-bit clock: the epoch and the last ms it can hold.
  vi.setSystemTime(0);
  expect(newResponseId().slice(0, 13)).toBe('00000000-0000');
  vi.setSystemTime(2 ** 48 - 1);
  expect(newResponseId().slice(0, 13)).toBe('ffffffff-ffff');
});

it('needs only crypto.getRandomValues: a page over plain http has no crypto.randomUUID', () => {
  const real = globalThis.crypto;
  vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => real.getRandomValues(array) });
  expect(globalThis.crypto.randomUUID).toBeUndefined();
  expect(newResponseId()).toMatch(/^[0-9a-f-]{36}$/);
});

it('sets the version and variant bits whatever the random bytes are, and keeps 74 random bits', () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(0x0123456789ab);
  for (const fill of [0x00, 0xff]) {
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => array.fill(fill) });
    expect(newResponseId()).toBe(fill ? '01234567-89ab-7fff-bfff-ffffffffffff' : '01234567-89ab-7000-8000-000000000000');
  }
});
