/**
 * `GET /api/events` and the SSE stream under it: the wire format, heartbeats, the end of the
 * stream when the client goes (the store listener is removed), the per-principal cap, and a
 * reader that stops reading without going away.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_STREAMS_PER_PRINCIPAL } from '../src/api/routes/events.js';
import { sseMessage, sseStream } from '../src/api/sse.js';
import type { StoreChange } from '../src/store.js';
import { apiHarness, readUntil, type ApiHarness } from './support/api-harness.js';

describe('sseStream', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts with retry, sends each change as an event, and a comment on every heartbeat', async () => {
    vi.useFakeTimers();
    let listener: ((change: StoreChange) => void) | undefined;
    const { stream } = sseStream({ subscribe: (l) => ((listener = l), () => (listener = undefined)), heartbeatMs: 1000 });
    const reader = stream.getReader();
    const seen = { text: '' };
    expect(await readUntil(reader, (t) => t.includes('\n\n'), seen)).toBe('retry: 2000\n: connected\n\n');
    listener!({ type: 'case', id: 'c1', version: 2 });
    await readUntil(reader, (t) => t.includes('event: case'), seen);
    expect(seen.text).toContain('event: case\ndata: {"type":"case","id":"c1","version":2}\n\n');
    vi.advanceTimersByTime(1000);
    await readUntil(reader, (t) => t.includes(': heartbeat'), seen);
    await reader.cancel();
    expect(listener).toBeUndefined();
  });

  it('writes a line break inside data as more data lines, never as the end of the event', () => {
    const text = sseMessage({ type: 'alert', id: 'a\n\nevent: erased', alert: 'x', kind: 'response' });
    // JSON escapes line breaks, so the event is one data line, and an injected "event:" stays inside it.
    expect(text.split('\n\n')).toHaveLength(2);
    expect(text.match(/^event: /gm)).toHaveLength(1);
  });

  it('stops listening when the signal aborts, and ends the stream', async () => {
    const controller = new AbortController();
    let listening = false;
    const onClose = vi.fn();
    const { stream } = sseStream({ subscribe: () => ((listening = true), () => (listening = false)), signal: controller.signal, onClose });
    const reader = stream.getReader();
    await reader.read();
    expect(listening).toBe(true);
    controller.abort();
    expect(listening).toBe(false);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect((await reader.read()).done).toBe(true);
  });

  it('ends at once, and says it has ended, when the store cannot be watched', async () => {
    const onClose = vi.fn();
    const { stream } = sseStream({
      subscribe: () => {
        throw new Error('store closed');
      },
      onClose,
    });
    await expect(stream.getReader().read()).rejects.toThrow('store closed');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('drops a client that stops reading instead of queueing changes without end', async () => {
    let listener: ((change: StoreChange) => void) | undefined;
    let listening = false;
    const { stream } = sseStream({ subscribe: (l) => ((listener = l), (listening = true), () => (listening = false)), maxQueued: 10 });
    stream.getReader(); // locked, never read
    await new Promise((r) => setTimeout(r, 0));
    for (let i = 0; i < 100 && listening; i += 1) listener!({ type: 'case', id: `c${i}`, version: i });
    expect(listening).toBe(false);
  });
});

describe('GET /api/events', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await apiHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('streams new responses and case changes as they are committed', async () => {
    const answer = await h.call('/api/events');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const reader = answer.body!.getReader();
    const seen = { text: '' };
    await readUntil(reader, (t) => t.includes(': connected'), seen);
    const response = await h.seed();
    await readUntil(reader, (t) => t.includes('event: response'), seen);
    await h.call(`/api/cases/${response.id}`, { method: 'PATCH', headers: { 'if-match': '1' }, body: { status: 'acknowledged' } });
    await readUntil(reader, (t) => t.includes('event: case'), seen);
    await h.call(`/api/responses/${response.id}`, { method: 'DELETE' });
    await readUntil(reader, (t) => t.includes('event: erased'), seen);
    const events = seen.text.split('\n\n').filter((block) => block.startsWith('event: '));
    const changes = events.map((block) => JSON.parse(block.split('\ndata: ')[1]!) as StoreChange);
    expect(changes.map((c) => c.type)).toEqual(['response', 'case', 'erased']);
    expect(changes.every((c) => c.id === response.id)).toBe(true);
    await reader.cancel();
  });

  it('answers HEAD with the headers only, without listening', async () => {
    const watch = vi.spyOn(h.store, 'watch');
    const answer = await h.call('/api/events', { method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(watch).not.toHaveBeenCalled();
  });

  it('removes the store listener when the client goes', async () => {
    const watch = h.store.watch.bind(h.store);
    const stops: ReturnType<typeof vi.fn>[] = [];
    vi.spyOn(h.store, 'watch').mockImplementation((listener) => {
      const stop = vi.fn(watch(listener));
      stops.push(stop);
      return stop;
    });
    const answer = await h.call('/api/events');
    const reader = answer.body!.getReader();
    await reader.read();
    expect(stops).toHaveLength(1);
    expect(stops[0]).not.toHaveBeenCalled();
    await reader.cancel();
    expect(stops[0]).toHaveBeenCalledTimes(1);
  });

  it(`allows ${MAX_STREAMS_PER_PRINCIPAL} streams per person or key at once, then 429; a closed one frees its place`, async () => {
    const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_PRINCIPAL; i += 1) {
      const answer = await h.call('/api/events');
      expect(answer.status).toBe(200);
      readers.push(answer.body!.getReader());
    }
    const refused = await h.call('/api/events');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(((await refused.json()) as { error: string }).error).toBe('too_many_streams');
    // Another principal has its own allowance.
    const other = await h.call('/api/events', { as: 'key' });
    expect(other.status).toBe(200);
    await other.body!.cancel();
    await readers.pop()!.cancel();
    const again = await h.call('/api/events');
    expect(again.status).toBe(200);
    await again.body!.cancel();
    for (const reader of readers) await reader.cancel();
  });

  it('ends every open stream when the handler closes, so the server can stop', async () => {
    const answers = [await h.call('/api/events'), await h.call('/api/events', { as: 'key' })];
    const readers = answers.map((a) => a.body!.getReader());
    for (const reader of readers) await reader.read();
    await h.api.close();
    for (const reader of readers) expect((await reader.read()).done).toBe(true);
  });
});
