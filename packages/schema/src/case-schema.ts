/**
 * Cases: what a team does with a response. Every stored response has one case, worked from
 * `new` to `resolved`, with an append-only timeline. These schemas are the `/api` contract: the
 * server parses requests with them, the inbox's types come from them, and the OpenAPI document is
 * generated from them — so a field is named here once.
 */
import * as z from 'zod/mini';
import { codePointLength } from './byte-length.js';
import { localeField, textField } from './internal/fields.js';
import { responseSchema } from './response-schema.js';

/** A case's states. `spam` is a dead end a person can undo; `resolved` can be reopened. */
export const CASE_STATUSES = ['new', 'acknowledged', 'resolving', 'resolved', 'spam'] as const;
/** What a team did to put it right, recorded when a case is resolved. */
export const REMEDIES = ['apology', 'refund', 'discount', 'credit', 'replacement', 'fix', 'other'] as const;
/** Limits of the case fields a person types. */
export const CASE_LIMITS = {
  maxTags: 20,
  maxTagLength: 40,
  maxNoteLength: 4000,
  maxReplyLength: 10_000,
  maxSubjectLength: 200,
  maxRemedyNoteLength: 500,
  maxActorLength: 254,
} as const;

const isoTime = () =>
  z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with "Z" or an offset, such as "2026-11-22T09:30:00.000Z"' });
const sentimentField = () => z.nullable(z.enum(['negative', 'neutral', 'positive']));

/** `new`, `acknowledged`, `resolving`, `resolved` or `spam`. */
export const caseStatusSchema = z.enum(CASE_STATUSES);
/** `apology`, `refund`, `discount`, `credit`, `replacement`, `fix` or `other`. */
export const remedySchema = z.enum(REMEDIES);

/**
 * A tag: 1–40 characters of any script, no control characters, no commas (commas separate tags
 * in filters and CSV).
 */
export const tagSchema = z.string().check(
  z.refine((s: string) => codePointLength(s.trim()) >= 1 && codePointLength(s) <= CASE_LIMITS.maxTagLength && s === s.trim(), {
    error: `must be 1–${CASE_LIMITS.maxTagLength} characters without leading or trailing spaces`,
  }),
  // eslint-disable-next-line no-control-regex
  z.refine((s: string) => !/[\u0000-\u001f\u007f,]/.test(s), { error: 'must not contain control characters or commas' }),
);

/**
 * Who did something: `user:<email>` (a staff member), `key:<name>` (an API key), `customer`
 * (a follow-up answer) or `system` (the receiver itself).
 */
export const actorSchema = z.string().check(
  z.maxLength(CASE_LIMITS.maxActorLength + 5),
  z.regex(/^(?:system|customer|user:[^\s]+|key:[^\s]+)$/, { error: 'must be "system", "customer", "user:<email>" or "key:<name>"' }),
);

/** The follow-up "did we put it right?" of a case. */
export const followUpStateSchema = z.object({
  sentAt: isoTime(),
  expiresAt: isoTime(),
  /** When the customer answered; `null` until then. */
  answeredAt: z.nullable(isoTime()),
  /** The answer's sentiment (`positive` = won back). */
  sentiment: sentimentField(),
  /** The follow-up response's id. */
  responseId: z.nullable(z.uuid()),
});

/**
 * A case as the API returns it. `id` is the response's id. `version` goes up by one with every
 * change; send it back in `If-Match` to change the case.
 */
export const caseSchema = z.object({
  id: z.uuid(),
  surveyId: z.string(),
  receivedAt: isoTime(),
  sentiment: sentimentField(),
  status: caseStatusSchema,
  /** Email of the staff member who owns it, or `null`. */
  assignee: z.nullable(z.string()),
  tags: z.array(z.string()),
  /** What was done, once resolved. */
  remedy: z.nullable(remedySchema),
  remedyNote: z.nullable(z.string()),
  /** When the agreed solution is due (set with `resolving`). */
  dueAt: z.nullable(isoTime()),
  version: z.int().check(z.minimum(1)),
  /** First reply sent, or first status change out of `new` by a person. */
  firstResponseAt: z.nullable(isoTime()),
  /** The SLA targets, fixed when the response arrived; `null` without a target. */
  firstResponseDueAt: z.nullable(isoTime()),
  resolutionDueAt: z.nullable(isoTime()),
  resolvedAt: z.nullable(isoTime()),
  /** A negative, unanswered case past its first-response target (computed when read). */
  overdue: z.boolean(),
  /** The customer consented to contact and left an email: replies can be sent. */
  contactable: z.boolean(),
  followUp: z.nullable(followUpStateSchema),
  updatedAt: isoTime(),
});

const eventBase = { seq: z.int(), at: isoTime(), actor: z.string() };

/**
 * One timeline entry, told apart by `type`. The timeline is append-only: entries are never edited;
 * erasure removes texts (`note`, reply `body`) and adds an `erased` entry.
 */
export const timelineEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('received') }),
  z.object({ ...eventBase, type: z.literal('alerted'), alert: z.string(), kind: z.enum(['response', 'overdue']) }),
  z.object({
    ...eventBase,
    type: z.literal('status_changed'),
    from: caseStatusSchema,
    to: caseStatusSchema,
    remedy: z.optional(remedySchema),
    remedyNote: z.optional(z.string()),
    dueAt: z.optional(z.nullable(isoTime())),
  }),
  z.object({ ...eventBase, type: z.literal('assigned'), from: z.nullable(z.string()), to: z.nullable(z.string()) }),
  z.object({ ...eventBase, type: z.literal('tagged'), added: z.array(z.string()), removed: z.array(z.string()) }),
  z.object({ ...eventBase, type: z.literal('note_added'), text: z.string() }),
  z.object({
    ...eventBase,
    type: z.literal('reply_sent'),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    /** The mail's Message-ID, `null` when it was copied and sent by hand (no SMTP). */
    messageId: z.nullable(z.string()),
  }),
  z.object({ ...eventBase, type: z.literal('follow_up_sent'), via: z.enum(['email', 'link']), expiresAt: isoTime() }),
  z.object({ ...eventBase, type: z.literal('follow_up_answered'), responseId: z.uuid(), sentiment: sentimentField() }),
  z.object({ ...eventBase, type: z.literal('overdue'), target: z.literal('first_response') }),
  z.object({ ...eventBase, type: z.literal('erased') }),
]);

/**
 * `PATCH /api/cases/:id`: the fields to change (others stay). Unknown keys are refused, so a typo
 * is an error, not a silent no-op. `remedy` is required when `status` becomes `resolved`.
 */
export const casePatchSchema = z
  .strictObject({
    status: z.optional(caseStatusSchema),
    assignee: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(CASE_LIMITS.maxActorLength)))),
    tags: z.optional(
      z.array(tagSchema).check(z.maxLength(CASE_LIMITS.maxTags, { error: `must have at most ${CASE_LIMITS.maxTags} tags` })),
    ),
    remedy: z.optional(remedySchema),
    remedyNote: z.optional(textField(CASE_LIMITS.maxRemedyNoteLength)),
    dueAt: z.optional(z.nullable(isoTime())),
  })
  .check(
    z.refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' }),
    z.refine((p) => p.status !== 'resolved' || p.remedy !== undefined, {
      error: 'needs a remedy (apology, refund, discount, credit, replacement, fix or other) when resolving',
      path: ['remedy'],
    }),
  );

/** `POST /api/cases/:id/notes`: an internal note, never sent to the customer. */
export const noteInputSchema = z.strictObject({ text: textField(CASE_LIMITS.maxNoteLength, 1) });

/**
 * `POST /api/cases/:id/replies`: an email to the customer (only with consent). `template` picks a
 * shipped or configured template for the case's locale when `subject`/`body` are left out.
 * `sent: 'manually'` records a reply sent by hand (copy + `mailto:`) without SMTP.
 */
export const replyInputSchema = z.strictObject({
  subject: z.optional(textField(CASE_LIMITS.maxSubjectLength, 1)),
  body: z.optional(textField(CASE_LIMITS.maxReplyLength, 1)),
  template: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, { error: 'must be a template name such as "apology"' }))),
  locale: z.optional(localeField()),
  sent: z.optional(z.literal('manually')),
});

/** `POST /api/cases/:id/follow-up`: email the link (`send: true`, needs consent) or return it to copy. */
export const followUpInputSchema = z.strictObject({ send: z.optional(z.boolean()) });

/** What `POST /api/cases/:id/follow-up` returns. */
export const followUpLinkSchema = z.object({ url: z.string(), expiresAt: isoTime(), sent: z.boolean() });

/** `GET /api/cases/:id`: the case, the response it belongs to, and its timeline (oldest first). */
export const caseDetailSchema = z.object({
  case: caseSchema,
  response: responseSchema,
  timeline: z.array(timelineEventSchema),
});

/** One row of `GET /api/cases`: the case and its response. */
export const caseListItemSchema = z.object({ case: caseSchema, response: responseSchema });

/** `GET /api/cases`: a page, and the cursor of the next one (`null` on the last). */
export const caseListPageSchema = z.object({
  items: z.array(caseListItemSchema),
  nextCursor: z.nullable(z.string()),
});

/** What an erased response leaves: when, and how much was removed. */
export const tombstoneSchema = z.object({
  id: z.uuid(),
  erasedAt: isoTime(),
  actor: z.string(),
  counts: z.object({ answers: z.int(), notes: z.int(), replies: z.int() }),
});

/**
 * One reply template of `GET /api/templates?locale=ko`: its `{name}`, `{orderId}`, `{agent}` and
 * `{dueDate}` are left in, for a person to fill and edit before sending.
 */
export const replyTemplateSchema = z.object({ name: z.string(), locale: z.string(), subject: z.string(), body: z.string() });

/** One staff member of `GET /api/users` (the assignee picker): the email, never a password hash. */
export const staffMemberSchema = z.object({ email: z.string() });

/** Every `/api` error: a stable `error` code, a sentence saying what to do, and field problems for 400. */
export const apiProblemSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  /** With 409 on a stale version: the case as it is now. */
  case: z.optional(caseSchema),
  /** With 410: what is left of an erased response. */
  tombstone: z.optional(tombstoneSchema),
});

/**
 * The query string of `GET /api/cases`, as strings. `status` takes a comma list; `assignee` takes
 * an email, `me` or `none`; `sort` is `newest` (default) or `urgent` (open negative cases first,
 * the longest overdue on top). Metadata filters are `meta.<key>=<value>` (e.g. `meta.orderId=A-1001`).
 */
export const caseQuerySchema = z.object({
  status: z.optional(z.string()),
  sentiment: z.optional(z.enum(['negative', 'neutral', 'positive', 'none'])),
  survey: z.optional(z.string()),
  reason: z.optional(z.string()),
  assignee: z.optional(z.string()),
  tag: z.optional(z.string()),
  overdue: z.optional(z.enum(['true', 'false'])),
  since: z.optional(z.string()),
  until: z.optional(z.string()),
  q: z.optional(z.string().check(z.maxLength(200))),
  sort: z.optional(z.enum(['newest', 'urgent'])),
  limit: z.optional(z.string().check(z.regex(/^\d{1,4}$/))),
  cursor: z.optional(z.string().check(z.maxLength(400))),
});

/** A case's status. */
export type CaseStatus = z.infer<typeof caseStatusSchema>;
/** A remedy. */
export type Remedy = z.infer<typeof remedySchema>;
/** A case. */
export type Case = z.infer<typeof caseSchema>;
/** A case's follow-up state. */
export type FollowUpState = z.infer<typeof followUpStateSchema>;
/** One timeline entry. */
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
/** The body of `PATCH /api/cases/:id`. */
export type CasePatch = z.infer<typeof casePatchSchema>;
/** The body of `POST /api/cases/:id/notes`. */
export type NoteInput = z.infer<typeof noteInputSchema>;
/** The body of `POST /api/cases/:id/replies`. */
export type ReplyInput = z.infer<typeof replyInputSchema>;
/** The body of `POST /api/cases/:id/follow-up`. */
export type FollowUpInput = z.infer<typeof followUpInputSchema>;
/** The answer of `POST /api/cases/:id/follow-up`. */
export type FollowUpLink = z.infer<typeof followUpLinkSchema>;
/** The answer of `GET /api/cases/:id`. */
export type CaseDetail = z.infer<typeof caseDetailSchema>;
/** One row of `GET /api/cases`. */
export type CaseListItem = z.infer<typeof caseListItemSchema>;
/** The answer of `GET /api/cases`. */
export type CaseListPage = z.infer<typeof caseListPageSchema>;
/** What erasure leaves. */
export type Tombstone = z.infer<typeof tombstoneSchema>;
/** The query of `GET /api/cases`. */
export type CaseQueryInput = z.infer<typeof caseQuerySchema>;
/** A reply template as `GET /api/templates` lists it. */
export type ReplyTemplate = z.infer<typeof replyTemplateSchema>;
/** A staff member as `GET /api/users` lists them. */
export type StaffMember = z.infer<typeof staffMemberSchema>;
/** An `/api` error body. */
export type ApiProblem = z.infer<typeof apiProblemSchema>;
