/**
 * The app's state in signals and the actions that change it: the session, where the app is, the
 * queue, the open case (changed optimistically, reverted on 409), the summary and the live feed.
 * Views read signals and call actions; nothing here touches the DOM except `location`/`history`
 * through the injected `window`.
 */
import { batch, computed, signal } from '@preact/signals';
import type { CaseDetail, CaseListItem, CaseListPage, CasePatch, Case, ReplyInput, ReplyTemplate, Summary, Survey } from '@earful/schema';
import { FOLLOW_UP_SURVEY } from '@earful/schema/lean';
import { ApiError } from '../api/api-error.js';
import type { CaseFilters, InboxApi, SessionInfo } from '../api/inbox-api.js';
import { createTranslator } from '../i18n/translator.js';
import type { MessageKey } from '../i18n/messages/en.js';
import { UI_MESSAGES, isUiLocale, pickUiLocale, type UiLocale } from '../i18n/ui-locales.js';
import { connectLive, type LiveEvent, type LiveStatus } from '../live/live-events.js';
import { parseRoute, routeHash, takeToken, type LinkToken, type Route } from '../routing/route.js';

/** A message shown to the person: a key, or the server's own sentence. */
export interface Notice {
  kind: 'info' | 'error';
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/** A quiet toast for a new negative case that arrived live. */
export interface Toast {
  id: string;
  caseId: string;
  /** The start of what the customer wrote, or `''`. */
  text: string;
}

/** A colour scheme choice. */
export type Scheme = 'auto' | 'light' | 'dark';

/** What {@link createInboxState} needs from the page. */
export interface InboxEnvironment {
  api: InboxApi;
  window: Window;
  EventSource?: typeof EventSource;
  /** First wait before reconnecting a refused event stream (default 1 s; tests shorten it). */
  liveRetryMs?: number;
}

const PAGE_SIZE = 50;
const LOCALE_KEY = 'earful-inbox-locale';
const SCHEME_KEY = 'earful-inbox-scheme';

/** The state and actions of one running app. */
export type InboxState = ReturnType<typeof createInboxState>;

function readStored(win: Window, key: string): string | null {
  try {
    return win.localStorage.getItem(key);
  } catch {
    return null; // storage may be blocked; the choice then lasts for the visit
  }
}
function store(win: Window, key: string, value: string): void {
  try {
    win.localStorage.setItem(key, value);
  } catch {
    // as above
  }
}

/** The message of a failed call, for the person who made it. */
export function noticeOf(error: unknown): Notice {
  if (error instanceof ApiError) {
    if (error.status === 0) return { kind: 'error', key: 'error.network' };
    if (error.status === 409 && error.case) return { kind: 'error', key: 'error.conflict' };
    if (error.status === 404) return { kind: 'error', key: 'error.notFound' };
    return { kind: 'error', key: 'error.other', vars: { message: error.message } };
  }
  return { kind: 'error', key: 'error.other', vars: { message: error instanceof Error ? error.message : String(error) } };
}

/**
 * Makes the state of one app over `env.api`. Call `start()` once the view is mounted and `stop()`
 * when it goes.
 */
export function createInboxState(env: InboxEnvironment) {
  const { api, window: win } = env;
  const storedLocale = readStored(win, LOCALE_KEY);
  const storedScheme = readStored(win, SCHEME_KEY);

  // A one-time link's token must not stay in the address bar, the history or a bookmark: it is
  // taken out of the URL before anything else runs (before the first render and request).
  const token = takeToken(win.location.hash);
  if (token) win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}#/cases`);

  const session = signal<SessionInfo | null | undefined>(undefined);
  const signInNotice = signal<Notice | null>(null);
  const linkToken = signal<LinkToken | null>(null);
  const route = signal<Route>(parseRoute(win.location.hash));
  /** The queue's last URL (filters, search), for "back to the cases". */
  const lastQueue = signal(route.value.name === 'queue' ? routeHash(route.value) : '#/cases');
  const locale = signal<UiLocale>(isUiLocale(storedLocale) ? storedLocale : pickUiLocale(win.navigator.languages ?? [win.navigator.language]));
  const scheme = signal<Scheme>(storedScheme === 'light' || storedScheme === 'dark' ? storedScheme : 'auto');
  const i18n = computed(() => createTranslator(locale.value, UI_MESSAGES[locale.value], UI_MESSAGES.en));

  const queue = signal<CaseListItem[]>([]);
  const nextCursor = signal<string | null>(null);
  const queueLoading = signal(false);
  const queueNotice = signal<Notice | null>(null);
  const selected = signal(0);
  /** Set by the `/` shortcut from another view: the queue focuses its search when it opens. */
  const focusSearch = signal(false);
  const loadedFilters = signal<string | null>(null);

  const detail = signal<CaseDetail | null>(null);
  const detailNotice = signal<Notice | null>(null);
  const caseNotice = signal<Notice | null>(null);
  const saving = signal(false);

  const summary = signal<Summary | null>(null);
  const summaryNotice = signal<Notice | null>(null);
  const surveys = signal<ReadonlyMap<string, Survey>>(new Map());
  const users = signal<SessionInfo[]>([]);
  const toasts = signal<Toast[]>([]);
  const live = signal<LiveStatus>('connecting');

  let stopLive: (() => void) | null = null;
  let started: Promise<void> | undefined;
  /** The queue's first page, asked for together with the session when the app opens on it. */
  let prefetch: { key: string; page: Promise<CaseListPage> } | null = null;
  let queueRequest = 0;
  let timers: Array<ReturnType<typeof setTimeout>> = [];

  const filters = computed<CaseFilters>(() => (route.value.name === 'queue' ? route.value.filters : {}));

  /** Every failed call goes through here: a 401 means the session ended. */
  function failed(error: unknown, into: { value: Notice | null }): void {
    if (error instanceof ApiError && error.status === 401) {
      endSession({ kind: 'info', key: 'signIn.expired' });
      return;
    }
    into.value = noticeOf(error);
  }

  function endSession(notice: Notice | null): void {
    stopLive?.();
    stopLive = null;
    batch(() => {
      session.value = null;
      signInNotice.value = notice;
      queue.value = [];
      detail.value = null;
      summary.value = null;
      loadedFilters.value = null;
    });
  }

  async function loadQueue(append = false): Promise<void> {
    const current = filters.value;
    const request = ++queueRequest;
    queueLoading.value = true;
    try {
      const key = routeHash({ name: 'queue', filters: current });
      const early = !append && prefetch?.key === key ? prefetch.page : null;
      prefetch = null;
      const page = await (early ?? api.listCases(current, append ? nextCursor.value ?? undefined : undefined, PAGE_SIZE));
      if (request !== queueRequest) return;
      batch(() => {
        queue.value = append ? [...queue.value, ...page.items.filter((i) => !queue.value.some((q) => q.case.id === i.case.id))] : page.items;
        nextCursor.value = page.nextCursor;
        queueNotice.value = null;
        loadedFilters.value = routeHash({ name: 'queue', filters: current });
        if (!append) selected.value = Math.min(selected.value, Math.max(0, page.items.length - 1));
      });
    } catch (error) {
      if (request === queueRequest) failed(error, queueNotice);
    } finally {
      if (request === queueRequest) queueLoading.value = false;
    }
  }

  /** The first page again, keeping the pages already shown below it (after a live event). */
  async function refreshQueue(): Promise<void> {
    const current = filters.value;
    try {
      const page = await api.listCases(current, undefined, PAGE_SIZE);
      if (routeHash({ name: 'queue', filters: current }) !== routeHash({ name: 'queue', filters: filters.value })) return;
      const ids = new Set(page.items.map((i) => i.case.id));
      queue.value = [...page.items, ...queue.value.slice(PAGE_SIZE).filter((i) => !ids.has(i.case.id))];
    } catch (error) {
      failed(error, queueNotice);
    }
  }

  async function loadCase(id: string, quiet = false): Promise<void> {
    if (!quiet) {
      detail.value = detail.value?.case.id === id ? detail.value : null;
      detailNotice.value = null;
    }
    try {
      const next = await api.getCase(id);
      if (route.value.name === 'case' && route.value.id === id) detail.value = next;
      replaceInQueue(next.case, next.response);
    } catch (error) {
      if (!quiet || !(error instanceof ApiError && error.status === 0)) failed(error, detailNotice);
    }
  }

  function replaceInQueue(c: Case, response?: CaseListItem['response']): void {
    if (!queue.value.some((i) => i.case.id === c.id)) return;
    queue.value = queue.value.map((i) => (i.case.id === c.id ? { case: c, response: response ?? i.response } : i));
  }

  async function loadSummary(): Promise<void> {
    try {
      summary.value = await api.summary(90);
      summaryNotice.value = null;
    } catch (error) {
      failed(error, summaryNotice);
    }
  }

  async function loadReference(): Promise<void> {
    const [list, people] = await Promise.allSettled([api.surveys(), api.users()]);
    if (list.status === 'fulfilled') surveys.value = new Map(list.value.map((s) => [s.id, s]));
    if (people.status === 'fulfilled') users.value = people.value;
  }

  /** Runs `fn` once after `ms` without a newer call (a burst of events makes one refresh). */
  const debounced = (fn: () => void, ms: number) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, ms);
      timers.push(timer);
    };
  };
  const refreshCounts = debounced(() => void loadSummary(), 250);
  const refreshList = debounced(() => void refreshQueue(), 150);

  async function onLiveEvent(event: LiveEvent): Promise<void> {
    // A customer's follow-up answer is part of the case it answers, not new work: no count, no
    // toast, and a row only in a queue that asks for the answers. A red or amber one reopens
    // that case, whose own `case` event follows.
    if (event.type === 'response' && event['surveyId'] === FOLLOW_UP_SURVEY) {
      if (route.value.name === 'queue' && filters.value.survey === FOLLOW_UP_SURVEY) refreshList();
      return;
    }
    const openId = route.value.name === 'case' ? route.value.id : null;
    refreshCounts();
    if (event.type === 'response') {
      refreshList();
      // A toast only for what needs a person soon: a new negative case. The rest just shows up.
      if (event['sentiment'] !== 'negative') return;
      try {
        const item = await api.getCase(event.id);
        const text = item.response.answers.find((a) => a.type === 'text');
        toasts.value = [
          ...toasts.value.slice(-2),
          { id: `${event.id}:${Date.now()}`, caseId: event.id, text: text?.type === 'text' ? text.value.slice(0, 120) : '' },
        ];
      } catch {
        // the queue refresh shows it anyway
      }
      return;
    }
    if (event.type === 'erased') {
      queue.value = queue.value.filter((i) => i.case.id !== event.id);
    } else if (route.value.name === 'queue' || queue.value.some((i) => i.case.id === event.id)) {
      // A case the queue does not show may match its filters now (a reopened case, one a
      // colleague moved to this status): the open queue reads its first page again.
      refreshList();
    }
    if (openId === event.id && !saving.value) {
      const before = detail.value?.case.version;
      await loadCase(event.id, true);
      if (before !== undefined && detail.value && detail.value.case.version !== before) caseNotice.value = { kind: 'info', key: 'case.updated' };
    }
  }

  function startLive(): void {
    stopLive?.();
    let wasOffline = false;
    stopLive = connectLive({
      url: api.eventsUrl,
      EventSource: env.EventSource,
      ...(env.liveRetryMs === undefined ? {} : { minDelayMs: env.liveRetryMs }),
      onEvent: (event) => void onLiveEvent(event),
      onStatus: (status) => {
        live.value = status;
        if (status === 'offline') wasOffline = true;
        if (status === 'open' && wasOffline) {
          // Events sent while the connection was down are lost: read the current state.
          wasOffline = false;
          void refreshView(true);
        }
      },
      beforeRestart: async () => {
        const who = await api.session().catch(() => session.value ?? null);
        if (who === null) endSession({ kind: 'info', key: 'signIn.expired' });
        return who !== null;
      },
    });
  }

  /** Loads what the current route shows. */
  async function refreshView(quiet = false): Promise<void> {
    if (!session.value) return;
    const r = route.value;
    if (r.name === 'queue') {
      if (quiet) await refreshQueue();
      else if (loadedFilters.value !== routeHash(r)) await loadQueue();
    }
    if (r.name === 'case') await loadCase(r.id, quiet);
    if (r.name === 'dashboard' || quiet) await loadSummary();
  }

  async function signedIn(who: SessionInfo): Promise<void> {
    batch(() => {
      session.value = who;
      signInNotice.value = null;
      linkToken.value = null;
    });
    void loadReference();
    void loadSummary();
    startLive();
    await refreshView();
  }

  async function begin(): Promise<void> {
    win.addEventListener('hashchange', onHashChange);
    // The fragment may have changed between creation and now (a click, a test): read it again.
    route.value = parseRoute(win.location.hash);
    if (route.value.name === 'queue') lastQueue.value = routeHash(route.value);
    if (token?.kind === 'login') {
      try {
        await signedIn(await api.signInWithLink(token.token));
        return;
      } catch (error) {
        signInNotice.value = error instanceof ApiError && error.status !== 0 ? { kind: 'error', key: 'signIn.linkFailed' } : noticeOf(error);
      }
    }
    if (token?.kind === 'setup') linkToken.value = token;
    if (!token && route.value.name === 'queue') {
      const page = api.listCases(route.value.filters, undefined, PAGE_SIZE);
      page.catch(() => undefined); // refused without a session: the queue asks again after sign-in
      prefetch = { key: routeHash(route.value), page };
    }
    try {
      const who = await api.session();
      if (who) await signedIn(who);
      else {
        prefetch = null;
        session.value = null;
      }
    } catch (error) {
      session.value = null;
      signInNotice.value = noticeOf(error);
    }
  }

  const onHashChange = () => {
    const next = parseRoute(win.location.hash);
    batch(() => {
      route.value = next;
      if (next.name === 'queue') lastQueue.value = routeHash(next);
      caseNotice.value = null;
      if (next.name !== 'case') detail.value = null;
    });
    void refreshView();
  };

  return {
    session,
    signInNotice,
    linkToken,
    route,
    lastQueue,
    locale,
    scheme,
    i18n,
    filters,
    queue,
    nextCursor,
    queueLoading,
    queueNotice,
    selected,
    focusSearch,
    detail,
    detailNotice,
    caseNotice,
    saving,
    summary,
    summaryNotice,
    surveys,
    users,
    toasts,
    live,

    /**
     * Uses the one-time link's token (if the URL had one), then reads the session — and, on the
     * queue, asks for its first page at the same time, so a signed-in person waits for one round
     * trip, not two. Runs once; later calls return the first call's promise.
     */
    start(): Promise<void> {
      started ??= begin();
      return started;
    },
    stop(): void {
      stopLive?.();
      stopLive = null;
      for (const t of timers) clearTimeout(t);
      timers = [];
      win.removeEventListener('hashchange', onHashChange);
    },

    async signIn(email: string, password: string): Promise<void> {
      try {
        await signedIn(await api.signIn(email, password));
      } catch (error) {
        const status = error instanceof ApiError ? error.status : -1;
        signInNotice.value =
          status === 401 || status === 400 || status === 403
            ? { kind: 'error', key: 'signIn.wrong' }
            : status === 429
              ? { kind: 'error', key: 'signIn.limited' }
              : noticeOf(error);
      }
    },
    async setup(email: string, password: string): Promise<void> {
      const token = linkToken.value;
      if (!token) return;
      try {
        await signedIn(await api.setup(token.token, email, password));
      } catch (error) {
        if (error instanceof ApiError && error.status === 410) {
          // Used or expired: only a restart prints a new one; the password form is what is left.
          linkToken.value = null;
          signInNotice.value = { kind: 'error', key: 'setup.failed' };
        } else if (error instanceof ApiError && error.status === 403) {
          linkToken.value = null; // an account exists already: sign in
          signInNotice.value = noticeOf(error);
        } else signInNotice.value = noticeOf(error); // a weak password, a taken email: the receiver's words
      }
    },
    async signOut(): Promise<void> {
      try {
        await api.signOut();
      } catch {
        // the session ends here either way
      }
      endSession({ kind: 'info', key: 'signIn.signedOut' });
    },

    go(next: Route): void {
      const hash = routeHash(next);
      if (win.location.hash !== hash) win.location.hash = hash;
    },
    setFilters(next: CaseFilters): void {
      const hash = routeHash({ name: 'queue', filters: next });
      if (win.location.hash !== hash) win.location.hash = hash;
    },
    loadMore: () => loadQueue(true),
    retry: () => refreshView(),
    setLocale(next: UiLocale): void {
      locale.value = next;
      store(win, LOCALE_KEY, next);
    },
    setScheme(next: Scheme): void {
      scheme.value = next;
      store(win, SCHEME_KEY, next);
    },
    dismissToast(id: string): void {
      toasts.value = toasts.value.filter((t) => t.id !== id);
    },

    /**
     * Changes the open case at once on screen and then on the server; on a stale version (409)
     * it shows the case as it is now and says the change was not saved, on any other failure it
     * puts the case back as it was.
     */
    async changeCase(patch: CasePatch): Promise<boolean> {
      const open = detail.value;
      if (!open) return false;
      const before = open.case;
      const optimistic: Case = { ...before, ...patch } as Case;
      batch(() => {
        detail.value = { ...open, case: optimistic };
        replaceInQueue(optimistic);
        caseNotice.value = null;
        saving.value = true;
      });
      try {
        const answer = (await api.patchCase(before.id, before.version, patch)) as Case | CaseDetail;
        const updated = 'case' in answer ? answer.case : answer;
        if (detail.value?.case.id === before.id) detail.value = { ...detail.value, case: updated };
        replaceInQueue(updated);
        void loadCase(before.id, true);
        refreshCounts();
        return true;
      } catch (error) {
        const now = error instanceof ApiError && error.status === 409 && error.case ? error.case : before;
        if (detail.value?.case.id === before.id) detail.value = { ...detail.value, case: now };
        replaceInQueue(now);
        failed(error, caseNotice);
        if (now !== before) void loadCase(before.id, true);
        return false;
      } finally {
        saving.value = false;
      }
    },

    async addNote(text: string): Promise<boolean> {
      const open = detail.value;
      if (!open) return false;
      saving.value = true;
      try {
        await api.addNote(open.case.id, text);
        await loadCase(open.case.id, true);
        return true;
      } catch (error) {
        failed(error, caseNotice);
        return false;
      } finally {
        saving.value = false;
      }
    },

    /** Sends a reply; `no_smtp` is not an error here but the way to the copy-and-mailto path. */
    async reply(input: ReplyInput): Promise<'sent' | 'no_smtp' | 'failed'> {
      const open = detail.value;
      if (!open) return 'failed';
      saving.value = true;
      try {
        await api.reply(open.case.id, input);
        await loadCase(open.case.id, true);
        refreshCounts();
        return 'sent';
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && error.reason === 'no_smtp') return 'no_smtp';
        failed(error, caseNotice);
        return 'failed';
      } finally {
        saving.value = false;
      }
    },

    async followUp(send: boolean) {
      const open = detail.value;
      if (!open) return null;
      saving.value = true;
      try {
        const link = await api.followUp(open.case.id, send);
        await loadCase(open.case.id, true);
        return link;
      } catch (error) {
        failed(error, caseNotice);
        return null;
      } finally {
        saving.value = false;
      }
    },

    templates: (customerLocale: string): Promise<ReplyTemplate[]> => api.templates(customerLocale).catch(() => []),
  };
}
