/**
 * Delivers the outbox: right after a response is stored (`kick`) and on a timer for retries
 * and for alerts left pending by a previous process. The same timer runs the overdue sweep
 * (the store marks each case once, even with several processes, and queues its alerts). After
 * a delivery the case's timeline gets an `alerted` entry. Nothing here can delay or fail a
 * request — every error goes to `onError` and the alert is rescheduled with backoff.
 *
 * No delivery can hold another: each runs on its own, with a deadline held by a timer; each sink
 * has its own slots, so a hanging sink fills only its own; a round only claims and never waits
 * for deliveries, and a round stuck on the store is replaced. Claims are short leases renewed
 * while the delivery runs, so after a crash another process takes the alert over in seconds.
 */
import { AlertError } from '../alerts/alert-error.js';
import { alertPayload } from '../alerts/alert-payload.js';
import type { Alert } from '../alerts/alert.js';
import type { AlertRetryPolicy } from '../handler-options.js';
import type { PendingAlert, ResponseStore } from '../store.js';

export interface DispatcherOptions {
  store: ResponseStore;
  alerts: readonly Alert[];
  retry: AlertRetryPolicy;
  pollIntervalMs: number;
  onError: (error: unknown, context: { phase: string; alert?: string; responseId?: string }) => void;
  /** Lease of a claim, renewed while the delivery runs. Default {@link LEASE_MS}. */
  leaseMs?: number;
  /** The receiver's public URL (no trailing slash): alerts then carry a link to the case. */
  publicUrl?: string;
  /**
   * The clock (ms since epoch) for what a case sees: the overdue sweep, how long a customer has
   * waited, and the `alerted` entry's time. Default `Date.now`. Claims, leases and retries keep
   * real time: they measure processes, not cases.
   */
  now?: () => number;
}

/** Cases the sweep marks overdue per tick; the next tick takes the rest. */
const SWEEP_LIMIT = 100;

/** A claim not renewed for this long is free again: how soon a crashed process's alerts move on. */
export const LEASE_MS = 5_000;
/** Deliveries in flight per sink: a hanging sink can hold only its own. */
const SLOTS_PER_SINK = 8;

interface Delivery {
  readonly id: string;
  readonly controller: AbortController;
}

export function createDispatcher(options: DispatcherOptions) {
  const { store, onError } = options;
  const now = options.now ?? Date.now;
  const byName = new Map(options.alerts.map((a) => [a.name, a]));
  const maxAttempts = options.retry.maxAttempts ?? 15;
  const baseDelayMs = options.retry.baseDelayMs ?? 1000;
  const maxDelayMs = options.retry.maxDelayMs ?? 300_000;
  const attemptTimeoutMs = options.retry.attemptTimeoutMs ?? 30_000;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const inFlight = new Set<Delivery>();
  const busy = new Map<string, number>();
  const tasks = new Set<Promise<void>>();
  let round: { promise: Promise<void>; startedAt: number; generation: number } | undefined;
  let generation = 0;
  let again = false;
  let closed = false;

  function retryAt(attempt: number): number | null {
    if (attempt >= maxAttempts) return null;
    return Date.now() + Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() * 0.5);
  }

  async function deliverOne(pending: PendingAlert, alert: Alert, controller: AbortController): Promise<void> {
    const attempt = pending.attempts + 1;
    const context = { phase: 'alert', alert: pending.alert, responseId: pending.responseId };
    // The deadline is a plain timer (held by the event loop until it runs) that aborts the
    // signal; racing it means a sink that ignores the signal is given up on all the same.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
      timer = setTimeout(
        () => controller.abort(new AlertError(`alert ${JSON.stringify(alert.name)} did not finish within ${attemptTimeoutMs} ms; it will be retried`, { reason: 'timeout' })),
        attemptTimeoutMs,
      );
    });
    deadline.catch(() => undefined);
    let delivered = false;
    try {
      const found = await Promise.race([store.getCase(pending.responseId, { now: now() }), deadline]);
      // Gone (erased), or no longer overdue (someone answered meanwhile): nothing to say.
      if (found && (pending.kind !== 'overdue' || found.case.overdue)) {
        const payload = alertPayload(found.record, {
          kind: pending.kind,
          firstResponseDueAt: found.case.firstResponseDueAt,
          now: now(),
          ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
        });
        await Promise.race([alert.deliver(payload, { signal: controller.signal, attempt }), deadline]);
        delivered = true;
      }
    } catch (error) {
      const shutdown = closed && controller.signal.aborted;
      if (!shutdown) onError(error, context);
      // On shutdown the claim is handed back at once (the attempt stays counted).
      await store
        .failAlert(pending.id, { retryAt: shutdown ? Date.now() : retryAt(attempt), error: error instanceof Error ? error.message : String(error) })
        .catch((e: unknown) => onError(e, { ...context, phase: 'outbox' }));
      return;
    } finally {
      clearTimeout(timer);
    }
    await store.completeAlert(pending.id).catch((e: unknown) => onError(e, { ...context, phase: 'outbox' }));
    if (!delivered) return;
    // The timeline says who was told, and why; a note-like entry, so nobody's edit goes stale.
    await store
      .changeCase(pending.responseId, { actor: 'system', at: new Date(now()).toISOString(), event: { type: 'alerted', alert: pending.alert, kind: pending.kind } })
      .catch((e: unknown) => onError(e, { ...context, phase: 'outbox' }));
  }

  function start(pending: PendingAlert, alert: Alert): void {
    const delivery: Delivery = { id: pending.id, controller: new AbortController() };
    inFlight.add(delivery);
    busy.set(alert.name, (busy.get(alert.name) ?? 0) + 1);
    const task = deliverOne(pending, alert, delivery.controller).finally(() => {
      inFlight.delete(delivery);
      busy.set(alert.name, busy.get(alert.name)! - 1);
      tasks.delete(task);
      kick(); // a slot is free
    });
    tasks.add(task);
  }

  /** One claim per sink with free slots; deliveries start and are not waited for. */
  async function claimRound(mine: number): Promise<void> {
    for (const [name, alert] of byName) {
      const free = SLOTS_PER_SINK - (busy.get(name) ?? 0);
      if (free <= 0 || closed || mine !== generation) continue;
      const batch = await store.claimAlerts({ now: Date.now(), limit: free, leaseMs, alert: name });
      for (const pending of batch) {
        if (closed) {
          await store.failAlert(pending.id, { retryAt: Date.now(), error: 'the receiver shut down before delivering it' });
        } else {
          start(pending, alert);
        }
      }
    }
  }

  function kick(): void {
    if (closed || byName.size === 0) return;
    if (round) {
      // Watchdog: a round waits only on the store; one that has not ended in this long is stuck
      // (a hung connection) and must not keep alerts from going out once the store answers.
      if (Date.now() - round.startedAt < attemptTimeoutMs) {
        again = true;
        return;
      }
      onError(new AlertError(`an alert round has waited on the store for over ${attemptTimeoutMs} ms; starting another`, { reason: 'timeout' }), { phase: 'outbox' });
    }
    generation += 1;
    const mine = generation;
    again = false;
    const promise = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => claimRound(mine))
      .catch((error: unknown) => onError(error, { phase: 'outbox' }))
      .finally(() => {
        if (round?.generation !== mine) return;
        round = undefined;
        if (again) kick();
      });
    round = { promise, startedAt: Date.now(), generation: mine };
  }

  // Keep the leases of running deliveries fresh; a process that dies stops renewing them.
  let renewingSince = 0;
  function renew(): void {
    if (inFlight.size === 0 || Date.now() - renewingSince < leaseMs) return;
    renewingSince = Date.now();
    store
      .renewAlerts({ ids: [...new Set([...inFlight].map((d) => d.id))], until: Date.now() + leaseMs })
      .catch((error: unknown) => onError(error, { phase: 'outbox' }))
      .finally(() => (renewingSince = 0));
  }
  const heartbeat = byName.size > 0 ? setInterval(renew, Math.max(10, Math.floor(leaseMs / 4))) : undefined;
  heartbeat?.unref();
  // The overdue sweep: one at a time; what it queues goes out at once.
  let sweeping: Promise<void> | undefined;
  function sweep(): Promise<void> {
    if (closed) return Promise.resolve();
    sweeping ??= store
      .markOverdue({ now: now(), alerts: [...byName.keys()], limit: SWEEP_LIMIT })
      .then((ids) => {
        if (ids.length > 0) kick();
      })
      .catch((error: unknown) => onError(error, { phase: 'overdue' }))
      .finally(() => (sweeping = undefined));
    return sweeping;
  }
  function tick(): void {
    void sweep();
    kick();
  }
  const timer = byName.size > 0 ? setInterval(tick, options.pollIntervalMs) : undefined;
  timer?.unref();
  if (byName.size > 0) tick(); // alerts left pending by a previous process, cases overdue meanwhile

  async function settled(): Promise<void> {
    for (let i = 0; i < 1000 && (round || tasks.size > 0 || sweeping); i += 1) {
      await Promise.all([sweeping, round?.promise, ...tasks]);
    }
  }

  return {
    names: [...byName.keys()],
    kick,
    /** Runs the overdue sweep now and resolves when it has (the poll timer runs it on its own). */
    sweep,
    /** Resolves when no claim round and no delivery is running (tests, graceful shutdown). */
    idle: settled,
    async close(): Promise<void> {
      closed = true;
      if (timer) clearInterval(timer);
      if (heartbeat) clearInterval(heartbeat);
      for (const delivery of inFlight) delivery.controller.abort(new AlertError('the receiver is shutting down', { reason: 'shutdown' }));
      // Aborted deliveries end at once; only a store that stopped answering could hold this, so
      // wait no longer than one attempt may take.
      let giveUp: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([settled(), new Promise<void>((resolve) => (giveUp = setTimeout(resolve, attemptTimeoutMs)))]);
      clearTimeout(giveUp);
    },
  };
}
