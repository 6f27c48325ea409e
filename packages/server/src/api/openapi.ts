/**
 * The OpenAPI 3.1 document of `/api`, generated from the contract's zod schemas (zod 4's JSON
 * Schema output, draft 2020-12) so it cannot drift from what the routes parse and answer. Answer
 * bodies are written in zod's output mode: objects say `additionalProperties: false`, because the
 * routes only ever send what the schema has (zod strips unknown keys when parsing, and the API's
 * answers are built from parsed data) — a route that leaked a field would break generated clients
 * and fails `test/api-openapi.test.ts`. Request bodies are written in input mode (what a client
 * may send; the strict ones refuse unknown keys).
 */
import {
  apiProblemSchema,
  caseDetailSchema,
  caseListItemSchema,
  caseListPageSchema,
  casePatchSchema,
  caseQuerySchema,
  caseSchema,
  followUpInputSchema,
  followUpLinkSchema,
  loginLinkInputSchema,
  noteInputSchema,
  replyInputSchema,
  replyTemplateSchema,
  responseSchema,
  sessionInputSchema,
  sessionSchema,
  setupInputSchema,
  staffMemberSchema,
  summarySchema,
  surveySchema,
  timelineEventSchema,
  tombstoneSchema,
} from '@earful/schema';
import * as z from 'zod/mini';
import { FOLLOW_UP_SURVEY } from '../follow-up/follow-up-survey.js';
import { MAX_IDEMPOTENCY_KEY } from './routes/case-change.js';
import { MAX_STREAMS_PER_PRINCIPAL } from './routes/events.js';

type JsonSchema = Record<string, unknown>;

/** Answer bodies, by component name. */
const OUTPUT_SCHEMAS = {
  Case: caseSchema,
  CaseDetail: caseDetailSchema,
  CaseListItem: caseListItemSchema,
  CaseListPage: caseListPageSchema,
  TimelineEvent: timelineEventSchema,
  SurveyResponse: responseSchema,
  FollowUpLink: followUpLinkSchema,
  Summary: summarySchema,
  Tombstone: tombstoneSchema,
  Survey: surveySchema,
  ReplyTemplate: replyTemplateSchema,
  StaffMember: staffMemberSchema,
  Session: sessionSchema,
  Problem: apiProblemSchema,
} as const;

/** Request bodies, by component name. */
const INPUT_SCHEMAS = {
  CasePatch: casePatchSchema,
  NoteInput: noteInputSchema,
  ReplyInput: replyInputSchema,
  FollowUpInput: followUpInputSchema,
  SessionInput: sessionInputSchema,
  SetupInput: setupInputSchema,
  LoginLinkInput: loginLinkInputSchema,
} as const;

type OutputName = keyof typeof OUTPUT_SCHEMAS;
type InputName = keyof typeof INPUT_SCHEMAS;

const ref = (name: OutputName | InputName): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** Every schema of one mode as components that `$ref` each other (not one inlined copy per use). */
function components(schemas: Record<string, z.ZodMiniType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, uri: (id) => `#/components/schemas/${id}` });
  // `$schema`/`$id` belong to standalone files; inside an OpenAPI 3.1 document the dialect is the document's.
  return Object.fromEntries(Object.entries(out).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema as JsonSchema]));
}

const PROBLEM_WORDS: Record<number, string> = {
  400: 'Invalid request: `issues` lists each field problem',
  401: 'No valid session cookie or API key',
  403: 'Refused: a cross-site request with the session cookie (`csrf`), or a read-only key writing (`read_only`)',
  404: 'No such case or route (ids that are not UUIDs are simply not found)',
  409: 'Conflict: `stale` (the case changed since it was read; `case` is the case now), `no_consent`, `no_smtp` or `in_progress`',
  410: 'The response was erased; `tombstone` says when',
  412: 'If-Match is not a version such as "3"',
  413: 'The body is larger than 64 KiB',
  415: 'The body is not application/json',
  422: 'This Idempotency-Key was used for another request',
  428: 'If-Match is required',
  429: 'Too many requests; see Retry-After',
  502: 'The SMTP server did not take the mail; nothing was sent or recorded',
  503: 'The database is not available; see Retry-After',
};

function problems(...statuses: number[]): Record<string, JsonSchema> {
  return Object.fromEntries(
    [401, 503, ...statuses].sort().map((status) => [String(status), { description: PROBLEM_WORDS[status], content: { 'application/json': { schema: ref('Problem') } } }]),
  );
}

const json = (schema: JsonSchema, description: string, headers?: JsonSchema) => ({ description, ...(headers ? { headers } : {}), content: { 'application/json': { schema } } });
const list = (name: OutputName): JsonSchema => ({ type: 'array', items: ref(name) });
const body = (name: InputName) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const ETAG = { ETag: { description: 'The case version, e.g. "3": send it back in If-Match', schema: { type: 'string' } } };
const REPLAYED = { 'Idempotent-Replayed': { description: '`true` when this answers a repeat of an applied request (same Idempotency-Key)', schema: { type: 'string' } } };

const caseId = { name: 'id', in: 'path', required: true, description: "The case's id: the response's UUID", schema: { type: 'string', format: 'uuid' } };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Apply this request once: a repeat with the same key gets the same answer; the same key with another body gets 422',
  schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY },
};
const ifMatch = { name: 'If-Match', in: 'header', required: true, description: 'The version you read (the ETag), e.g. "3"', schema: { type: 'string' } };
const query = (name: string, description: string, schema: JsonSchema = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
const since = query('since', 'Only responses received at or after this ISO-8601 date', { type: 'string' });
// One wording for summary, cases and export: what `survey` does, and what its absence leaves out.
const SURVEY_WORDS =
  `Only this survey id. Without it, case lists and the summary leave out \`${FOLLOW_UP_SURVEY}\` (customers' answers to a follow-up, ` +
  `part of the cases they answer) and the export keeps them; \`survey=${FOLLOW_UP_SURVEY}\` reads the answers alone`;
const survey = query('survey', SURVEY_WORDS, { type: 'string', maxLength: 64 });

const CASE_FILTERS: Record<keyof typeof caseQuerySchema.shape, string> = {
  status: 'Comma list of statuses, e.g. `new,acknowledged`',
  sentiment: '`negative`, `neutral`, `positive` or `none` (no rating)',
  survey: SURVEY_WORDS,
  reason: 'An option id chosen in any choice answer',
  assignee: 'An email, `me` (the signed-in person) or `none`',
  tag: 'A tag',
  overdue: '`true`: only overdue cases; `false`: only the others',
  since: 'Received at or after (ISO-8601)',
  until: 'Received before (ISO-8601)',
  q: 'Full text (any script): every word must occur in the texts, contact name, metadata or notes',
  sort: '`newest` (default) or `urgent` (open negative cases first, longest overdue on top)',
  limit: 'Page size, 1–1000 (default 50)',
  cursor: '`nextCursor` of the previous page',
};

function caseQueryParameters(): JsonSchema[] {
  const shape = components({ CaseQuery: caseQuerySchema }, 'input').CaseQuery!.properties as Record<string, JsonSchema>;
  return [
    ...Object.entries(CASE_FILTERS).map(([name, description]) => query(name, description, shape[name] ?? { type: 'string' })),
    {
      name: 'meta',
      in: 'query',
      required: false,
      style: 'deepObject',
      description: 'Metadata filters written `meta.<key>=<value>`, e.g. `meta.orderId=A-1001` (exact match, at most 10)',
      schema: { type: 'object', additionalProperties: { type: 'string' } },
    },
  ];
}

/** The document's operations, by path under `/api` and method; `operationId` is the route's name. */
function paths(): Record<string, Record<string, JsonSchema>> {
  const open = { security: [] };
  return {
    '/api/session': {
      post: { operationId: 'signIn', summary: 'Sign in with email and password (sets the session cookie)', ...open, requestBody: body('SessionInput'), responses: { '204': { description: 'Signed in; the cookie `earful_session` is set' }, ...problems(400, 403, 429) } },
      get: { operationId: 'whoAmI', summary: 'Who is signed in', ...open, responses: { '200': json(ref('Session'), 'The signed-in email'), ...problems() } },
      delete: { operationId: 'signOut', summary: 'Sign out (the session ends on the server too)', ...open, responses: { '204': { description: 'Signed out' }, ...problems(403) } },
    },
    '/api/setup': {
      post: { operationId: 'setUp', summary: 'Create the first account from the one-time setup link', ...open, requestBody: body('SetupInput'), responses: { '200': json(ref('Session'), 'Account made and signed in'), ...problems(400, 403, 409, 410) } },
    },
    '/api/session/link': {
      post: { operationId: 'signInWithLink', summary: 'Sign in with a one-time link (`earful login-link`)', ...open, requestBody: body('LoginLinkInput'), responses: { '200': json(ref('Session'), 'Signed in'), ...problems(400, 403, 410) } },
    },
    '/api/cases': {
      get: { operationId: 'listCases', summary: 'A page of cases with their responses', parameters: caseQueryParameters(), responses: { '200': json(ref('CaseListPage'), 'A page; `nextCursor` is `null` on the last'), ...problems(400) } },
    },
    '/api/cases/{id}': {
      get: { operationId: 'getCase', summary: 'A case, its response and its timeline', parameters: [caseId], responses: { '200': json(ref('CaseDetail'), 'The case', ETAG), ...problems(404, 410) } },
      patch: {
        operationId: 'patchCase',
        summary: 'Change status, assignee, tags, remedy or due date',
        parameters: [caseId, ifMatch, idempotencyKey],
        requestBody: body('CasePatch'),
        responses: { '200': json(ref('CaseDetail'), 'The case after the change', { ...ETAG, ...REPLAYED }), ...problems(400, 403, 404, 409, 410, 412, 413, 415, 422, 428) },
      },
    },
    '/api/cases/{id}/notes': {
      post: {
        operationId: 'addNote',
        summary: 'Add an internal note (never sent to the customer)',
        parameters: [caseId, idempotencyKey],
        requestBody: body('NoteInput'),
        responses: { '201': json(ref('CaseDetail'), 'The case with the note on its timeline', { ...ETAG, ...REPLAYED }), ...problems(400, 403, 404, 410, 413, 415, 422) },
      },
    },
    '/api/cases/{id}/replies': {
      post: {
        operationId: 'sendReply',
        summary: 'Email the customer (only with consent), or record a reply sent by hand',
        parameters: [caseId, idempotencyKey],
        requestBody: body('ReplyInput'),
        responses: { '201': json(ref('CaseDetail'), 'Sent and recorded (`reply_sent` with the Message-ID)', { ...ETAG, ...REPLAYED }), ...problems(400, 403, 404, 409, 410, 413, 415, 422, 502) },
      },
    },
    '/api/cases/{id}/follow-up': {
      post: {
        operationId: 'followUp',
        summary: 'A signed "did we put it right?" link: mailed (`send: true`) or returned to pass on',
        parameters: [caseId, idempotencyKey],
        requestBody: body('FollowUpInput'),
        responses: { '201': json(ref('FollowUpLink'), 'The link, recorded as `follow_up_sent`', REPLAYED), ...problems(400, 403, 404, 409, 410, 413, 415, 422, 502) },
      },
    },
    '/api/summary': {
      get: {
        operationId: 'summary',
        summary: 'Counts, CSAT, NPS, case figures, recovery rate and the per-day series',
        parameters: [survey, since, query('days', 'Days of the series, 1–366 (default 90)', { type: 'string', pattern: '^\\d{1,3}$' })],
        responses: { '200': json(ref('Summary'), 'The summary'), ...problems(400) },
      },
    },
    '/api/export': {
      get: {
        operationId: 'exportResponses',
        summary: 'Every stored response, oldest first, streamed',
        parameters: [query('format', '`csv` (default) or `jsonl`', { type: 'string', enum: ['csv', 'jsonl'] }), survey, since],
        responses: {
          '200': {
            description: 'CSV with the columns of `earful export`, or JSON Lines: one `CaseListItem` per line',
            content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' }, itemSchema: ref('CaseListItem') } },
          },
          ...problems(400),
        },
      },
    },
    '/api/events': {
      get: {
        operationId: 'events',
        summary: 'Server-Sent Events: `response`, `case`, `alert` and `erased`, each with the change as JSON data',
        description: `A comment every 15 s keeps the connection; \`retry: 2000\`. At most ${MAX_STREAMS_PER_PRINCIPAL} streams per person or key (429 beyond).`,
        responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...problems(429) },
      },
    },
    '/api/responses/{id}': {
      delete: {
        operationId: 'eraseResponse',
        summary: 'Erase a response (GDPR): texts, notes and replies go, a tombstone stays',
        parameters: [caseId],
        responses: { '200': json(ref('Tombstone'), 'Erased (or erased before): the tombstone'), ...problems(403, 404) },
      },
    },
    '/api/templates': {
      get: {
        operationId: 'listTemplates',
        summary: 'Reply templates, with their variables left in',
        parameters: [query('locale', 'One template per name in the locale replies to this language would use', { type: 'string', maxLength: 35 })],
        responses: { '200': json(list('ReplyTemplate'), 'The templates'), ...problems(400) },
      },
    },
    '/api/surveys': { get: { operationId: 'listSurveys', summary: 'The survey definitions this receiver was given (labels)', responses: { '200': json(list('Survey'), 'The definitions'), ...problems(400) } } },
    '/api/users': { get: { operationId: 'listUsers', summary: 'Staff emails, for the assignee picker', responses: { '200': json(list('StaffMember'), 'The staff members'), ...problems() } } },
    '/api/openapi.json': { get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } }, ...problems() } } },
  };
}

let document: JsonSchema | undefined;

/** The OpenAPI 3.1 document of `/api`, made once on first use. */
export function openApiDocument(): JsonSchema {
  document ??= {
    openapi: '3.1.0',
    info: {
      title: 'Earful API',
      version: '1',
      description: 'Cases, replies, follow-ups, summary, export and live events of an Earful receiver. Every route but sign-in needs a session cookie or an API key. Errors have one body: `Problem`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths: paths(),
    components: {
      schemas: { ...components(OUTPUT_SCHEMAS, 'output'), ...components(INPUT_SCHEMAS, 'input') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key (`earful keys create --name crm`), `Authorization: Bearer ek_…`' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'earful_session', description: 'The session of a signed-in staff member (POST /api/session); writes also need a same-origin `Origin`' },
      },
    },
  };
  return document;
}
