/**
 * `watch()` of the PostgreSQL store: changes travel as `NOTIFY` on one channel per table prefix,
 * sent inside the transaction that made them (so they go out on commit, never for a rollback),
 * and are heard on one dedicated `LISTEN` connection per store, opened on the first `watch()`
 * and closed by `close()`. Changes of this process are delivered right after commit without
 * waiting for the round trip; the `origin` each payload carries tells them apart from other
 * processes' changes when the notification comes back.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { StoreChange } from '../../store.js';

/** Longest pause between two attempts to reopen a dropped LISTEN connection. */
const MAX_RECONNECT_MS = 5_000;

export interface Watcher {
  /** The NOTIFY channel. */
  readonly channel: string;
  watch(listener: (change: StoreChange) => void): () => void;
  /** Queues `changes` as NOTIFYs in the transaction of `client` (delivered on commit). */
  notify(client: pg.PoolClient, changes: readonly StoreChange[]): Promise<void>;
  /** The NOTIFY payloads of `changes`, for a statement that sends them itself. */
  payloads(changes: readonly StoreChange[]): string[];
  /** Tells this process's listeners, after the commit. */
  deliver(changes: readonly StoreChange[]): void;
  close(): Promise<void>;
}

/** The payload of a notification: the change's JSON with the process it came from. */
type Payload = StoreChange & { readonly origin: string };

export function watcher(pool: pg.Pool, channel: string): Watcher {
  const origin = randomUUID();
  const listeners = new Set<(change: StoreChange) => void>();
  let client: pg.PoolClient | undefined;
  let opening: Promise<void> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let backoff = 100;
  let closed = false;

  const payloads = (changes: readonly StoreChange[]) => changes.map((change) => JSON.stringify({ ...change, origin } satisfies Payload));

  const tell = (change: StoreChange) => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // One listener's bug must not stop the others or the store.
      }
    }
  };

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== channel || message.payload === undefined) return;
    let payload: Payload;
    try {
      payload = JSON.parse(message.payload) as Payload;
    } catch {
      return; // someone else's NOTIFY on our channel
    }
    if (payload.origin === origin) return; // delivered already, right after our commit
    const { origin: _origin, ...change } = payload;
    tell(change as StoreChange);
  };

  const drop = (error?: Error) => {
    const gone = client;
    client = undefined;
    if (gone) {
      gone.removeAllListeners('notification');
      gone.release(error ?? true); // destroy it: a LISTEN connection is never handed to a query
    }
    if (!closed && listeners.size > 0 && retry === undefined) {
      retry = setTimeout(() => {
        retry = undefined;
        void open();
      }, backoff);
      retry.unref?.();
      backoff = Math.min(backoff * 2, MAX_RECONNECT_MS);
    }
  };

  const open = (): Promise<void> =>
    (opening ??= (async () => {
      try {
        const c = await pool.connect();
        if (closed) {
          c.release(true);
          return;
        }
        c.on('notification', onNotification);
        c.on('error', (error: Error) => {
          if (client === c) drop(error);
        });
        c.on('end', () => {
          if (client === c) drop();
        });
        client = c;
        await c.query(`LISTEN "${channel}"`);
        backoff = 100;
      } catch (error) {
        drop(error instanceof Error ? error : new Error(String(error)));
      } finally {
        opening = undefined;
      }
    })());

  return {
    watch(listener) {
      listeners.add(listener);
      if (!closed && client === undefined && opening === undefined && retry === undefined) void open();
      return () => {
        listeners.delete(listener);
      };
    },
    channel,
    payloads,
    async notify(c, changes) {
      if (changes.length === 0) return;
      await c.query('SELECT pg_notify($1, x) FROM unnest($2::text[]) AS x', [channel, payloads(changes)]);
    },
    deliver(changes) {
      for (const change of changes) tell(change);
    },
    async close() {
      closed = true;
      listeners.clear();
      if (retry !== undefined) clearTimeout(retry);
      retry = undefined;
      await opening;
      const c = client;
      client = undefined;
      c?.removeAllListeners('notification');
      c?.release(true);
    },
  };
}
