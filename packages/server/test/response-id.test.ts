/**
 * Response ids are UUIDs, and a UUID names the same thing in any letter case: the receiver keeps
 * them in lower case, so one response sent in three casings is stored once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../src/create-handler.js';
import { memoryStore } from '../src/stores/memory.js';
import type { ResponseStore } from '../src/store.js';
import { sqliteStore } from '../src/stores/sqlite.js';
import { makeResponse, post } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mixed = (id: string) => [...id].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');

describe.each([
  ['memory', () => memoryStore()],
  ['sqlite', () => sqliteStore(join(dir, 'ids.db'))],
] as [string, () => ResponseStore][])('response ids in the %s store', (_name, open) => {
  it('stores one response sent in lower, UPPER and mixed case once, and acknowledges the repeats', async () => {
    const store = open();
    const onResponse = vi.fn();
    const handler = createHandler({ store, onResponse, onError: () => {}, alerts: [{ name: 'count', when: 'all', deliver: async () => {} }], alertPollIntervalMs: 60_000 });
    try {
      const response = makeResponse();
      const lower = response.id.toLowerCase();
      expect(response.id).toBe(lower);
      const casings = [lower, lower.toUpperCase(), mixed(lower)];
      expect(new Set(casings).size).toBe(3);
      const replies = [];
      for (const id of casings) {
        const reply = await handler(post({ ...response, id }));
        expect(reply.status).toBe(202);
        replies.push(await reply.json());
      }
      expect(replies).toEqual([
        { id: lower, status: 'accepted' },
        { id: lower, status: 'accepted', duplicate: true },
        { id: lower, status: 'accepted', duplicate: true },
      ]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(onResponse).toHaveBeenCalledTimes(1); // the 2nd and 3rd were repeats, not new responses
      const page = await store.list({ limit: 10 });
      expect(page.items.map((r) => r.id)).toEqual([lower]);
      expect(page.items[0]!.response.id).toBe(lower);
      expect(await store.get(lower)).toBeDefined();

      // The same id in another case with another body is the conflict it would be in one case.
      const conflict = await handler(post({ ...response, id: lower.toUpperCase(), locale: 'de' }));
      expect(conflict.status).toBe(422);
      expect((await store.list({ limit: 10 })).items).toHaveLength(1);
    } finally {
      await handler.close();
      await store.close();
    }
  });
});
