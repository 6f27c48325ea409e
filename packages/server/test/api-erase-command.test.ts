/**
 * `earful erase`: who it erases (by email in any case, by user id, by one id), what it prints,
 * and the command-line mistakes it refuses before touching a database.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eraseCommand, EraseUsageError, eraseTarget } from '../src/cli/erase-command.js';
import type { ResponseStore } from '../src/store.js';
import { memoryStore } from '../src/stores/memory.js';
import { makeRecord, makeResponse } from './support/fixtures.js';

function sink() {
  let text = '';
  return { stream: new Writable({ write: (chunk: Buffer, _e, done) => ((text += chunk.toString()), done()) }), text: () => text };
}

async function seeded(): Promise<{ store: ResponseStore; ids: string[] }> {
  const store = memoryStore();
  const responses = [
    makeResponse({ answers: [{ type: 'contact', questionId: 'c', consent: true, email: 'Kim@Example.kr' }] }),
    makeResponse({ answers: [{ type: 'contact', questionId: 'c', consent: true, email: 'kim@example.kr' }], user: { id: 'u-7' } }),
    makeResponse({ user: { id: 'u-7' } }),
    makeResponse(),
  ];
  for (const response of responses) await store.putIfAbsent(makeRecord(response));
  // close() is called by the command; keep the store readable afterwards.
  return { store: Object.assign(Object.create(store) as ResponseStore, { close: async () => {} }), ids: responses.map((r) => r.id) };
}

async function run(store: ResponseStore, ...args: string[]) {
  const out = sink();
  const code = await eraseCommand(['--db', 'unused.db', ...args], out.stream, () => store);
  return { code, out: out.text() };
}

describe('earful erase', () => {
  it('erases every response with a contact email, in any case, and says how many', async () => {
    const { store, ids } = await seeded();
    const { code, out } = await run(store, '--email', 'KIM@example.KR');
    expect(code).toBe(0);
    expect(out).toMatch(/^earful: erased 2 responses \(2 answers, 0 notes, 0 replies\)/);
    expect(await store.get(ids[0]!)).toBeUndefined();
    expect(await store.get(ids[1]!)).toBeUndefined();
    expect(await store.get(ids[2]!)).toBeDefined();
    expect(await store.tombstone(ids[0]!)).toMatchObject({ actor: 'system' });
  });

  it('erases by user id and by one id, and says when nothing matched', async () => {
    const { store, ids } = await seeded();
    expect((await run(store, '--user-id', 'u-7')).out).toContain('erased 2 responses');
    expect((await run(store, '--id', ids[3]!, '--actor', 'user:ana@shop.example')).out).toContain('erased 1 response (');
    expect(await store.tombstone(ids[3]!)).toMatchObject({ actor: 'user:ana@shop.example' });
    expect((await run(store, '--id', ids[3]!)).out).toContain('erased 0 responses');
  });

  it('refuses anything but exactly one well-formed target', () => {
    expect(() => eraseTarget({})).toThrow(EraseUsageError);
    expect(() => eraseTarget({ email: 'a@b.c', id: 'x' })).toThrow(/exactly one/);
    expect(() => eraseTarget({ email: 'not an email' })).toThrow(/--email/);
    expect(() => eraseTarget({ id: 'not-a-uuid' })).toThrow(/--id must be a response id/);
    expect(() => eraseTarget({ 'user-id': '  ' })).toThrow(/must not be empty/);
    expect(eraseTarget({ 'user-id': 'u-7' })).toEqual({ userId: 'u-7' });
  });

  it('refuses unknown flags, a bad actor and a missing --db before opening anything', async () => {
    let opened = 0;
    const open = () => ((opened += 1), memoryStore());
    const out = sink();
    await expect(eraseCommand(['--email', 'a@b.c', '--force'], out.stream, open)).rejects.toThrow(EraseUsageError);
    await expect(eraseCommand(['--email', 'a@b.c', '--actor', 'root'], out.stream, open)).rejects.toThrow(/--actor/);
    await expect(eraseCommand(['--email', 'a@b.c'], out.stream)).rejects.toThrow(/--db is required/);
    expect(opened).toBe(0);
    expect(await eraseCommand(['--help'], out.stream, open)).toBe(0);
    expect(out.text()).toContain('Usage: earful erase');
  });
});
