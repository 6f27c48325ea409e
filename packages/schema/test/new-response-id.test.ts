/** The project's one id maker: valid v4 UUIDs that the response schema accepts, on any page. */
import { afterEach, expect, it, vi } from 'vitest';
import { checkResponse, newResponseId, safeParseResponse } from '../src/index.js';
import { example } from './fixtures/responses.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('makes version-4 UUIDs that responseSchema accepts as an id', () => {
  const ids = Array.from({ length: 200 }, () => newResponseId());
  for (const id of ids) {
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(safeParseResponse({ ...example(), id }).success, id).toBe(true);
    expect(checkResponse({ ...example(), id }).ok, id).toBe(true);
  }
  expect(new Set(ids).size).toBe(ids.length);
});

it('needs only crypto.getRandomValues: a page over plain http has no crypto.randomUUID', () => {
  const real = globalThis.crypto;
  vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => real.getRandomValues(array) });
  expect(globalThis.crypto.randomUUID).toBeUndefined();
  expect(newResponseId()).toMatch(/^[0-9a-f-]{36}$/);
});

it('sets the version and variant bits whatever the random bytes are', () => {
  for (const fill of [0x00, 0xff]) {
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => array.fill(fill) });
    expect(newResponseId()).toBe(fill ? 'ffffffff-ffff-4fff-bfff-ffffffffffff' : '00000000-0000-4000-8000-000000000000');
  }
});
