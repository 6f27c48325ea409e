/**
 * The options of `createApiHandler`, with their defaults in one place, and how they become the
 * {@link ApiDeps} every route receives.
 */
import type { Survey } from '@earful/schema';
import { ConfigError } from '../errors.js';
import { checkPublicUrl } from '../follow-up/public-url.js';
import type { ErrorContext } from '../handler-options.js';
import { smtpMailer, type Mailer } from '../mail/mailer.js';
import type { ReplyTemplates } from '../mail/templates.js';
import type { ResponseStore } from '../store.js';
import type { ApiDeps } from './api-context.js';
import type { LoginRateLimit } from './auth/login-limit.js';
import type { SessionPolicy } from './auth/sessions.js';

/**
 * Options of `createApiHandler`. Only `store` is required.
 *
 * @example
 * ```ts
 * const options: ApiOptions = { store, smtp: 'smtp://user:pass@smtp.shop.example:587', from: 'care@shop.example', publicUrl: 'https://feedback.shop.example' };
 * ```
 */
export interface ApiOptions {
  readonly store: ResponseStore;
  /** Sends replies: an SMTP URL (`smtp://user:pass@host:587`, `smtps://…:465`) or a `Mailer`. Without it replies are copied by hand. */
  readonly smtp?: string | Mailer;
  /** Sender address of replies, e.g. `Shop care <care@shop.example>`. Needed with `smtp`. */
  readonly from?: string;
  /** The receiver's public URL, e.g. `https://feedback.shop.example`: its origin is the one the inbox must send from, and links in mails point there. Default: the request's own scheme and host. */
  readonly publicUrl?: string;
  /** Survey definitions, for labels in the inbox (`GET /api/surveys`). Default `[]`. */
  readonly surveys?: readonly Survey[];
  /** Reply templates added to (or replacing) the shipped ones. */
  readonly templates?: ReplyTemplates;
  /** How long a follow-up link works, in ms. Default 14 days. */
  readonly followUpTtlMs?: number;
  /** Behind your own proxy: the client is the last `X-Forwarded-For` entry, and `X-Forwarded-Proto`/`-Host` give the origin. Default `false`. */
  readonly trustProxy?: boolean;
  /** Sign-in attempt limits; `false` turns them off. Default: 10 per client and 5 per email at once, then one a minute each. */
  readonly loginRateLimit?: LoginRateLimit | false;
  /** How long a sign-in lasts. Default 12 h idle, 30 days at most. */
  readonly session?: SessionPolicy;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
  /** Errors that cannot reach a client. Default: one line on `console.error`. */
  readonly onError?: (error: unknown, context: ErrorContext) => void;
}

export const DEFAULT_FOLLOW_UP_TTL_MS = 14 * 24 * 60 * 60 * 1000;

function defaultOnError(error: unknown, context: ErrorContext): void {
  console.error(`@earful/server: api ${context.phase}: ${error instanceof Error ? error.message : String(error)}`);
}

/** The options checked and resolved; throws a `ConfigError` naming a bad one. */
export function apiDeps(options: ApiOptions): ApiDeps & { readonly ownsMailer: boolean } {
  if (!options || typeof options.store?.getCase !== 'function') {
    throw new ConfigError('createApiHandler needs a store, e.g. createApiHandler({ store: sqliteStore("./feedback.db") })');
  }
  const followUpTtlMs = options.followUpTtlMs ?? DEFAULT_FOLLOW_UP_TTL_MS;
  if (!Number.isInteger(followUpTtlMs) || followUpTtlMs < 60_000) {
    throw new ConfigError(`followUpTtlMs must be a whole number of ms, at least 60000, got ${String(options.followUpTtlMs)}`);
  }
  const surveys = new Map<string, Survey>();
  for (const survey of options.surveys ?? []) {
    if (surveys.has(survey.id)) throw new ConfigError(`two survey definitions have the id ${JSON.stringify(survey.id)}; give each survey its own id`);
    surveys.set(survey.id, survey);
  }
  const mailer = typeof options.smtp === 'string' ? smtpMailer(options.smtp) : options.smtp;
  if (mailer !== undefined && (options.from === undefined || options.from.trim() === '')) {
    throw new ConfigError('replies need a sender: pass from (e.g. "Shop care <care@shop.example>") together with smtp');
  }
  return {
    store: options.store,
    mailer,
    ownsMailer: typeof options.smtp === 'string',
    from: options.from,
    publicUrl: options.publicUrl === undefined ? undefined : checkPublicUrl(options.publicUrl),
    surveys,
    templates: options.templates,
    followUpTtlMs,
    now: options.now ?? Date.now,
    onError: options.onError ?? defaultOnError,
  };
}
