/**
 * `watch()` of the PostgreSQL store: changes travel as `NOTIFY` on one channel per table prefix
 * and are heard on one dedicated `LISTEN` connection per store, opened on the first `watch()`
 * and closed by `close()`. Case changes, sweeps and erasures notify inside their transaction
 * (sent on commit, never for a rollback). New responses are announced right after their commit
 * instead, many in one statement: PostgreSQL serializes the commits of all transactions that
 * NOTIFY, which held arrivals to a few hundred a second when each one notified itself. Changes of
 * this process are delivered right after commit without waiting for the round trip; the `origin`
 * each payload carries tells them apart from other processes' changes when they come back.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { StoreChange } from '../../store.js';

/** Longest pause between two attempts to reopen a dropped LISTEN connection. */
const MAX_RECONNECT_MS = 5_000;
/** Notifications sent by one statement at most. */
const NOTIFY_BATCH = 500;

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
  /**
   * Resolves once the arrivals published so far are sent. Writers that notify in their
   * transaction wait for it before they begin (never inside: the batch needs a pooled
   * connection), so other processes hear a new response before the change of its case.
   */
  sent(): Promise<void>;
  /** After a commit: tells this process's listeners now, and other processes with the next batch of NOTIFYs. */
  publish(changes: readonly StoreChange[]): void;
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

  // Payloads of committed changes waiting for the next NOTIFY statement.
  const outbox: string[] = [];
  let flushing: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    try {
      await new Promise((resolve) => setImmediate(resolve)); // gather this turn's commits
      while (outbox.length > 0) {
        const batch = outbox.splice(0, NOTIFY_BATCH);
        // Lost if the database is unreachable right now: listeners reload what they show when
        // their stream reconnects, and this process's own listeners have them already.
        await pool.query('SELECT pg_notify($1, x) FROM unnest($2::text[]) AS x', [channel, batch]).catch(() => {});
      }
    } finally {
      flushing = undefined;
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
    async sent() {
      await flushing;
    },
    publish(changes) {
      for (const change of changes) tell(change);
      outbox.push(...payloads(changes));
      flushing ??= flush();
    },
    async close() {
      await flushing;
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
