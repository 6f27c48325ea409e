/**
 * `followUpRoutes`: the customer's side of a follow-up. `GET /follow-up/<token>` shows "Did we put
 * it right?"; `POST` stores the answer as a response (survey `follow-up`, linked to the case by
 * `metadata.followUpOf`) through the store's `putIfAbsent`, and appends `follow_up_answered` to
 * the case; a negative answer reopens a resolved case. The answer is part of that case, not a
 * case to work: lists and the summary leave its survey out (`follow-up-survey.ts`). The token is
 * checked on every request (forged → 403, expired → 410); a second answer gets 409. When the
 * widget's script build is found, the page loads it to enhance the form.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RESPONSE_LIMITS, responseSentiment, safeParseResponse, type SurveyResponse } from '@earful/schema';
import type { RequestInfo } from '../create-handler.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_PER_IP, type BucketPolicy, type ErrorContext } from '../handler-options.js';
import { CLIENT_PREFIX, networkKey } from '../internal/client-network.js';
import { digestOf } from '../internal/digest.js';
import { readWebBody } from '../internal/read-web-body.js';
import { tokenBuckets } from '../internal/token-bucket.js';
import type { CaseChangeResult, ResponseStore, StoredResponse } from '../store.js';
import { answerIdOf, verifyFollowUpToken } from './follow-up-link.js';
import { chooseMessage, messagePage, pageCsp, questionPage, type WidgetEmbed } from './follow-up-page.js';
import { FOLLOW_UP_SURVEY } from './follow-up-survey.js';

/**
 * Where a negative answer takes a resolved case: the team has answered the customer already (so
 * not `new`), and no new fix is agreed yet (so not `resolving`, which carries the agreed date).
 */
const REOPENED_STATUS = 'acknowledged';
/** Attempts to reopen when a person changes the case at the same moment (each re-reads it). */
const REOPEN_ATTEMPTS = 3;
const RATING_QUESTION = 'put-right';
const TEXT_QUESTION = 'comment';
const ASSETS = 'assets/';
const ENHANCE = 'follow-up.js';
// Hides the no-JS form once the widget has put its panel in place; without the widget nothing changes.
const ENHANCE_SCRIPT = `(()=>{const t=document.getElementById('earful-follow-up'),f=document.getElementById('follow-up-form');if(!t||!f)return;const o=new MutationObserver(()=>{if(t.childElementCount>0){f.hidden=true;o.disconnect()}});o.observe(t,{childList:true})})();\n`;
const SCRIPT_NAME = /^(?:script\/)?[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}\.js$/;

/**
 * Options of {@link followUpRoutes}.
 *
 * @example
 * ```ts
 * const options: FollowUpRoutesOptions = { store, widgetScript: false, rateLimit: { capacity: 10, refillPerSecond: 0.5 } };
 * ```
 */
export interface FollowUpRoutesOptions {
  /** The store the cases live in (the same one as the receiver's). */
  readonly store: ResponseStore;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Path of the widget's script build (`@earful/widget`'s `dist/earful.js`, with `dist/script/`
   * beside it) to enhance the page; `false` serves the plain form only. Default: found through
   * `@earful/widget` when it is installed, else `false`.
   */
  readonly widgetScript?: string | false;
  /** Per-client token bucket, like the receiver's `rateLimit.perIp`; `false` turns it off. Default `{ capacity: 30, refillPerSecond: 1 }`. */
  readonly rateLimit?: BucketPolicy | false;
  /** Read the client IP from the last `X-Forwarded-For` entry (only behind your own proxy). Default `false`. */
  readonly trustProxy?: boolean;
  /** Errors that cannot reach the customer (the store failing). Default: one line on `console.error`. */
  readonly onError?: (error: unknown, context: ErrorContext) => void;
}

/** The widget's loader, found through the package when it is installed. */
function findWidgetScript(): string | false {
  for (const from of [import.meta.url, join(process.cwd(), 'package.json')]) {
    try {
      const file = join(dirname(createRequire(from).resolve('@earful/widget/package.json')), 'dist', 'earful.js');
      if (existsSync(file)) return file;
    } catch {
      // not installed here
    }
  }
  return false;
}

function defaultOnError(error: unknown, context: ErrorContext): void {
  console.error(`@earful/server: follow-up ${context.phase}: ${error instanceof Error ? error.message : String(error)}`);
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

function html(status: number, body: string, withWidget = false, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': pageCsp(withWidget), ...SECURITY_HEADERS, ...headers },
  });
}

function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers } });
}

/** The answer a POST carries, whichever way it came. */
type Answer = { rating: number; text: string | undefined; createdAt: string | undefined };

const RATING_WORDS: Record<string, number> = { red: 1, amber: 2, green: 3, gold: 4 };

function ratingOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4) return value;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (Object.hasOwn(RATING_WORDS, word)) return RATING_WORDS[word];
    if (/^[1-4]$/.test(word)) return Number(word);
  }
  return undefined;
}

function textOf(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return null;
  const text = value.replace(/\r\n?/g, '\n').trim();
  if (text === '') return undefined;
  return [...text].length > RESPONSE_LIMITS.maxTextLength ? null : text;
}

/**
 * Reads the answer: a form (`rating`, `text`), JSON `{ rating, text }` (`rating` 1–4 or
 * red/amber/green/gold), or a Response v1 from the widget (its thermometer and text answers).
 */
function readAnswer(type: string, body: string): Answer | { problem: string } {
  let fields: { rating?: unknown; text?: unknown; createdAt?: string };
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(body);
    fields = { rating: form.get('rating') ?? undefined, text: form.get('text') ?? undefined };
  } else {
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      return { problem: 'the body is not valid JSON; send { "rating": 1–4, "text"?: "…" }' };
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { problem: 'send { "rating": 1–4, "text"?: "…" }' };
    if ('schemaVersion' in raw) {
      const parsed = safeParseResponse(raw);
      if (!parsed.success) return { problem: `the response is not valid: ${parsed.error.fields.map((f) => `${f.path} ${f.message}`).join('; ')}` };
      const response = parsed.data;
      const rating = response.answers.find((a) => a.type === 'rating' && a.scale === 'thermometer4');
      const text = response.answers.find((a) => a.type === 'text');
      fields = { rating: rating?.type === 'rating' ? rating.value : undefined, text: text?.type === 'text' ? text.value : undefined, createdAt: response.createdAt };
    } else {
      fields = raw as { rating?: unknown; text?: unknown };
    }
  }
  const rating = ratingOf(fields.rating);
  if (rating === undefined) return { problem: 'rating must be 1–4 (red, amber, green, gold)' };
  const text = textOf(fields.text);
  if (text === null) return { problem: `text must be a string of at most ${RESPONSE_LIMITS.maxTextLength} characters` };
  return { rating, text, createdAt: fields.createdAt };
}

/**
 * The follow-up pages as a Fetch-API handler. Mount it at `/follow-up` (it answers
 * `…/follow-up/<token>` and `…/follow-up/assets/…` under any prefix). The links it answers are made
 * by `followUpLink` with the same store.
 *
 * @example
 * ```ts
 * import { followUpRoutes, startServer } from '@earful/server';
 * import { sqliteStore } from '@earful/server/sqlite';
 * const store = sqliteStore('./feedback.db');
 * await startServer({ store, publicUrl: 'https://feedback.shop.example', routes: { '/follow-up': followUpRoutes({ store }) } });
 * ```
 */
export function followUpRoutes(options: FollowUpRoutesOptions): (request: Request, info?: RequestInfo) => Promise<Response> {
  if (!options || typeof options.store?.putIfAbsent !== 'function') {
    throw new ConfigError('followUpRoutes needs the receiver\'s store, e.g. followUpRoutes({ store })');
  }
  const { store } = options;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? defaultOnError;
  const widgetScript = options.widgetScript === undefined ? findWidgetScript() : options.widgetScript;
  if (widgetScript !== false && (typeof widgetScript !== 'string' || !existsSync(widgetScript))) {
    throw new ConfigError(`followUpRoutes: widgetScript must be the path of @earful/widget's dist/earful.js (build it with pnpm --filter @earful/widget build) or false, got ${JSON.stringify(widgetScript)}`);
  }
  const widgetDir = widgetScript === false ? undefined : dirname(widgetScript);
  const perIp = options.rateLimit === false ? undefined : tokenBuckets('perIp', options.rateLimit ?? DEFAULT_PER_IP, now);

  const embed = (token: string): WidgetEmbed | undefined =>
    widgetScript === false ? undefined : { loader: `${ASSETS}earful.js`, enhance: `${ASSETS}${ENHANCE}`, endpoint: token };

  async function asset(name: string): Promise<Response> {
    const js = { 'content-type': 'text/javascript; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=3600' };
    if (name === ENHANCE) return new Response(ENHANCE_SCRIPT, { headers: js });
    if (!widgetDir || !SCRIPT_NAME.test(name) || name.includes('..')) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    try {
      return new Response(await readFile(join(widgetDir, name)), { headers: js });
    } catch {
      return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
  }

  async function answer(request: Request, token: string, caseId: string, locale: string | undefined, wantsHtml: boolean): Promise<Response> {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json' && type !== 'text/plain') {
      return jsonReply(415, { error: 'unsupported_media_type', message: 'send the answer as a form, or as JSON with Content-Type application/json or text/plain' });
    }
    const declared = request.headers.get('content-length');
    const tooLarge = () => jsonReply(413, { error: 'payload_too_large', message: `the body is larger than ${RESPONSE_LIMITS.maxBodyBytes} bytes; shorten the text` }, { connection: 'close' });
    if (declared !== null && Number(declared) > RESPONSE_LIMITS.maxBodyBytes) return tooLarge();
    const body = await readWebBody(request, RESPONSE_LIMITS.maxBodyBytes);
    if (body.kind === 'too-large') return tooLarge();
    if (body.kind !== 'ok') return jsonReply(400, { error: 'bad_request', message: 'the request body could not be read; send it again' });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
    } catch {
      return jsonReply(400, { error: 'bad_request', message: 'the body is not valid UTF-8 text' });
    }
    const given = readAnswer(type, text);
    if ('problem' in given) {
      if (wantsHtml) {
        const typed = type === 'application/x-www-form-urlencoded' ? (new URLSearchParams(text).get('text') ?? undefined) : undefined;
        return html(400, questionPage({ locale, widget: embed(token), problem: chooseMessage(locale), text: typed?.slice(0, RESPONSE_LIMITS.maxTextLength) }), embed(token) !== undefined);
      }
      return jsonReply(400, { error: 'validation', message: given.problem });
    }

    const at = new Date(now()).toISOString();
    const response: SurveyResponse = {
      schemaVersion: 1,
      id: answerIdOf(token),
      surveyId: FOLLOW_UP_SURVEY,
      createdAt: given.createdAt ?? at,
      locale: locale ?? 'en',
      answers: [
        { type: 'rating', questionId: RATING_QUESTION, scale: 'thermometer4', value: given.rating },
        ...(given.text === undefined ? [] : [{ type: 'text' as const, questionId: TEXT_QUESTION, value: given.text }]),
      ],
      metadata: { followUpOf: caseId },
    } as SurveyResponse;
    const checked = safeParseResponse(response);
    if (!checked.success) return jsonReply(400, { error: 'validation', message: checked.error.fields.map((f) => `${f.path} ${f.message}`).join('; ') });
    const sentiment = responseSentiment(checked.data);
    const record: StoredResponse = { id: checked.data.id, surveyId: FOLLOW_UP_SURVEY, receivedAt: at, sentiment, digest: digestOf(checked.data), response: checked.data };
    const answered = () =>
      wantsHtml ? html(409, messagePage(locale, 'answered')) : jsonReply(409, { error: 'already_answered', message: 'already answered, thank you' });
    let result;
    try {
      // No alerts and no SLA: the answer is about a case, not a new complaint to work.
      result = await store.putIfAbsent(record, [], { firstResponseDueAt: null, resolutionDueAt: null });
    } catch (error) {
      onError(error, { phase: 'store', responseId: record.id });
      return jsonReply(503, { error: 'store_unavailable', message: 'the answer could not be stored right now; try again in a moment' }, { 'retry-after': '5' });
    }
    if (!result.inserted) {
      // The widget's SDK resending the very answer it sent: acknowledge, as the receiver does.
      if (!('erased' in result) && result.existing.digest === record.digest && !wantsHtml) {
        return jsonReply(202, { id: record.id, status: 'accepted', duplicate: true });
      }
      return answered();
    }
    try {
      const told = await store.changeCase(caseId, { actor: 'customer', at, event: { type: 'follow_up_answered', responseId: record.id, sentiment } });
      if (sentiment === 'negative') await reopen(caseId, told, at);
    } catch (error) {
      // The answer is stored; the case learns of it when the store is back (it is linked by metadata).
      onError(error, { phase: 'store', responseId: caseId });
    }
    if (wantsHtml) return new Response(null, { status: 303, headers: { location: token, ...SECURITY_HEADERS } });
    return jsonReply(202, { id: record.id, status: 'accepted' });
  }

  /**
   * "No, you did not put it right": a case still resolved goes back to {@link REOPENED_STATUS} by
   * the case rules, as an ordinary `status_changed` entry by the customer after the answer's entry
   * (so watchers hear of it and the queue shows it again). A case a person has moved meanwhile is
   * left as they set it; a version that moved under us is read again, a few times at most.
   */
  async function reopen(caseId: string, answered: CaseChangeResult, at: string): Promise<void> {
    let current = answered.kind === 'missing' ? undefined : answered.case;
    for (let attempt = 0; attempt < REOPEN_ATTEMPTS && current?.status === 'resolved'; attempt += 1) {
      const result = await store.changeCase(caseId, { actor: 'customer', at, expectedVersion: current.version, patch: { status: REOPENED_STATUS } });
      if (result.kind !== 'conflict') return;
      current = result.case;
    }
  }

  return async (request, info) => {
    let pathname: string;
    try {
      pathname = new URL(request.url).pathname;
    } catch {
      pathname = '/';
    }
    const match = /(?:^|\/)follow-up\/(.+)$/.exec(pathname);
    const rest = match?.[1] ?? '';
    const method = request.method.toUpperCase();
    if (rest.startsWith(ASSETS) && (method === 'GET' || method === 'HEAD')) return asset(rest.slice(ASSETS.length));

    const ip = options.trustProxy ? (request.headers.get('x-forwarded-for')?.split(',').pop()?.trim() || info?.ip) : info?.ip;
    if (perIp && ip !== undefined) {
      const wait = perIp.take(networkKey(ip, CLIENT_PREFIX));
      if (wait > 0) {
        return jsonReply(429, { error: 'rate_limited', message: `too many requests from this address; retry after ${wait} s` }, { 'retry-after': String(wait), connection: 'close' });
      }
    }
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      return jsonReply(405, { error: 'method_not_allowed', message: `use GET or POST, not ${method}` }, { allow: 'GET, HEAD, POST' });
    }
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const wantsHtml = method !== 'POST' || type === 'application/x-www-form-urlencoded';
    const token = decodeURIComponentSafe(rest);
    let check;
    try {
      check = await verifyFollowUpToken(store, token, now());
    } catch (error) {
      onError(error, { phase: 'store' });
      return jsonReply(503, { error: 'store_unavailable', message: 'this page is unavailable right now; try again in a moment' }, { 'retry-after': '5' });
    }
    if (!check.ok) {
      const status = check.reason === 'forged' ? 403 : 410;
      if (wantsHtml) return html(status, messagePage(undefined, check.reason === 'forged' ? 'invalid' : 'expired'));
      return jsonReply(status, check.reason === 'forged'
        ? { error: 'invalid_link', message: 'this follow-up link is not valid; use the link from the email' }
        : { error: 'link_expired', message: 'this follow-up link has expired' });
    }
    let found;
    try {
      found = await store.getCase(check.caseId, { now: now() });
    } catch (error) {
      onError(error, { phase: 'store', responseId: check.caseId });
      return jsonReply(503, { error: 'store_unavailable', message: 'this page is unavailable right now; try again in a moment' }, { 'retry-after': '5' });
    }
    // Erased meanwhile: the link no longer leads anywhere.
    if (!found) return wantsHtml ? html(410, messagePage(undefined, 'expired')) : jsonReply(410, { error: 'link_expired', message: 'this case no longer exists' });
    const locale = found.record.response.locale;
    if (method !== 'POST') {
      if (found.case.followUp?.answeredAt) return html(200, messagePage(locale, 'thanks'));
      const widget = embed(token);
      return html(200, questionPage({ locale, widget }), widget !== undefined);
    }
    // Answered: only this link's own answer sent again by the widget's SDK may pass (a repeat, 202).
    if (found.case.followUp?.answeredAt && (wantsHtml || found.case.followUp.responseId !== answerIdOf(token))) {
      return wantsHtml ? html(409, messagePage(locale, 'answered')) : jsonReply(409, { error: 'already_answered', message: 'already answered, thank you' });
    }
    return answer(request, token, check.caseId, locale, wantsHtml);
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
