/**
 * The inbox's only way to the receiver: typed calls of the `/api` contract (types from
 * `@earful/schema`), same-origin, with the session cookie. `fetch` is injectable, so tests run
 * the app against a fake API.
 */
import type {
  ReplyTemplate,
  StaffMember,
  CaseDetail,
  CaseListPage,
  CasePatch,
  Case,
  FollowUpLink,
  ReplyInput,
  Summary,
  Survey,
} from '@earful/schema';
import { ApiError } from './api-error.js';

/** The signed-in staff member (`GET /api/session`). */
export type SessionInfo = StaffMember;

/** Filters of the queue, as the query of `GET /api/cases` takes them (strings, absent = any). */
export type CaseFilters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

/** The queue's filters, in the order the URL writes them. */
export const FILTER_KEYS = ['q', 'status', 'sentiment', 'survey', 'reason', 'assignee', 'tag', 'overdue', 'since', 'until', 'sort'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayStart = (day: string | undefined) => (day && DAY.test(day) ? `${day}T00:00:00.000Z` : day);
const dayEnd = (day: string | undefined) => (day && DAY.test(day) ? `${day}T23:59:59.999Z` : day);

/** Options of {@link createInboxApi}. */
export interface InboxApiOptions {
  /** Where `/api` lives (default `/api`, same origin). */
  base?: string;
  fetch?: typeof fetch;
}

/** The calls the app makes. */
export type InboxApi = ReturnType<typeof createInboxApi>;

/**
 * Makes the API client. Every call rejects with an {@link ApiError} (status 0 when the receiver
 * cannot be reached).
 *
 * @example
 * ```ts
 * const api = createInboxApi();
 * const page = await api.listCases({ status: 'new', sort: 'urgent' });
 * ```
 */
export function createInboxApi(options: InboxApiOptions = {}) {
  const base = options.base ?? '/api';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError(0, { error: 'network', message: 'The receiver cannot be reached.' }, { cause });
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let data: unknown = undefined;
    try {
      data = text === '' ? undefined : JSON.parse(text);
    } catch {
      // A proxy's HTML error page: the status says enough.
    }
    if (!response.ok) throw new ApiError(response.status, typeof data === 'object' && data !== null ? (data as object) : {});
    return data as T;
  }

  const query = (params: Record<string, string | undefined>): string => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
    const text = search.toString();
    return text === '' ? '' : `?${text}`;
  };

  return {
    /** The signed-in member, or `null` without a session. */
    async session(): Promise<SessionInfo | null> {
      try {
        return await call<SessionInfo>('GET', '/session');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    /** Signs in (the receiver answers 204 and sets the cookie), then reads who is signed in. */
    async signIn(email: string, password: string): Promise<SessionInfo> {
      const answer = await call<SessionInfo | undefined>('POST', '/session', { email, password });
      return answer ?? (await call<SessionInfo>('GET', '/session'));
    },
    signOut: () => call<void>('DELETE', '/session'),
    setup: (token: string, email: string, password: string) => call<SessionInfo>('POST', '/setup', { token, email, password }),
    signInWithLink: (token: string) => call<SessionInfo>('POST', '/session/link', { token }),
    /** A page of the queue; `since`/`until` given as days (`YYYY-MM-DD`, UTC) cover the whole day. */
    listCases: (filters: CaseFilters, cursor?: string, limit = 50) =>
      call<CaseListPage>(
        'GET',
        `/cases${query({ ...filters, since: dayStart(filters.since), until: dayEnd(filters.until), limit: String(limit), cursor })}`,
      ),
    getCase: (id: string) => call<CaseDetail>('GET', `/cases/${encodeURIComponent(id)}`),
    patchCase: (id: string, version: number, patch: CasePatch) =>
      call<Case>('PATCH', `/cases/${encodeURIComponent(id)}`, patch, { 'If-Match': String(version) }),
    addNote: (id: string, text: string) => call<unknown>('POST', `/cases/${encodeURIComponent(id)}/notes`, { text }),
    reply: (id: string, input: ReplyInput) => call<unknown>('POST', `/cases/${encodeURIComponent(id)}/replies`, input),
    followUp: (id: string, send: boolean) => call<FollowUpLink>('POST', `/cases/${encodeURIComponent(id)}/follow-up`, { send }),
    summary: (days = 90) => call<Summary>('GET', `/summary?days=${days}`),
    templates: (locale: string) => call<ReplyTemplate[]>('GET', `/templates${query({ locale })}`),
    surveys: () => call<Survey[]>('GET', '/surveys'),
    users: () => call<SessionInfo[]>('GET', '/users'),
    /** The URL of the event stream (Server-Sent Events). */
    eventsUrl: `${base}/events`,
  };
}
