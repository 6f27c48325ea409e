/**
 * The receiving pipeline, independent of Fetch or node:http: cheap checks first (path, origin,
 * method, content type, declared length, per-IP rate), then the bounded body, auth, JSON,
 * honeypot, schema, survey allowlist, per-survey rate, idempotent store; alerts and hooks run
 * after the reply is decided and can neither delay nor fail it.
 */
import { randomUUID } from 'node:crypto';
import { checkResponse, RESPONSE_LIMITS, responseSentiment, safeParseResponse, type SurveyResponse } from '@earful/schema';
import { caseInit, checkSlaPolicy, DEFAULT_SLA } from '../cases/sla.js';
import { ConfigError } from '../errors.js';
import { FOLLOW_UP_SURVEY } from '../follow-up/follow-up-survey.js';
import { checkPublicUrl } from '../follow-up/public-url.js';
import { DEFAULT_HONEYPOT, DEFAULT_PER_IP, DEFAULT_PER_SURVEY, DEFAULT_PER_SURVEY_TOTAL, type ErrorContext, type HandlerOptions, type HookContext } from '../handler-options.js';
import { sameSecret } from '../same-secret.js';
import { verifySignature } from '../signature.js';
import type { StoredResponse } from '../store.js';
import { createDispatcher } from './alert-dispatcher.js';
import { CLIENT_PREFIX, NETWORK_PREFIX, networkKey } from './client-network.js';
import { digestOf } from './digest.js';
import { originMatcher } from './origins.js';
import { json, problem, type Reply } from './reply.js';
import { surveyRateLimit } from './survey-rate-limit.js';
import { tokenBuckets } from './token-bucket.js';

/** A request as the pipeline sees it; each adapter provides one. */
export interface Incoming {
  readonly method: string;
  readonly pathname: string;
  /** Header value by lower-case name, or null. */
  header(name: string): string | null;
  /** The peer address, when the runtime knows it. */
  readonly ip: string | undefined;
  /** Reads the body, stopping as soon as it passes `limit` bytes. */
  readBody(limit: number): Promise<{ kind: 'ok'; bytes: Uint8Array } | { kind: 'too-large' } | { kind: 'timeout' } | { kind: 'error' }>;
}

const ACCEPTED_TYPES = new Set(['application/json', 'text/plain']);
const ALLOWED_HEADERS = 'content-type, authorization, earful-signature';

function defaultOnError(error: unknown, context: ErrorContext): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`@earful/server: ${context.phase}${context.responseId ? ` (response ${context.responseId})` : ''}: ${message}`);
}

export function createPipeline(options: HandlerOptions) {
  if (!options || typeof options.store?.putIfAbsent !== 'function') {
    throw new ConfigError('createHandler needs a store, e.g. createHandler({ store: memoryStore() }) or sqliteStore("./feedback.db")');
  }
  const maxBodyBytes = options.maxBodyBytes ?? RESPONSE_LIMITS.maxBodyBytes;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1 || maxBodyBytes > RESPONSE_LIMITS.maxBodyBytes) {
    throw new ConfigError(`maxBodyBytes must be an integer from 1 to ${RESPONSE_LIMITS.maxBodyBytes}, got ${String(options.maxBodyBytes)}`);
  }
  if (options.path !== undefined && !options.path.startsWith('/')) {
    throw new ConfigError(`path must start with "/", got ${JSON.stringify(options.path)}`);
  }
  const auth = options.auth ?? false;
  if (auth && (typeof auth.secret !== 'string' || auth.secret.length < 16)) {
    throw new ConfigError('auth.secret must be a string of at least 16 characters (use a random value from your secret store)');
  }
  const alerts = options.alerts ?? [];
  const names = new Set<string>();
  for (const alert of alerts) {
    if (names.has(alert.name)) throw new ConfigError(`two alerts are named ${JSON.stringify(alert.name)}; give each a distinct name`);
    names.add(alert.name);
  }
  const sla = options.sla === undefined ? DEFAULT_SLA : options.sla;
  checkSlaPolicy(sla);
  const publicUrl = options.publicUrl === undefined ? undefined : checkPublicUrl(options.publicUrl);
  const { store } = options;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? defaultOnError;
  const originAllowed = originMatcher(options.allowedOrigins ?? '*');
  const honeypot = options.honeypot === undefined ? DEFAULT_HONEYPOT : options.honeypot;
  const limits = options.rateLimit === false ? { perIp: false as const, perSurvey: false as const, perSurveyTotal: false as const } : (options.rateLimit ?? {});
  const perIpPolicy = limits.perIp === undefined ? DEFAULT_PER_IP : limits.perIp;
  const perIp = perIpPolicy ? tokenBuckets('perIp', perIpPolicy, now) : undefined;
  const perSurvey = surveyRateLimit(
    limits.perSurvey === undefined ? DEFAULT_PER_SURVEY : limits.perSurvey,
    limits.perSurveyTotal === undefined ? DEFAULT_PER_SURVEY_TOTAL : limits.perSurveyTotal,
    now,
  );
  const surveys = options.surveys;
  const surveyAllowed =
    surveys === undefined ? () => true : typeof surveys === 'function' ? surveys : ((set: Set<string>) => (id: string) => set.has(id))(new Set(surveys));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const dispatcher = createDispatcher({
    store,
    alerts,
    retry: options.alertRetry ?? {},
    pollIntervalMs: options.alertPollIntervalMs ?? 1000,
    onError,
    now,
    ...(publicUrl === undefined ? {} : { publicUrl }),
  });
  const alertsFor = (negative: boolean) => alerts.filter((a) => (a.when ?? 'negative') === 'all' || negative).map((a) => a.name);
  const negativeAlerts = alertsFor(true);
  const otherAlerts = alertsFor(false);

  function clientIp(incoming: Incoming): string | undefined {
    if (options.trustProxy) {
      const forwarded = incoming.header('x-forwarded-for');
      const last = forwarded?.split(',').pop()?.trim();
      if (last) return last;
    }
    return incoming.ip;
  }

  function runHooks(response: SurveyResponse, context: HookContext): void {
    const hooks = [options.onResponse, context.sentiment === 'negative' ? options.onNegative : undefined];
    for (const hook of hooks) {
      if (!hook) continue;
      setImmediate(() => {
        try {
          Promise.resolve(hook(response, context)).catch((error: unknown) => onError(error, { phase: 'hook', responseId: response.id }));
        } catch (error) {
          onError(error, { phase: 'hook', responseId: response.id });
        }
      });
    }
  }

  async function receive(incoming: Incoming, cors: Record<string, string>): Promise<Reply> {
    const ip = clientIp(incoming);
    const withCors = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, ...cors } });
    // Closing rather than draining: a client that is refused must not keep its connection busy.
    const rateLimited = (wait: number, what: string): Reply => ({
      ...withCors(problem(429, 'rate_limited', `too many responses ${what}; retry after ${wait} s`, { 'retry-after': String(wait) })),
      close: true,
    });

    if (incoming.method !== 'POST') {
      return withCors(problem(405, 'method_not_allowed', `use POST to send a response, not ${incoming.method}`, { allow: 'POST, OPTIONS' }));
    }
    const type = (incoming.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!ACCEPTED_TYPES.has(type)) {
      return withCors(
        problem(415, 'unsupported_media_type', `send the response as JSON with Content-Type application/json or text/plain, got ${JSON.stringify(type || '(none)')}`),
      );
    }
    const tooLarge = () => ({
      ...withCors(problem(413, 'payload_too_large', `the body is larger than ${maxBodyBytes} bytes; shorten the text answers or metadata`)),
      close: true,
    });
    const declared = incoming.header('content-length');
    if (declared !== null && Number(declared) > maxBodyBytes) return tooLarge();
    if (perIp && ip !== undefined) {
      const wait = perIp.take(networkKey(ip, CLIENT_PREFIX));
      if (wait > 0) return rateLimited(wait, 'from this address');
    }

    const body = await incoming.readBody(maxBodyBytes);
    if (body.kind === 'too-large') return tooLarge();
    if (body.kind === 'timeout') {
      return { ...withCors(problem(408, 'request_timeout', 'the body arrived too slowly; send it again in one go')), close: true };
    }
    if (body.kind === 'error') return withCors(problem(400, 'bad_request', 'the request body could not be read; send it again'));
    let text: string;
    try {
      text = decoder.decode(body.bytes);
    } catch {
      return withCors(problem(400, 'invalid_json', 'the body is not valid UTF-8 text; send UTF-8 JSON'));
    }

    if (auth) {
      const ok =
        auth.type === 'shared-secret'
          ? sameSecret(incoming.header('authorization') ?? '', `Bearer ${auth.secret}`)
          : verifySignature(auth.secret, text, incoming.header('earful-signature'), {
              toleranceSeconds: auth.toleranceSeconds ?? 300,
              nowSeconds: Math.floor(now() / 1000),
            });
      if (!ok) {
        const how = auth.type === 'shared-secret' ? 'an Authorization: Bearer <secret> header' : 'an Earful-Signature header from signPayload(secret, body)';
        return withCors(problem(401, 'unauthorized', `this receiver needs ${how}`));
      }
    }

    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return withCors(problem(400, 'invalid_json', `the body is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`));
    }

    if (honeypot && raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.hasOwn(raw, honeypot)) {
      const trap = (raw as Record<string, unknown>)[honeypot];
      if (trap !== '' && trap !== null && trap !== undefined && trap !== false) {
        const id = (raw as { id?: unknown }).id;
        return withCors(json(202, { id: typeof id === 'string' && id.length <= 64 ? id : randomUUID(), status: 'accepted' }));
      }
    }

    // The zod-free check first: it applies the schema's rules at about a third of zod's cost on
    // this hot path, and its parity tests (packages/schema) prove it gives zod's verdict and value.
    // A response it refuses goes through zod, whose verdict and messages the 400 carries, as ever.
    const checked = checkResponse(raw);
    let valid: SurveyResponse;
    if (checked.ok) valid = checked.value;
    else {
      const parsed = safeParseResponse(raw);
      if (!parsed.success) return withCors(json(400, { error: 'validation', issues: parsed.error.fields }));
      valid = parsed.data;
    }
    // A UUID names the same response in any letter case: keep one case, so "ABC…" after "abc…"
    // is the repeat it is (acknowledged, stored once), before the digest and the store see it.
    const response = { ...valid, id: valid.id.toLowerCase() };
    // Follow-up answers arrive through their signed link only: one sent here would be a case
    // the queue and the summary leave out (as they do answers), yet with an SLA and alerts.
    if (response.surveyId === FOLLOW_UP_SURVEY) {
      return withCors(
        json(400, { error: 'validation', issues: [{ path: 'surveyId', message: `${JSON.stringify(FOLLOW_UP_SURVEY)} is reserved for answers to a follow-up link; use another survey id` }] }),
      );
    }
    if (!surveyAllowed(response.surveyId)) {
      return withCors(
        json(400, { error: 'validation', issues: [{ path: 'surveyId', message: `is not a survey this receiver accepts: ${JSON.stringify(response.surveyId)}` }] }),
      );
    }
    const surveyTake = perSurvey?.take(response.surveyId, ip === undefined ? '' : networkKey(ip, NETWORK_PREFIX));
    if (surveyTake && surveyTake.wait > 0) return rateLimited(surveyTake.wait, 'for this survey from your network');

    const sentiment = responseSentiment(response);
    const record: StoredResponse = {
      id: response.id,
      surveyId: response.surveyId,
      receivedAt: new Date(now()).toISOString(),
      sentiment,
      digest: digestOf(response),
      response,
    };
    const pending = sentiment === 'negative' ? negativeAlerts : otherAlerts;
    let result;
    try {
      result = await store.putIfAbsent(record, pending, caseInit(sla, record));
    } catch (error) {
      onError(error, { phase: 'store', responseId: response.id });
      return withCors(problem(503, 'store_unavailable', 'the response could not be stored right now; retry later', { 'retry-after': '5' }));
    }
    const accepted = withCors(json(202, { id: response.id, status: 'accepted' }));
    if (!result.inserted) {
      // Erased (Guarantee 12): a client's queue may still hold it. Acknowledge, store nothing, and
      // say no more than a repeat would.
      if ('erased' in result || result.existing.digest === record.digest) {
        surveyTake?.refund(); // an idempotent repeat stores nothing, so it spends nothing
        // The read-back of "stored once" (docs/own-receiver.md): same 202, marked as a repeat.
        return withCors(json(202, { id: response.id, status: 'accepted', duplicate: true }));
      }
      return withCors(
        problem(422, 'id_conflict', `a different response with id ${JSON.stringify(response.id)} is already stored; give each response a new UUID`),
      );
    }
    if (pending.length > 0) dispatcher.kick();
    if (options.onResponse || (options.onNegative && sentiment === 'negative')) runHooks(response, { record, sentiment, ip });
    return accepted;
  }

  async function handle(incoming: Incoming): Promise<Reply> {
    try {
      if (options.path !== undefined && incoming.pathname !== options.path) {
        return problem(404, 'not_found', `nothing here; POST responses to ${options.path}`);
      }
      const origin = incoming.header('origin');
      const cors: Record<string, string> = {};
      if (origin !== null) {
        if (!originAllowed(origin)) {
          return problem(403, 'origin_not_allowed', `origin ${JSON.stringify(origin)} may not send responses here; add it to allowedOrigins`, { vary: 'Origin' });
        }
        cors['access-control-allow-origin'] = origin;
        cors.vary = 'Origin';
      }
      if (incoming.method === 'OPTIONS') {
        return {
          status: 204,
          headers: {
            ...cors,
            'access-control-allow-methods': 'POST, OPTIONS',
            'access-control-allow-headers': ALLOWED_HEADERS,
            'access-control-max-age': '86400',
          },
          body: null,
        };
      }
      return await receive(incoming, cors);
    } catch (error) {
      // Every bad input has its own 4xx above; reaching this is a bug, and a retryable status loses nothing.
      onError(error, { phase: 'handler' });
      return problem(503, 'unavailable', 'the receiver failed unexpectedly; retry later', { 'retry-after': '5' });
    }
  }

  return { handle, dispatcher };
}
