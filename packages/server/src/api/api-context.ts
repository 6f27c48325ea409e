/**
 * What every `/api` route receives and how it answers: the signed-in principal, the receiver's
 * dependencies, the parsed path parameters, a bounded JSON body reader, and the one shape of an
 * error (`apiProblemSchema`: `{ error, message, issues?, case? }`). Routes are plain functions
 * `(context) => Promise<Response>`; the router (`create-api-handler.ts`) does auth and CSRF first.
 */
import type { Case, FieldProblem, Survey } from '@earful/schema';
import { EarfulError, errorGuard } from '@earful/schema/lean';
import type * as z from 'zod/mini';
import type { ErrorContext } from '../handler-options.js';
import type { Mailer } from '../mail/mailer.js';
import type { ReplyTemplates } from '../mail/templates.js';
import type { ResponseStore } from '../store.js';

/**
 * Who is calling: a staff member signed in with a session cookie, or an API key. `actor` is what
 * the timeline records (`user:<email>` or `key:<name>`).
 *
 * @example
 * ```ts
 * const me: Principal = { actor: 'user:ana@shop.example', kind: 'session', email: 'ana@shop.example', readOnly: false };
 * ```
 */
export interface Principal {
  readonly actor: string;
  readonly kind: 'session' | 'api-key';
  /** The staff member's email (sessions); `null` for API keys. */
  readonly email: string | null;
  /** Read-only API keys may only GET and HEAD. */
  readonly readOnly: boolean;
}

/**
 * What routes use besides the request, resolved once from the API's options.
 *
 * @example
 * ```ts
 * const deps: ApiDeps = context.deps;
 * const found = await deps.store.getCase(context.params.id!, { now: deps.now() });
 * ```
 */
export interface ApiDeps {
  readonly store: ResponseStore;
  /** Sends replies and follow-ups; `undefined` without SMTP (replies are then copied by hand). */
  readonly mailer: Mailer | undefined;
  /** Sender address of replies. */
  readonly from: string | undefined;
  /** The receiver's public origin, e.g. `https://feedback.shop.example` (links in mails and alerts). */
  readonly publicUrl: string | undefined;
  /** Survey definitions by id, for labels in the inbox. */
  readonly surveys: ReadonlyMap<string, Survey>;
  readonly templates: ReplyTemplates | undefined;
  /** How long a follow-up link stays valid, in ms. */
  readonly followUpTtlMs: number;
  /** The clock, ms since epoch. */
  readonly now: () => number;
  /** Errors that cannot reach the client. */
  readonly onError: (error: unknown, context: ErrorContext) => void;
}

/**
 * One `/api` request as a route sees it.
 *
 * @example
 * ```ts
 * const addNote: ApiRoute = async (context: ApiContext) => {
 *   const { text } = await context.body(noteInputSchema);
 *   return jsonResponse(201, { text, by: context.principal.actor });
 * };
 * ```
 */
export interface ApiContext {
  readonly request: Request;
  readonly url: URL;
  readonly principal: Principal;
  /** Path parameters by name (`:id` → `params.id`), already URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly deps: ApiDeps;
  /** The client's address when known (with `trustProxy`, the last `X-Forwarded-For` entry). */
  readonly ip: string | undefined;
  /**
   * Reads the JSON body (at most 64 KiB) and parses it with a contract schema. Throws an
   * {@link ApiProblemError}: 413 when too large, 415 when not JSON, 400 when unreadable or
   * invalid (with field `issues`).
   */
  body<T>(schema: z.ZodMiniType<T>): Promise<T>;
}

/**
 * An `/api` route: a plain function from the request's context to a Fetch `Response`.
 *
 * @example
 * ```ts
 * const ping: ApiRoute = async () => jsonResponse(200, { ok: true });
 * ```
 */
export type ApiRoute = (context: ApiContext) => Promise<Response>;

/** One field problem of a 400 answer. */
export type ApiIssue = FieldProblem;

/**
 * Thrown by routes (and `context.body`) to answer with an error; the router turns it into the
 * `{ error, message, issues?, case? }` body. `code` is the body's `error`.
 *
 * @example
 * ```ts
 * throw new ApiProblemError(404, 'not_found', `no case with id ${JSON.stringify(id)}`);
 * throw new ApiProblemError(409, 'stale', 'the case changed meanwhile; reload it and try again', { case: current });
 * ```
 */
export class ApiProblemError extends EarfulError {
  /** HTTP status, 4xx or 5xx. */
  readonly status: number;
  /** Field problems (400). */
  readonly issues: readonly ApiIssue[] | undefined;
  /** More fields of the body (e.g. `case` with a 409) and response headers (e.g. `Retry-After`). */
  readonly extra: { readonly case?: Case; readonly headers?: Readonly<Record<string, string>>; readonly [key: string]: unknown } | undefined;
  constructor(
    status: number,
    code: string,
    message: string,
    options: { issues?: readonly ApiIssue[]; extra?: ApiProblemError['extra']; cause?: unknown } = {},
  ) {
    super(message, { code, cause: options.cause });
    this.name = 'ApiProblemError';
    this.status = status;
    this.issues = options.issues;
    this.extra = options.extra;
  }
}

/**
 * True for an {@link ApiProblemError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isApiProblemError(error)) return problemResponse(error.status, error.code, error.message);
 * ```
 */
export const isApiProblemError = /* @__PURE__ */ errorGuard(ApiProblemError, 'ApiProblemError');

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } as const;

/**
 * A JSON answer of the API (never cached: it carries customer data).
 *
 * @example
 * ```ts
 * return jsonResponse(200, page, { etag: `"${found.case.version}"` });
 * ```
 */
export function jsonResponse(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/**
 * The one place `/api` error bodies are made: `{ error, message, issues?, case?, … }`.
 * `extra.headers` become response headers; every other key of `extra` joins the body.
 *
 * @example
 * ```ts
 * return problemResponse(401, 'unauthorized', 'sign in, or send Authorization: Bearer <API key>');
 * ```
 */
export function problemResponse(status: number, error: string, message: string, extra: ApiProblemError['extra'] & { issues?: readonly ApiIssue[] } = {}): Response {
  const { headers = {}, ...fields } = extra;
  return jsonResponse(status, { error, message, ...fields }, headers);
}

/** The answer for a thrown {@link ApiProblemError}. */
export function problemOf(error: ApiProblemError): Response {
  return problemResponse(error.status, error.code, error.message, { ...(error.issues ? { issues: error.issues } : {}), ...error.extra });
}
