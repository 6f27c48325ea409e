/**
 * Delivers the outbox: right after a response is stored (`kick`) and on a timer for retries
 * and for alerts left pending by a previous process. Nothing here can delay or fail a request —
 * every error goes to `onError` and the alert is rescheduled with backoff.
 */
import { alertPayload } from '../alerts/alert-payload.js';
import type { Alert } from '../alerts/alert.js';
import type { PendingAlert, ResponseStore } from '../store.js';

/**
 * Retry policy of alert delivery.
 *
 * @example
 * ```ts
 * createHandler({ store, alerts, alertRetry: { maxAttempts: 5, baseDelayMs: 2000 } });
 * ```
 */
export interface AlertRetryPolicy {
  /** Attempts before giving up (the row stays in the outbox, marked given up). Default `15`. */
  readonly maxAttempts?: number;
  /** First retry delay in ms; doubles each attempt, with jitter. Default `1000`. */
  readonly baseDelayMs?: number;
  /** Cap of the delay in ms. Default `300000` (5 min). */
  readonly maxDelayMs?: number;
}

export interface DispatcherOptions {
  store: ResponseStore;
  alerts: readonly Alert[];
  retry: AlertRetryPolicy;
  pollIntervalMs: number;
  onError: (error: unknown, context: { phase: string; alert?: string; responseId?: string }) => void;
}

const LEASE_MS = 60_000;
const BATCH = 32;

export function createDispatcher(options: DispatcherOptions) {
  const { store, onError } = options;
  const byName = new Map(options.alerts.map((a) => [a.name, a]));
  const maxAttempts = options.retry.maxAttempts ?? 15;
  const baseDelayMs = options.retry.baseDelayMs ?? 1000;
  const maxDelayMs = options.retry.maxDelayMs ?? 300_000;
  const controller = new AbortController();
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  async function deliverOne(pending: PendingAlert): Promise<void> {
    const alert = byName.get(pending.alert);
    try {
      if (!alert) throw new Error(`no alert named ${JSON.stringify(pending.alert)} is configured; add it back or delete the row from the outbox`);
      const record = await store.get(pending.responseId);
      if (!record) {
        await store.completeAlert(pending.id); // the response is gone: nothing to say
        return;
      }
      await alert.deliver(alertPayload(record), { signal: controller.signal, attempt: pending.attempts + 1 });
      await store.completeAlert(pending.id);
    } catch (error) {
      onError(error, { phase: 'alert', alert: pending.alert, responseId: pending.responseId });
      const attempts = pending.attempts + 1;
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1)) * (0.5 + Math.random() * 0.5);
      await store
        .failAlert(pending.id, { retryAt: attempts >= maxAttempts ? null : Date.now() + delay, error: error instanceof Error ? error.message : String(error) })
        .catch((e: unknown) => onError(e, { phase: 'outbox', alert: pending.alert, responseId: pending.responseId }));
    }
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (let round = 0; round < 1000 && !closed; round += 1) {
        let batch: PendingAlert[];
        try {
          batch = await store.claimAlerts({ now: Date.now(), limit: BATCH, leaseMs: LEASE_MS });
        } catch (error) {
          onError(error, { phase: 'outbox' });
          return;
        }
        if (batch.length === 0) break;
        await Promise.all(batch.map(deliverOne));
      }
    } while (again && !closed);
  }

  function kick(): void {
    if (closed || byName.size === 0) return;
    if (running) {
      again = true;
      return;
    }
    running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .finally(() => {
        running = undefined;
      });
  }

  const timer = byName.size > 0 ? setInterval(kick, options.pollIntervalMs) : undefined;
  timer?.unref();
  if (byName.size > 0) kick(); // alerts left pending by a previous process

  return {
    names: [...byName.keys()],
    kick,
    /** Resolves when no delivery round is running (tests, graceful shutdown). */
    async idle(): Promise<void> {
      while (running) await running;
    },
    async close(): Promise<void> {
      closed = true;
      if (timer) clearInterval(timer);
      controller.abort();
      while (running) await running;
    },
  };
}
