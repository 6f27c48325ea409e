/**
 * The rules of a case, written once for every store: what a patch or an event changes, which
 * timeline entries it implies, when the version moves, what "overdue" and "contactable" mean.
 * Stores only persist what these functions decide, so memory, SQLite and PostgreSQL agree.
 */
import type { Case, CasePatch, SurveyResponse, TimelineEvent } from '@earful/schema';
import type { CaseChange, CaseInit, EraseTarget, StoredResponse } from '../../store.js';

/** A timeline entry before the store numbers it. */
export type NewEvent = DistributiveOmit<TimelineEvent, 'seq'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The stored part of a case: everything but the fields computed when read (`overdue`, `contactable`). */
export type CaseFields = Omit<Case, 'overdue' | 'contactable'>;

/** What {@link applyChange} decided. */
export type RuleOutcome =
  | { readonly ok: true; readonly next: CaseFields; readonly events: readonly NewEvent[]; readonly changed: boolean }
  | { readonly ok: false; readonly message: string };

const OPEN = new Set(['new', 'acknowledged', 'resolving']);

/** A new case, as `putIfAbsent` stores it. */
export function newCase(record: StoredResponse, init: CaseInit | undefined): { fields: CaseFields; event: NewEvent } {
  return {
    fields: {
      id: record.id,
      surveyId: record.surveyId,
      receivedAt: record.receivedAt,
      sentiment: record.sentiment,
      status: 'new',
      assignee: null,
      tags: [],
      remedy: null,
      remedyNote: null,
      dueAt: null,
      version: 1,
      firstResponseAt: null,
      firstResponseDueAt: init?.firstResponseDueAt ?? null,
      resolutionDueAt: init?.resolutionDueAt ?? null,
      resolvedAt: null,
      followUp: null,
      updatedAt: record.receivedAt,
    },
    event: { type: 'received', at: record.receivedAt, actor: 'system' },
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Applies a patch and/or an event to a case. The version moves by one when a field of the case
 * changes; a note or an `alerted` entry changes no field, so it never makes another person's
 * edit stale.
 */
export function applyChange(current: CaseFields, change: CaseChange): RuleOutcome {
  const { actor, at } = change;
  const patch: CasePatch = change.patch ?? {};
  const next: { -readonly [K in keyof CaseFields]: CaseFields[K] } = { ...current, tags: [...current.tags] };
  const events: NewEvent[] = [];
  const person = actor !== 'system' && actor !== 'customer';

  const to = patch.status ?? current.status;
  if ((patch.remedy !== undefined || patch.remedyNote !== undefined) && to !== 'resolved') {
    return { ok: false, message: 'remedy and remedyNote can only be set together with status "resolved" (or on a resolved case)' };
  }
  if (patch.dueAt !== undefined && patch.dueAt !== null && to !== 'resolving') {
    return { ok: false, message: 'dueAt is the date agreed for a solution: set it with status "resolving"' };
  }
  if (to === 'resolved' && current.status !== 'resolved' && patch.remedy === undefined) {
    return { ok: false, message: 'resolving a case needs a remedy: apology, refund, discount, credit, replacement, fix or other' };
  }

  const statusMoves = patch.status !== undefined && patch.status !== current.status;
  // A new remedy without a note drops the old note; a note alone amends the note of the remedy.
  const remedy = patch.remedy ?? current.remedy;
  const remedyNote = patch.remedyNote ?? (patch.remedy !== undefined ? null : current.remedyNote);
  const remedyMoves = to === 'resolved' && (remedy !== current.remedy || remedyNote !== current.remedyNote);
  const dueMoves = patch.dueAt !== undefined && patch.dueAt !== current.dueAt;
  if (statusMoves || remedyMoves || dueMoves) {
    next.status = to;
    if (to === 'resolved') {
      next.remedy = remedy;
      next.remedyNote = remedyNote;
      if (statusMoves) next.resolvedAt = at;
    } else {
      // Reopened or moved on: the old remedy stays in the timeline, not on the case.
      next.remedy = null;
      next.remedyNote = null;
      next.resolvedAt = null;
    }
    if (patch.dueAt !== undefined) next.dueAt = patch.dueAt;
    else if (to !== 'resolving' && to !== 'resolved') next.dueAt = null;
    events.push({
      type: 'status_changed',
      at,
      actor,
      from: current.status,
      to,
      ...(to === 'resolved' && next.remedy !== null ? { remedy: next.remedy } : {}),
      ...(to === 'resolved' && next.remedyNote !== null ? { remedyNote: next.remedyNote } : {}),
      ...(next.dueAt !== current.dueAt ? { dueAt: next.dueAt } : {}),
    });
    // A person moving an unanswered case on (not to spam, not back to new) is a first response:
    // someone took it up — also when it comes back from spam.
    if (person && current.firstResponseAt === null && to !== 'spam' && to !== 'new') next.firstResponseAt = at;
  }

  if (patch.assignee !== undefined && patch.assignee !== current.assignee) {
    next.assignee = patch.assignee;
    events.push({ type: 'assigned', at, actor, from: current.assignee, to: patch.assignee });
  }

  if (patch.tags !== undefined) {
    // The same tags in another order change nothing: no event, no new version.
    const tags = [...new Set(patch.tags)];
    const added = tags.filter((t) => !current.tags.includes(t));
    const removed = current.tags.filter((t) => !tags.includes(t));
    if (added.length > 0 || removed.length > 0) {
      next.tags = tags;
      events.push({ type: 'tagged', at, actor, added, removed });
    }
  }

  const event = change.event;
  if (event) {
    events.push({ ...event, at, actor } as NewEvent);
    if (event.type === 'reply_sent' && next.firstResponseAt === null) next.firstResponseAt = at;
    if (event.type === 'follow_up_sent') {
      next.followUp = { sentAt: at, expiresAt: event.expiresAt, answeredAt: null, sentiment: null, responseId: null };
    }
    if (event.type === 'follow_up_answered') {
      next.followUp = {
        sentAt: current.followUp?.sentAt ?? at,
        expiresAt: current.followUp?.expiresAt ?? at,
        answeredAt: at,
        sentiment: event.sentiment,
        responseId: event.responseId,
      };
    }
  }

  const changed = fieldsDiffer(current, next);
  if (changed) {
    next.version = current.version + 1;
    next.updatedAt = at;
  }
  return { ok: true, next, events, changed };
}

function fieldsDiffer(a: CaseFields, b: CaseFields): boolean {
  return (
    a.status !== b.status ||
    a.assignee !== b.assignee ||
    !sameList(a.tags, b.tags) ||
    a.remedy !== b.remedy ||
    a.remedyNote !== b.remedyNote ||
    a.dueAt !== b.dueAt ||
    a.firstResponseAt !== b.firstResponseAt ||
    a.resolvedAt !== b.resolvedAt ||
    JSON.stringify(a.followUp) !== JSON.stringify(b.followUp)
  );
}

/** Whether a case counts as open (not resolved, not spam). */
export function isOpen(status: string): boolean {
  return OPEN.has(status);
}

/**
 * Overdue: negative, nobody has responded, still open, and past its first-response target at
 * `now`. The SQL stores write the same test as a WHERE clause (`OVERDUE_SQL` in their files).
 */
export function isOverdue(fields: CaseFields, now: number): boolean {
  return (
    fields.sentiment === 'negative' &&
    fields.firstResponseAt === null &&
    isOpen(fields.status) &&
    fields.firstResponseDueAt !== null &&
    Date.parse(fields.firstResponseDueAt) <= now
  );
}

/**
 * The contact details a customer gave with consent — the one rule for alerts, exports and replies:
 * the first contact answer with consent and an email, else the first with consent, else `null`.
 */
export function consentedContact(response: SurveyResponse): { name?: string; email?: string; phone?: string } | null {
  let found: Extract<SurveyResponse['answers'][number], { type: 'contact' }> | undefined;
  for (const answer of response.answers) {
    if (answer.type !== 'contact' || answer.consent !== true) continue;
    if (answer.email !== undefined) {
      found = answer;
      break;
    }
    found ??= answer;
  }
  if (!found) return null;
  return {
    ...(found.name === undefined ? {} : { name: found.name }),
    ...(found.email === undefined ? {} : { email: found.email }),
    ...(found.phone === undefined ? {} : { phone: found.phone }),
  };
}

/** The email a reply may go to: only from a contact answer given with consent. */
export function consentedEmail(response: SurveyResponse): string | null {
  return consentedContact(response)?.email ?? null;
}

/** The case as the API shows it at `now`. */
export function caseView(fields: CaseFields, response: SurveyResponse, now: number): Case {
  return { ...fields, overdue: isOverdue(fields, now), contactable: consentedEmail(response) !== null };
}

/** Whether erasing `target` erases this response: its id, a contact email (case-insensitive) or its `user.id`. */
export function eraseTargetMatches(target: EraseTarget, response: SurveyResponse): boolean {
  if ('responseId' in target) return response.id === target.responseId;
  if ('userId' in target) return response.user?.id === target.userId;
  const email = target.email.toLowerCase();
  return response.answers.some((a) => a.type === 'contact' && a.email !== undefined && a.email.toLowerCase() === email);
}

/**
 * A timeline entry as erasure leaves it: its kind, time and actor, without what was written to
 * or about the customer (note text, reply address, subject and body, remedy note).
 */
export function redactEvent(event: TimelineEvent): TimelineEvent {
  switch (event.type) {
    case 'note_added':
      return { ...event, text: '' };
    case 'reply_sent':
      return { ...event, to: '', subject: '', body: '' };
    case 'status_changed': {
      const { remedyNote: _dropped, ...rest } = event;
      return rest;
    }
    default:
      return event;
  }
}

/** What erasure counts in a tombstone: the response's answers, and the case's notes and replies. */
export function erasedCounts(response: SurveyResponse, timeline: readonly Pick<TimelineEvent, 'type'>[]): { answers: number; notes: number; replies: number } {
  return {
    answers: response.answers.length,
    notes: timeline.filter((e) => e.type === 'note_added').length,
    replies: timeline.filter((e) => e.type === 'reply_sent').length,
  };
}
