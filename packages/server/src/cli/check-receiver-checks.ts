/**
 * The receiver conformance check as data: for each rule of the wire contract, the requests that
 * probe it and a pure judge that turns what came back into pass / FAIL / unverified / skipped,
 * with a one-line fix. `check-receiver.ts` sends the requests and prints the table; nothing here
 * does I/O, so every verdict can be read and tested alone.
 */
import { RESPONSE_LIMITS, checkResponse, responseByteLength, retryAfterTime, type SurveyResponse } from '@earful/schema';

/** Every response the check sends has this `surveyId`, so a team can find and delete them. */
export const CHECK_SURVEY_ID = 'earful-check-receiver';
/** Most requests a `--burst` may send, and the time it may take. */
export const BURST_LIMITS = { maxRequests: 1_000, maxMs: 10_000, concurrency: 4 } as const;

/** One request of a check. */
export interface Probe {
  readonly method: 'POST' | 'OPTIONS';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What a probe got: an answer (header names in lower case, the first 4 KB of the body) or no answer. */
export type Observed =
  | { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  | { readonly error: string };

export type Outcome = 'pass' | 'fail' | 'unverified' | 'skipped';

/** A check's result: what it got, and for anything but a pass one line on what to do. */
export interface Verdict {
  readonly outcome: Outcome;
  readonly got: string;
  readonly fix?: string;
}

/** What the checks are run with. */
export interface CheckContext {
  /** `--origin`: a browser origin the receiver allows; without it the CORS checks are skipped. */
  readonly origin?: string;
  /** `--burst`: how many requests the rate-limit check may send; without it that check is skipped. */
  readonly burst?: number;
  /** Makes a new response id. */
  readonly newId: () => string;
  /** `createdAt` of the responses sent. */
  readonly createdAt: string;
}

export interface ReceiverCheck {
  readonly id: string;
  readonly title: (context: CheckContext) => string;
  /** Why the check does not run in this context (a hint to run it), or undefined. */
  readonly skip?: (context: CheckContext) => string | undefined;
  /** The probes, sent one after another (a burst: concurrently, until `stopAt`). */
  readonly probes: (context: CheckContext) => Probe[];
  /** A burst stops at the first answer this accepts. */
  readonly stopAt?: (observed: Observed) => boolean;
  readonly judge: (observed: readonly Observed[], context: CheckContext) => Verdict;
}

const JSON_TYPE = 'application/json';
/** Exactly what the SDK sends on page exit: no preflight. */
const PAGE_EXIT_TYPE = 'text/plain;charset=UTF-8';

/** A valid v1 response of the check's survey; rated positive, so it sets off no negative-feedback alert. */
export function sampleResponse(id: string, createdAt: string, comment = 'Quick delivery, thank you.'): SurveyResponse {
  return {
    schemaVersion: 1,
    id,
    surveyId: CHECK_SURVEY_ID,
    createdAt,
    locale: 'en',
    answers: [
      { type: 'rating', questionId: 'rating', scale: 'csat5', value: 4 },
      { type: 'text', questionId: 'details', value: comment },
    ],
  };
}

/** A response whose JSON is exactly `bytes` long, padded with text answers (each within its 4,000-character limit). */
export function responseOfSize(id: string, createdAt: string, bytes: number): SurveyResponse {
  const base = sampleResponse(id, createdAt);
  const pads = 5;
  const empty = { ...base, answers: [...base.answers, ...Array.from({ length: pads }, (_, i) => ({ type: 'text' as const, questionId: `pad${i}`, value: '' }))] };
  let missing = bytes - responseByteLength(empty);
  const answers = empty.answers.map((answer) => {
    if (answer.type !== 'text' || !answer.questionId.startsWith('pad')) return answer;
    const n = Math.max(0, Math.min(missing, RESPONSE_LIMITS.maxTextLength));
    missing -= n;
    return { ...answer, value: 'x'.repeat(n) };
  });
  const sized = { ...empty, answers };
  if (responseByteLength(sized) !== bytes) throw new RangeError(`cannot make a response of exactly ${bytes} bytes`);
  return sized;
}

/** Throws when a fixture the check calls valid is not: the check must never blame a receiver for its own bad request. */
function valid(response: SurveyResponse): string {
  const checked = checkResponse(response);
  if (!checked.ok) throw new RangeError(`check-receiver fixture is invalid: ${checked.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  return JSON.stringify(response);
}

const post = (body: string, type = JSON_TYPE, extra: Record<string, string> = {}): Probe => ({ method: 'POST', headers: { 'content-type': type, ...extra }, body });

const answered = (o: Observed): o is Extract<Observed, { status: number }> => 'status' in o;
const is2xx = (o: Observed) => answered(o) && o.status >= 200 && o.status < 300;

/** A short account of an answer for the `got` column. */
export function describeObserved(o: Observed): string {
  return answered(o) ? String(o.status) : `no answer (${o.error})`;
}

function replyJson(o: Observed): Record<string, unknown> | undefined {
  if (!answered(o)) return undefined;
  try {
    const value: unknown = JSON.parse(o.body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The read-back of the dedupe rule: a repeat of a stored id is answered with `"duplicate": true` in its JSON body. */
const saysDuplicate = (o: Observed) => replyJson(o)?.duplicate === true;

/** Why a valid response was not accepted, as one line on what to change. */
function acceptFix(o: Observed, what: string): string {
  if (!answered(o)) return `the receiver did not answer ${what}: is it running at this URL, and does it answer before closing the connection?`;
  const s = o.status;
  if (s === 415) return 'accept Content-Type text/plain and parse it as JSON: the SDK sends page-exit responses that way to avoid a CORS preflight';
  if (s === 413) return `accept bodies up to ${RESPONSE_LIMITS.maxBodyBytes.toLocaleString('en-US')} bytes (the contract's limit): the SDK drops a 413 for good`;
  if (s === 400 || s === 422) return 'this is a valid v1 response (checked with @earful/schema): validate with response.schema.json, allow unknown keys, check only the byte limit besides';
  if (s === 401 || s === 403) return 'accept unauthenticated POSTs without cookies: a browser cannot keep a secret (guard with rate limits and a honeypot instead)';
  if (s === 404 || s === 405) return 'POST to this exact URL must reach the receiver: give the check the URL the SDK is configured with';
  if (s >= 300 && s < 400) return 'answer at this URL without a redirect: a 301/302 turns the POST into a GET; configure the SDK with the final URL';
  if (s >= 500) return 'a valid response must be stored and answered 2xx: see the receiver\'s log for the error (the SDK retries 5xx for days)';
  return `answer 2xx once ${what} is stored: the SDK counts only 2xx as delivered`;
}

function accepted(o: Observed, what: string): Verdict {
  return is2xx(o) ? { outcome: 'pass', got: describeObserved(o) } : { outcome: 'fail', got: describeObserved(o), fix: acceptFix(o, what) };
}

/** A 400 with a non-empty body, for input no client should send again. */
function refused(o: Observed, kind: string): Verdict {
  const got = describeObserved(o);
  if (!answered(o)) return { outcome: 'fail', got, fix: `answer 400 with a message for ${kind} instead of dropping the connection` };
  if (o.status === 400) {
    return o.body.trim() ? { outcome: 'pass', got: `400 ${excerpt(messageOf(o))}` } : { outcome: 'fail', got: '400 with an empty body', fix: `put a message in the 400 body saying what is wrong with ${kind}` };
  }
  if (o.status >= 500) return { outcome: 'fail', got, fix: `answer 400 with a message for ${kind}, never 5xx: the SDK retries 5xx for days, and bad input stays bad` };
  if (o.status >= 200 && o.status < 300) return { outcome: 'fail', got, fix: `${kind} was accepted: validate with response.schema.json and answer 400 with the field messages` };
  return { outcome: 'fail', got, fix: `answer 400 (with a message) for ${kind}, not ${o.status}` };
}

/** The message of an error body: its `message`, its first field issue, or the text itself. */
function messageOf(o: Extract<Observed, { status: number }>): string {
  const value = replyJson(o);
  if (typeof value?.message === 'string') return value.message;
  const issue: unknown = Array.isArray(value?.issues) ? value.issues[0] : undefined;
  if (issue && typeof issue === 'object') {
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof message === 'string') return `${typeof path === 'string' ? `${path}: ` : ''}${message}`;
  }
  return o.body;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `"${line.length > 40 ? `${line.slice(0, 39)}…` : line}"`;
}

function allowsOrigin(o: Observed, origin: string): boolean {
  const allowed = answered(o) ? o.headers['access-control-allow-origin'] : undefined;
  return allowed === '*' || allowed === origin;
}

/** A `Retry-After` the SDK obeys: the SDK's own rule, from the schema (delay-seconds above 0, or a future HTTP date). */
export function usableRetryAfter(value: string | undefined, now: number): boolean {
  return retryAfterTime(value, now) !== undefined;
}

const noOrigin = (c: CheckContext) => (c.origin === undefined ? 'pass --origin https://your.site (an origin the receiver allows) to check CORS' : undefined);

/** The checks, in the order they run. The rate-limit burst runs last, so its 429s cannot spoil the others. */
export const RECEIVER_CHECKS: readonly ReceiverCheck[] = [
  {
    id: 'json',
    title: () => 'a valid response as application/json → 2xx',
    probes: (c) => [post(valid(sampleResponse(c.newId(), c.createdAt)))],
    judge: ([o]) => accepted(o!, 'a valid response'),
  },
  {
    id: 'text-plain',
    title: () => 'a valid response as text/plain (page exit) → 2xx',
    probes: (c) => [post(valid(sampleResponse(c.newId(), c.createdAt)), PAGE_EXIT_TYPE)],
    judge: ([o]) => accepted(o!, 'a text/plain response'),
  },
  {
    id: 'duplicate',
    title: () => 'the same id twice → 2xx both times, stored once',
    probes: (c) => {
      const body = valid(sampleResponse(c.newId(), c.createdAt));
      return [post(body), post(body, PAGE_EXIT_TYPE)];
    },
    judge: ([first, second]) => {
      if (!is2xx(first!)) return accepted(first!, 'a valid response');
      const got = `${describeObserved(first!)}, then ${describeObserved(second!)}`;
      if (!is2xx(second!)) {
        return { outcome: 'fail', got, fix: 'answer a repeat of a stored id with 2xx like the first time: the SDK resends after a lost answer or a page exit, and counts anything else as a failure' };
      }
      if (saysDuplicate(first!)) return { outcome: 'fail', got: `${got}, the first one said duplicate`, fix: 'say "duplicate": true only for an id already stored, never for a new one' };
      if (saysDuplicate(second!)) return { outcome: 'pass', got: `${got} "duplicate": true` };
      return { outcome: 'unverified', got: `${got}, no read-back`, fix: 'answer a repeat of a stored id with "duplicate": true in the JSON body, so "stored once" can be checked' };
    },
  },
  {
    id: 'conflict',
    title: () => 'the same id with another body → 409 or 422',
    probes: (c) => {
      const id = c.newId();
      return [post(valid(sampleResponse(id, c.createdAt))), post(valid(sampleResponse(id, c.createdAt, 'A different answer under the same id.')))];
    },
    judge: ([first, second]) => {
      if (!is2xx(first!)) return accepted(first!, 'a valid response');
      const got = describeObserved(second!);
      if (answered(second!) && (second.status === 409 || second.status === 422)) return { outcome: 'pass', got };
      if (is2xx(second!)) {
        return { outcome: 'fail', got, fix: 'store by id (a unique key) and compare the body: a different response under a stored id must get 422 (or 409), not be stored or merged' };
      }
      return { outcome: 'fail', got, fix: 'answer 422 (or 409) with a message when an id is stored with a different body; the SDK drops it and reports it, and does not retry' };
    },
  },
  {
    id: 'bad-json',
    title: () => 'a body that is not JSON → 400 with a message',
    probes: (c) => [post(`{"schemaVersion":1,"id":"${c.newId()}","answers":[`)],
    judge: ([o]) => refused(o!, 'a body that is not JSON'),
  },
  {
    id: 'invalid',
    title: () => 'a response the schema refuses → 400 with a message',
    probes: (c) => {
      const response = sampleResponse(c.newId(), c.createdAt);
      // csat5 goes from 1 to 5: a 9 breaks the schema and nothing else.
      return [post(JSON.stringify({ ...response, answers: [{ type: 'rating', questionId: 'rating', scale: 'csat5', value: 9 }] }))];
    },
    judge: ([o]) => refused(o!, 'an invalid response'),
  },
  {
    id: 'at-limit',
    title: () => `a response of ${RESPONSE_LIMITS.maxBodyBytes.toLocaleString('en-US')} bytes (the limit) → 2xx`,
    probes: (c) => [post(valid(responseOfSize(c.newId(), c.createdAt, RESPONSE_LIMITS.maxBodyBytes)))],
    judge: ([o]) => accepted(o!, `a response of ${RESPONSE_LIMITS.maxBodyBytes} bytes`),
  },
  {
    id: 'too-large',
    title: () => `${(RESPONSE_LIMITS.maxBodyBytes + 1).toLocaleString('en-US')} bytes → 413`,
    probes: (c) => [post(JSON.stringify(responseOfSize(c.newId(), c.createdAt, RESPONSE_LIMITS.maxBodyBytes + 1)))],
    judge: ([o]) => {
      const got = describeObserved(o!);
      if (answered(o!) && o.status === 413) return { outcome: 'pass', got };
      if (!answered(o!)) return { outcome: 'fail', got, fix: 'answer 413 before closing the connection, so the SDK can drop the response and report it' };
      return {
        outcome: 'fail',
        got,
        fix: `cap the body at ${RESPONSE_LIMITS.maxBodyBytes.toLocaleString('en-US')} bytes before parsing and answer 413 (the JSON Schema cannot express the limit)`,
      };
    },
  },
  {
    id: 'cors-simple',
    title: (c) => `CORS: simple POST from ${c.origin ?? 'an allowed origin'} → 2xx with Allow-Origin`,
    skip: noOrigin,
    probes: (c) => [post(valid(sampleResponse(c.newId(), c.createdAt)), PAGE_EXIT_TYPE, { origin: c.origin! })],
    judge: ([o], c) => {
      if (!is2xx(o!)) {
        if (answered(o!) && o.status === 403) return { outcome: 'fail', got: '403', fix: `allow the origin ${c.origin} (or check --origin): its pages send responses here` };
        return accepted(o!, 'a cross-origin text/plain response');
      }
      const allowed = answered(o!) ? o.headers['access-control-allow-origin'] : undefined;
      if (allowsOrigin(o!, c.origin!)) return { outcome: 'pass', got: `${describeObserved(o!)}, Access-Control-Allow-Origin: ${allowed}` };
      return {
        outcome: 'fail',
        got: `${describeObserved(o!)}, Access-Control-Allow-Origin: ${allowed ?? '(none)'}`,
        fix: `send Access-Control-Allow-Origin: ${c.origin} on the POST answer itself, not only on OPTIONS: page-exit sends have no preflight, and without it the browser hides the 2xx and the SDK resends`,
      };
    },
  },
  {
    id: 'cors-preflight',
    title: (c) => `CORS: preflight from ${c.origin ?? 'an allowed origin'} → 2xx allowing content-type`,
    skip: noOrigin,
    probes: (c) => [
      { method: 'OPTIONS', headers: { origin: c.origin!, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } },
    ],
    judge: ([o], c) => {
      const fix = `answer OPTIONS from ${c.origin} with 204, Access-Control-Allow-Origin and Access-Control-Allow-Headers: content-type (the SDK's normal sends are application/json)`;
      if (!is2xx(o!) || !answered(o!)) return { outcome: 'fail', got: describeObserved(o!), fix };
      const headers = (o.headers['access-control-allow-headers'] ?? '').toLowerCase().split(',').map((h) => h.trim());
      const got = `${o.status}, Access-Control-Allow-Origin: ${o.headers['access-control-allow-origin'] ?? '(none)'}`;
      if (allowsOrigin(o, c.origin!) && (headers.includes('content-type') || headers.includes('*'))) return { outcome: 'pass', got };
      return { outcome: 'fail', got: `${got}, Allow-Headers: ${o.headers['access-control-allow-headers'] ?? '(none)'}`, fix };
    },
  },
  {
    id: 'rate-limit',
    title: (c) => `429 carries Retry-After (burst of up to ${c.burst ?? 'N'} responses)`,
    skip: (c) =>
      c.burst === undefined
        ? `pass --burst <n> to send up to n responses (at most ${BURST_LIMITS.maxRequests.toLocaleString('en-US')}, within ${BURST_LIMITS.maxMs / 1000} s) and check the 429`
        : undefined,
    probes: (c) => Array.from({ length: c.burst ?? 0 }, () => post(valid(sampleResponse(c.newId(), c.createdAt)))),
    stopAt: (o) => answered(o) && o.status === 429,
    judge: (observed, c) => {
      const index = observed.findIndex((o) => answered(o) && o.status === 429);
      if (index < 0) {
        return {
          outcome: 'unverified',
          got: `no 429 after ${observed.length} requests`,
          fix: `if the receiver limits rates, raise --burst past its limit (${c.burst} was not enough); every 429 must carry Retry-After`,
        };
      }
      const o = observed[index] as Extract<Observed, { status: number }>;
      const value = o.headers['retry-after'];
      const got = `429 after ${index + 1} requests, Retry-After: ${value ?? '(none)'}`;
      if (usableRetryAfter(value, Date.now())) return { outcome: 'pass', got };
      return {
        outcome: 'fail',
        got,
        fix: 'send Retry-After with every 429, in seconds (e.g. 30) or a future HTTP date: the SDK waits that long; without it, it retries on its own backoff and hits the limit again',
      };
    },
  },
];

/**
 * Judges one check: a 429 in a check that does not probe for it means the receiver limited the
 * check itself, which proves nothing either way.
 */
export function judgeCheck(check: ReceiverCheck, observed: readonly Observed[], context: CheckContext): Verdict {
  if (!check.stopAt) {
    const limited = observed.find((o) => answered(o) && o.status === 429);
    if (limited) {
      return {
        outcome: 'unverified',
        got: '429 (rate-limited)',
        fix: `the receiver rate-limited the check: wait ${answered(limited) ? (limited.headers['retry-after'] ?? 'a while') : 'a while'} s and run it again, or raise the limit for this address`,
      };
    }
  }
  return check.judge(observed, context);
}

/** One row of the printed table. */
export interface CheckRow {
  readonly title: string;
  readonly verdict: Verdict;
}

const LABEL: Record<Outcome, string> = { pass: 'pass', fail: 'FAIL', unverified: 'unverified', skipped: 'skipped' };
const FIX_LABEL: Record<Outcome, string> = { pass: '', fail: 'fix', unverified: 'to verify', skipped: 'to run' };

/** The pass/fail table: one line per check, and under each non-pass its one-line fix; then a summary. */
export function formatTable(url: string, rows: readonly CheckRow[]): string {
  const width = Math.max(...rows.map((r) => r.title.length));
  const lines = [`earful check-receiver ${url}`, ''];
  for (const { title, verdict } of rows) {
    lines.push(`${LABEL[verdict.outcome].padEnd(10)}  ${title.padEnd(width)}  ${verdict.got}`);
    if (verdict.fix) lines.push(`${''.padEnd(10)}  ↳ ${FIX_LABEL[verdict.outcome]}: ${verdict.fix}`);
  }
  const count = (o: Outcome) => rows.filter((r) => r.verdict.outcome === o).length;
  lines.push('', `${count('pass')} passed, ${count('fail')} failed, ${count('unverified')} unverified, ${count('skipped')} skipped (the contract: docs/own-receiver.md)`);
  return lines.join('\n');
}
