/**
 * The reach controller: decides whether a survey may open by itself (URL rules, sampling, re-ask
 * rules), arms its trigger while it may, re-decides on SPA route changes and on other tabs'
 * storage changes, and remembers answers and dismissals. All decisions are the pure functions of
 * this folder; this file only wires them to a window, storage and a clock.
 */
import { newResponseId, type EarfulError, type Survey } from '@earful/schema';
import { armTrigger } from './arm-trigger.js';
import { decideReach, type ReachDecision } from './reach-decision.js';
import type { Cleanup, ReachWindow } from './reach-window.js';
import type { ReaskRecord } from './reask-policy.js';
import { createSafeStorage } from './safe-storage.js';
import { compileUrlTargeting } from './url-targeting.js';
import { REACH_STORAGE_KEYS, deviceVisitorId, readReaskRecord, writeReaskRecord } from './visitor-state.js';
import { watchRoute } from './watch-route.js';

/** Options of {@link createReachController}. */
export interface ReachControllerOptions {
  /** The parsed survey definition (its `id`, `trigger` and `targeting` are read). */
  survey: Pick<Survey, 'id' | 'trigger' | 'targeting'>;
  /** The browser window (or a fake with the same shape). */
  window: ReachWindow;
  /** Where re-ask state and the visitor id live (default `window.localStorage`; memory if it throws). */
  storage?: Storage;
  /** Where "a survey already opened this session" lives (default `window.sessionStorage`). */
  sessionStorage?: Storage;
  /** The clock (default `Date.now`). */
  now?: () => number;
  /** The visitor id for sampling, e.g. from `Earful('identify', …)`; default a random id kept in storage. */
  visitorId?: string;
  /** Opens the survey; called at most once per armed trigger, only when the survey may show. */
  open: () => void;
  /** Told about a URL rule that cannot be used (the survey is then not shown by itself); default `console.warn`. */
  onError?: (error: EarfulError) => void;
  /** Interval of the fallback route check where the Navigation API is missing, ms (default 1000). */
  routePollMs?: number;
}

/** The handle the widget drives. */
export interface ReachController {
  /** Starts watching routes and storage, and arms the trigger if the survey may show. */
  start(): void;
  /** Removes every listener and timer. The controller cannot be started again. */
  dispose(): void;
  /** Forgets answers, dismissals and this session's "already shown" (for `Earful('reset')`), then re-decides. */
  reset(): void;
  /** Records an answer now and cancels a pending trigger. */
  markAnswered(): void;
  /** Records a dismissal now and cancels a pending trigger. */
  markDismissed(): void;
  /** Whether the survey may open by itself right now, on this page. */
  canShow(): boolean;
  /** Uses another visitor id for sampling (after `identify`) and re-decides. */
  identify(visitorId: string): void;
}

/**
 * Creates the controller for one survey. Nothing happens until `start()`.
 *
 * @example
 * ```ts
 * const reach = createReachController({ survey, window, open: () => widget.open() });
 * reach.start();
 * // later, from the panel:
 * reach.markAnswered();
 * ```
 */
export function createReachController(options: ReachControllerOptions): ReachController {
  const { window: win, survey, now = Date.now } = options;
  const { sessionShown, shownBroadcast } = REACH_STORAGE_KEYS;
  const local = createSafeStorage(() => options.storage ?? win.localStorage);
  const session = createSafeStorage(() => options.sessionStorage ?? win.sessionStorage);
  const urlTargeting = compileUrlTargeting(survey.targeting);
  // A broken rule must not fail silently: the survey would just never show.
  for (const error of urlTargeting.errors) (options.onError ?? ((e: EarfulError) => console.warn(`[earful] ${e.message}`)))(error);

  let visitorId = options.visitorId;
  let started = false;
  let disarm: Cleanup | null = null;
  // Aborted by dispose(): removes the storage listener and, through `onabort`, the route watcher.
  const lifetime = new AbortController();

  const decide = (): ReachDecision =>
    decideReach({
      survey,
      urlTargeting,
      url: new URL(win.location.href),
      visitorId: (visitorId ??= deviceVisitorId(local, newResponseId)),
      record: readReaskRecord(local, survey.id),
      shownThisSession: session.get(sessionShown) !== null,
      now: now(),
    });

  const cancel = () => {
    disarm?.();
    disarm = null;
  };

  // Only an armed trigger calls this, and dispose() disarms it first: no need to ask `started`.
  const fire = () => {
    disarm = null;
    // Another tab may have answered since the trigger was armed: decide again before opening.
    if (!decide().show) return;
    session.set(sessionShown, survey.id);
    local.set(shownBroadcast, `${survey.id}@${now()}`);
    options.open();
  };

  const evaluate = () => {
    if (!started) return;
    if (!decide().show) cancel();
    else disarm ??= armTrigger(win, survey.trigger, fire, now);
  };

  /** After a change of the facts: drop a pending trigger, then decide (and maybe arm) again. */
  const redecide = () => {
    cancel();
    evaluate();
  };

  const onStorage = (event: StorageEvent) => {
    if (event.key !== null && !event.key.startsWith('earful:reach:')) return;
    // A survey opened by itself in another open tab: this tab's session has had its survey too.
    if (event.key === shownBroadcast && event.newValue) {
      session.set(sessionShown, event.newValue.split('@')[0]!);
    }
    evaluate();
  };

  /** Records an answer or a dismissal now. */
  const mark = (field: keyof ReaskRecord) => {
    writeReaskRecord(local, survey.id, { ...readReaskRecord(local, survey.id), [field]: now() });
    redecide();
  };

  return {
    start() {
      if (started || lifetime.signal.aborted) return;
      started = true;
      lifetime.signal.onabort = watchRoute(win, evaluate, { pollMs: options.routePollMs });
      win.addEventListener('storage', onStorage, { signal: lifetime.signal });
      evaluate();
    },
    dispose() {
      started = false;
      cancel();
      lifetime.abort();
    },
    reset() {
      writeReaskRecord(local, survey.id, {});
      local.remove(shownBroadcast);
      session.remove(sessionShown);
      redecide();
    },
    markAnswered() {
      mark('answeredAt');
    },
    markDismissed() {
      mark('dismissedAt');
    },
    canShow() {
      return decide().show;
    },
    identify(id) {
      visitorId = id;
      redecide();
    },
  };
}
