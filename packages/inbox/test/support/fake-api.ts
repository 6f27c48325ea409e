/**
 * A fake receiver for the app's browser tests: the `/api` contract in memory behind a `fetch`,
 * and a controllable `EventSource`. It keeps versions (409 with the current case on a stale
 * `If-Match`), a timeline, a session and templates, so the app's flows run as against the real
 * one. The types come from `@earful/schema`, so a contract change breaks this file too.
 */
import type { Case, CaseDetail, CasePatch, ReplyTemplate, Summary, Survey, SurveyResponse, TimelineEvent } from '@earful/schema';
import { FOLLOW_UP_SURVEY } from '@earful/schema/lean';

export const HOSTILE = '<img src=x onerror="window.__xss=1">';

export const complaintSurvey: Survey = {
  id: 'complaint',
  locale: 'en',
  title: { en: 'Order complaint', ko: '주문 불만' },
  questions: [
    { id: 'rating', type: 'rating', scale: 'thermometer4', prompt: { en: 'How did it go?', ko: '어떠셨나요?' } },
    {
      id: 'reason',
      type: 'choice',
      prompt: { en: 'What went wrong?', ko: '무엇이 문제였나요?' },
      options: [
        { id: 'late', label: { en: 'Late delivery', ko: '배송 지연' } },
        { id: 'damaged', label: { en: 'Damaged item', ko: '파손된 상품' } },
      ],
      other: true,
    },
    { id: 'text', type: 'text', prompt: { en: 'Tell us more', ko: '자세히 알려주세요' } },
    { id: 'contact', type: 'contact', fields: ['email', 'name'], prompt: { en: 'May we contact you?', ko: '연락드려도 될까요?' } },
  ],
};

export const npsSurvey: Survey = {
  id: 'nps',
  questions: [{ id: 'nps', type: 'rating', scale: 'nps', prompt: 'How likely are you to recommend us?' }],
};

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

export function makeCase(response: SurveyResponse, over: Partial<Case> = {}): Case {
  const negative = response.answers.some((a) => a.type === 'rating' && ((a.scale === 'thermometer4' && a.value <= 2) || (a.scale === 'nps' && a.value <= 6)));
  const contact = response.answers.find((a) => a.type === 'contact');
  return {
    id: response.id,
    surveyId: response.surveyId,
    receivedAt: response.createdAt,
    sentiment: negative ? 'negative' : 'positive',
    status: 'new',
    assignee: null,
    tags: [],
    remedy: null,
    remedyNote: null,
    dueAt: null,
    version: 1,
    firstResponseAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    resolvedAt: null,
    overdue: false,
    contactable: contact?.type === 'contact' && contact.email !== undefined,
    followUp: null,
    updatedAt: response.createdAt,
    ...over,
  };
}

export function koreanComplaint(over: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    schemaVersion: 1,
    id: uuid(),
    surveyId: 'complaint',
    createdAt: new Date(Date.now() - 26 * 3_600_000).toISOString(),
    locale: 'ko',
    answers: [
      { type: 'rating', questionId: 'rating', scale: 'thermometer4', value: 1 },
      { type: 'choice', questionId: 'reason', values: ['late'] },
      { type: 'text', questionId: 'text', value: '배송이 3주나 늦었고 연락도 없었어요.' },
      { type: 'contact', questionId: 'contact', consent: true, email: 'minji@example.com', name: '김민지' },
    ],
    context: { url: 'https://shop.example/orders/A-1001', viewport: { width: 390, height: 844 } },
    metadata: { orderId: 'A-1001', plan: 'standard' },
    ...over,
  };
}

export function hostileResponse(): SurveyResponse {
  return {
    schemaVersion: 1,
    id: uuid(),
    surveyId: 'complaint',
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    locale: 'en',
    answers: [
      { type: 'rating', questionId: 'rating', scale: 'thermometer4', value: 2 },
      { type: 'choice', questionId: 'reason', values: ['damaged'], other: HOSTILE },
      { type: 'text', questionId: 'text', value: HOSTILE },
      { type: 'contact', questionId: 'contact', consent: true, email: 'x@example.com', name: HOSTILE },
    ],
    context: { url: `https://shop.example/${HOSTILE}`, referrer: HOSTILE },
    user: { id: HOSTILE, traits: { [HOSTILE]: HOSTILE } },
    metadata: { [HOSTILE]: HOSTILE, orderId: HOSTILE },
  };
}

export function npsResponse(value: number): SurveyResponse {
  return {
    schemaVersion: 1,
    id: uuid(),
    surveyId: 'nps',
    createdAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
    locale: 'en',
    answers: [{ type: 'rating', questionId: 'nps', scale: 'nps', value }],
  };
}

export const templates: ReplyTemplate[] = [
  { name: 'apology', locale: 'ko', subject: '{name}님, 주문 {orderId} 건 죄송합니다', body: '{name}님, 불편을 드려 죄송합니다. [[{dueDate}까지 해결하겠습니다.|최대한 빨리 해결하겠습니다.]] — {agent}' },
  { name: 'apology', locale: 'en', subject: 'Sorry about order {orderId}, {name}', body: 'Dear {name}, we are sorry. We will fix it by {dueDate}. — {agent}' },
];

function summaryOf(cases: Case[]): Summary {
  const days = 14;
  const series = Array.from({ length: days }, (_, i) => {
    const day = new Date(Date.now() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    const count = [3, 5, 2, 8, 6, 4, 9, 7, 3, 5, 6, 10, 4, cases.length][i]!;
    return { day, count, csat: 60 + (i % 5) * 5, nps: 10 + i, negativeShare: 20 + (i % 4) * 10 };
  });
  const byStatus = { new: 0, acknowledged: 0, resolving: 0, resolved: 0, spam: 0 };
  for (const c of cases) byStatus[c.status]++;
  return {
    total: cases.length,
    bySentiment: { negative: cases.filter((c) => c.sentiment === 'negative').length, neutral: 0, positive: cases.filter((c) => c.sentiment === 'positive').length, none: 0 },
    csat: { answers: 10, satisfied: 7, percent: 70 },
    nps: { answers: 10, promoters: 5, passives: 3, detractors: 2, score: 30 },
    thermometer: { red: 4, amber: 2, green: 3, gold: 5 },
    topReasons: [
      { questionId: 'reason', value: 'late', count: 7 },
      { questionId: 'reason', value: 'damaged', count: 3 },
    ],
    cases: {
      byStatus,
      open: cases.filter((c) => c.status !== 'resolved' && c.status !== 'spam').length,
      overdue: cases.filter((c) => c.overdue).length,
      byRemedy: { apology: 1, refund: 2, discount: 0, credit: 0, replacement: 0, fix: 0, other: 0 },
      firstResponse: { count: 4, p50Ms: 2.5 * 3_600_000, p90Ms: 20 * 3_600_000 },
      resolution: { count: 3, p50Ms: 2 * 86_400_000, p90Ms: 6 * 86_400_000 },
    },
    recovery: { sent: 2, answered: 1, positive: 1, rate: 100 },
    series,
  };
}

/** The fake's controllable EventSource: `FakeEventSource.last.emit('response', { id })`. */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  static get last(): FakeEventSource {
    return FakeEventSource.instances.at(-1)!;
  }
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  readonly withCredentials = true;
  constructor(readonly url: string, _init?: EventSourceInit) {
    super();
    FakeEventSource.instances.push(this);
    queueMicrotask(() => this.open());
  }
  open(): void {
    if (this.readyState === 2) return;
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  emit(type: string, data: object): void {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
  /** The connection is refused (EventSource gives up: CLOSED). */
  refuse(): void {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
  close(): void {
    this.readyState = 2;
  }
}

export interface FakeApiOptions {
  signedIn?: boolean;
  responses?: SurveyResponse[];
  smtp?: boolean;
}

/** The fake receiver. `fetch` is what the app calls; the rest lets a test look and meddle. */
export function createFakeApi(options: FakeApiOptions = {}) {
  let session: string | null = options.signedIn === false ? null : 'ana@example.com';
  const smtp = options.smtp ?? true;
  const records = new Map<string, CaseDetail>();
  const calls: Array<{ method: string; path: string; body: unknown; headers: Record<string, string> }> = [];
  const mail: Array<{ to: string; subject: string; body: string }> = [];
  const add = (response: SurveyResponse, over: Partial<Case> = {}) => {
    const c = makeCase(response, over);
    records.set(c.id, { case: c, response, timeline: [{ seq: 1, at: response.createdAt, actor: 'system', type: 'received' }] });
    return c;
  };
  for (const r of options.responses ?? []) add(r);

  const json = (status: number, body: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const problem = (status: number, error: string, message: string, extra: object = {}) => json(status, { error, message, ...extra });
  const push = (d: CaseDetail, event: Omit<TimelineEvent, 'seq' | 'at' | 'actor'>) => {
    d.timeline.push({ seq: d.timeline.length + 1, at: new Date().toISOString(), actor: `user:${session}`, ...event } as TimelineEvent);
  };
  const bump = (d: CaseDetail, change: Partial<Case>) => {
    d.case = { ...d.case, ...change, version: d.case.version + 1, updatedAt: new Date().toISOString() };
  };

  async function handle(method: string, url: URL, body: any, headers: Record<string, string>): Promise<Response> {
    const path = url.pathname;
    if (path === '/api/session' && method === 'POST') {
      if (body.password !== 'correct horse battery') return problem(401, 'invalid_credentials', 'wrong email or password');
      session = body.email;
      return json(204, undefined); // as the receiver: the cookie is the answer
    }
    if (path === '/api/session/link' && method === 'POST') {
      if (body.token !== 'good-link') return problem(410, 'link_gone', 'this link was used or has expired; ask for a new one');
      session = 'newcomer@example.com';
      return json(200, { email: session });
    }
    if (path === '/api/setup' && method === 'POST') {
      if (body.token !== 'good-setup') return problem(410, 'link_gone', 'this link was used or has expired; restart earful serve to print a new one');
      session = body.email;
      return json(200, { email: session });
    }
    if (!session) return problem(401, 'unauthorized', 'Sign in first.');
    if (path === '/api/session' && method === 'GET') return json(200, { email: session });
    if (path === '/api/session' && method === 'DELETE') {
      session = null;
      return json(204, undefined);
    }
    if (path === '/api/surveys') return json(200, [complaintSurvey, npsSurvey]);
    if (path === '/api/users') return json(200, [{ email: 'ana@example.com' }, { email: 'ben@example.com' }]);
    if (path === '/api/templates') return json(200, templates.filter((t) => t.locale === (url.searchParams.get('locale') ?? 'en').split('-')[0]));
    // As the receiver: without `survey`, every survey but the customers' follow-up answers.
    const survey = url.searchParams.get('survey');
    const ofSurvey = (d: CaseDetail) => (survey === null ? d.case.surveyId !== FOLLOW_UP_SURVEY : d.case.surveyId === survey);
    if (path === '/api/summary') return json(200, summaryOf([...records.values()].filter(ofSurvey).map((d) => d.case)));
    if (path === '/api/cases' && method === 'GET') {
      const p = url.searchParams;
      let items = [...records.values()].filter(ofSurvey);
      const status = p.get('status');
      if (status) items = items.filter((d) => status.split(',').includes(d.case.status));
      const sentiment = p.get('sentiment');
      if (sentiment) items = items.filter((d) => (d.case.sentiment ?? 'none') === sentiment);
      const q = p.get('q');
      if (q) items = items.filter((d) => JSON.stringify(d.response).includes(q));
      const assignee = p.get('assignee');
      if (assignee) items = items.filter((d) => d.case.assignee === (assignee === 'me' ? session : assignee === 'none' ? null : assignee));
      items.sort((a, b) => b.case.receivedAt.localeCompare(a.case.receivedAt));
      return json(200, { items: items.map((d) => ({ case: d.case, response: d.response })), nextCursor: null });
    }
    const match = /^\/api\/cases\/([^/]+)(?:\/(notes|replies|follow-up))?$/.exec(path);
    const d = match ? records.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match || !d) return problem(404, 'not_found', 'No such case.');
    const action = match[2];
    if (!action && method === 'GET') return json(200, structuredClone(d));
    if (!action && method === 'PATCH') {
      if (headers['if-match'] !== String(d.case.version)) return problem(409, 'conflict', 'The case changed since you read it.', { case: d.case });
      const patch = body as CasePatch;
      if (patch.status && patch.status !== d.case.status) push(d, { type: 'status_changed', from: d.case.status, to: patch.status, ...(patch.remedy ? { remedy: patch.remedy } : {}) } as never);
      if (patch.assignee !== undefined) push(d, { type: 'assigned', from: d.case.assignee, to: patch.assignee } as never);
      if (patch.tags) push(d, { type: 'tagged', added: patch.tags.filter((t) => !d.case.tags.includes(t)), removed: d.case.tags.filter((t) => !patch.tags!.includes(t)) } as never);
      bump(d, { ...patch, firstResponseAt: d.case.firstResponseAt ?? new Date().toISOString() } as Partial<Case>);
      return json(200, d.case);
    }
    if (action === 'notes') {
      push(d, { type: 'note_added', text: body.text } as never);
      bump(d, {});
      return json(201, d.timeline.at(-1));
    }
    if (action === 'replies') {
      if (!d.case.contactable) return problem(409, 'no_consent', 'The customer did not consent to contact.');
      if (!smtp && body.sent !== 'manually') return problem(409, 'no_smtp', 'No SMTP server is configured.');
      const to = (d.response.answers.find((a) => a.type === 'contact') as { email: string }).email;
      if (body.sent !== 'manually') mail.push({ to, subject: body.subject, body: body.body });
      push(d, { type: 'reply_sent', to, subject: body.subject, body: body.body, messageId: body.sent === 'manually' ? null : '<m1@example>' } as never);
      bump(d, { firstResponseAt: d.case.firstResponseAt ?? new Date().toISOString() });
      return json(201, d.timeline.at(-1));
    }
    if (action === 'follow-up') {
      const expiresAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
      push(d, { type: 'follow_up_sent', via: body.send ? 'email' : 'link', expiresAt } as never);
      bump(d, { followUp: { sentAt: new Date().toISOString(), expiresAt, answeredAt: null, sentiment: null, responseId: null } });
      return json(200, { url: `https://shop.example/follow-up#t=abc`, expiresAt, sent: !!body.send });
    }
    return problem(405, 'method', 'Not allowed.');
  }

  return {
    records,
    calls,
    mail,
    add,
    get session() {
      return session;
    },
    /** Ends the session on the server side (as an expiry would). */
    expire(): void {
      session = null;
    },
    /** Changes a case as another person would (a newer version). */
    changeBehind(id: string, change: Partial<Case>): void {
      const d = records.get(id)!;
      bump(d, change);
    },
    /**
     * The customer answers the follow-up of case `caseId` as the receiver stores it: a response of
     * survey `FOLLOW_UP_SURVEY` (with a case of its own, which lists leave out) and a
     * `follow_up_answered` entry; red or amber (1, 2) moves a resolved case back to acknowledged.
     */
    answerFollowUp(caseId: string, value: 1 | 2 | 3 | 4, text: string): SurveyResponse {
      const d = records.get(caseId)!;
      const at = new Date().toISOString();
      const answer: SurveyResponse = {
        schemaVersion: 1,
        id: uuid(),
        surveyId: FOLLOW_UP_SURVEY,
        createdAt: at,
        locale: d.response.locale,
        answers: [
          { type: 'rating', questionId: 'rating', scale: 'thermometer4', value },
          { type: 'text', questionId: 'text', value: text },
        ],
        metadata: { followUpOf: caseId },
      };
      add(answer);
      const sentiment = value <= 2 ? 'negative' : 'positive';
      d.timeline.push({ seq: d.timeline.length + 1, at, actor: 'customer', type: 'follow_up_answered', responseId: answer.id, sentiment });
      bump(d, { followUp: d.case.followUp && { ...d.case.followUp, answeredAt: at, sentiment, responseId: answer.id } });
      if (sentiment === 'negative' && d.case.status === 'resolved') {
        d.timeline.push({ seq: d.timeline.length + 1, at, actor: 'customer', type: 'status_changed', from: 'resolved', to: 'acknowledged' } as TimelineEvent);
        bump(d, { status: 'acknowledged', remedy: null, resolvedAt: null });
      }
      return answer;
    },
    fetch: async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      const url = new URL(String(input), 'http://inbox.test');
      const method = init.method ?? 'GET';
      const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, path: `${url.pathname}${url.search}`, body, headers });
      if (init.credentials !== 'same-origin') return problem(400, 'test', 'the app must send credentials: same-origin');
      return handle(method, url, body, headers);
    },
  };
}
