/**
 * The live feed: `GET /api/events` (Server-Sent Events) with a reconnect that outlives the
 * receiver. `EventSource` retries by itself after a dropped connection; when the server refuses
 * one (a restart answering 502/503 for a moment, a lost session) it gives up, so this restarts it
 * with a capped backoff — and says so, so the UI can show that live updates are paused.
 */

/** One event of the stream: its `event:` name and the JSON of its `data:`. */
export interface LiveEvent {
  type: 'response' | 'case' | 'alert' | 'erased';
  id: string;
  [key: string]: unknown;
}

/** What the connection is doing. */
export type LiveStatus = 'connecting' | 'open' | 'offline';

/** Options of {@link connectLive}. */
export interface LiveOptions {
  url: string;
  onEvent: (event: LiveEvent) => void;
  /** Every change of status; `open` after `offline` means events may have been missed. */
  onStatus: (status: LiveStatus) => void;
  /** Called before each restart after a refused connection; return false to stop (signed out). */
  beforeRestart?: () => Promise<boolean>;
  EventSource?: typeof EventSource;
  /** Backoff of the restarts, in ms (default 1 s doubling to 15 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

const TYPES = ['response', 'case', 'alert', 'erased'] as const;

/**
 * Connects and keeps connecting until the returned function is called.
 *
 * @example
 * ```ts
 * const stop = connectLive({ url: '/api/events', onEvent: console.log, onStatus: console.log });
 * ```
 */
export function connectLive(options: LiveOptions): () => void {
  const Source = options.EventSource ?? EventSource;
  const minDelay = options.minDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 15_000;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = minDelay;
  let stopped = false;
  let status: LiveStatus | null = null;
  const setStatus = (next: LiveStatus) => {
    if (next !== status) options.onStatus((status = next));
  };

  const open = () => {
    if (stopped) return;
    setStatus(status === 'offline' ? 'offline' : 'connecting');
    const current = new Source(options.url, { withCredentials: true });
    source = current;
    current.onopen = () => {
      delay = minDelay;
      setStatus('open');
    };
    current.onerror = () => {
      if (stopped || source !== current) return;
      setStatus('offline');
      if (current.readyState !== Source.CLOSED) return; // EventSource retries by itself
      current.close();
      timer = setTimeout(restart, delay);
      delay = Math.min(delay * 2, maxDelay);
    };
    for (const type of TYPES) {
      current.addEventListener(type, (message) => {
        let data: unknown;
        try {
          data = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return; // not ours
        }
        if (typeof data !== 'object' || data === null) return;
        const id = (data as { id?: unknown }).id;
        if (typeof id !== 'string') return;
        options.onEvent({ ...(data as object), type, id });
      });
    }
  };
  const restart = async () => {
    timer = undefined;
    if (stopped) return;
    if (options.beforeRestart && !(await options.beforeRestart().catch(() => true))) return;
    open();
  };

  open();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    source?.close();
  };
}
