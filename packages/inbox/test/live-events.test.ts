/** The live connection: a refused stream restarts with a capped backoff; stop() ends it for good. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectLive, type LiveStatus } from '../src/app/live/live-events.js';

class Source extends EventTarget {
  static readonly CLOSED = 2;
  static made: Source[] = [];
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    super();
    Source.made.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  refuse() {
    this.readyState = 2;
    this.onerror?.();
  }
}

afterEach(() => {
  vi.useRealTimers();
  Source.made = [];
});

describe('connectLive', () => {
  it('restarts a refused stream after 1, 2, 4 … s up to the cap, and resets after an open', async () => {
    vi.useFakeTimers();
    const statuses: LiveStatus[] = [];
    const stop = connectLive({ url: '/api/events', onEvent: () => {}, onStatus: (s) => statuses.push(s), EventSource: Source as never, minDelayMs: 1000, maxDelayMs: 4000 });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = Source.made.length;
      Source.made.at(-1)!.refuse();
      const started = Date.now();
      while (Source.made.length === before) await vi.advanceTimersByTimeAsync(100);
      waits.push(Date.now() - started);
    }
    expect(waits).toEqual([1000, 2000, 4000, 4000]);
    Source.made.at(-1)!.onopen?.();
    Source.made.at(-1)!.refuse();
    await vi.advanceTimersByTimeAsync(1000);
    expect(Source.made).toHaveLength(6);
    expect(statuses).toEqual(['connecting', 'offline', 'open', 'offline']);
    stop();
    Source.made.at(-1)!.refuse();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(Source.made).toHaveLength(6);
    expect(Source.made.at(-1)!.closed).toBe(true);
  });
  it('stops restarting when beforeRestart says the session is gone', async () => {
    vi.useFakeTimers();
    connectLive({ url: '/api/events', onEvent: () => {}, onStatus: () => {}, EventSource: Source as never, beforeRestart: async () => false });
    Source.made[0]!.refuse();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(Source.made).toHaveLength(1);
  });
  it('passes on events with an id and ignores the rest', () => {
    const got: unknown[] = [];
    connectLive({ url: '/api/events', onEvent: (e) => got.push(e), onStatus: () => {}, EventSource: Source as never });
    const source = Source.made[0]!;
    source.dispatchEvent(new MessageEvent('case', { data: '{"type":"case","id":"a","version":2}' }));
    source.dispatchEvent(new MessageEvent('case', { data: 'not json' }));
    source.dispatchEvent(new MessageEvent('case', { data: '{"id":7}' }));
    source.dispatchEvent(new MessageEvent('alert', { data: '{"type":"case","id":"b"}' }));
    expect(got).toEqual([{ type: 'case', id: 'a', version: 2 }, { type: 'alert', id: 'b' }]);
  });
});
