/**
 * `@earful/server` — the receiving end of Earful responses. Every public export is named here;
 * `./internal/` is never exported. Stores with native dependencies live in subpaths:
 * `@earful/server/sqlite` and `@earful/server/postgres`.
 */
export { createHandler, type EarfulHandler, type RequestInfo } from './create-handler.js';
export type { AlertRetryPolicy, BucketPolicy, ErrorContext, HandlerOptions, HookContext, RateLimitPolicy } from './handler-options.js';
export { toNodeListener, type NodeListener, type NodeListenerOptions } from './to-node-listener.js';
export {
  startServer,
  type ConnectionLimits,
  type RouteHandler,
  type RunningServer,
  type ServerApiOptions,
  type StartServerOptions,
} from './start-server.js';
export { createApiHandler, type ApiHandler } from './api/create-api-handler.js';
export type { ApiOptions } from './api/api-options.js';
export { ApiProblemError, isApiProblemError, type Principal } from './api/api-context.js';
export type { LoginRateLimit } from './api/auth/login-limit.js';
export type { SessionPolicy } from './api/auth/sessions.js';
export { addStaffUser, createApiKey } from './api/auth/accounts.js';
export { loginLink } from './api/auth/links.js';
export { caseInit, dueAt, parseBusinessHours, parseDuration, type BusinessHours, type SlaPolicy, type Weekday } from './cases/sla.js';
export { followUpLink } from './follow-up/follow-up-link.js';
export { followUpRoutes, type FollowUpRoutesOptions } from './follow-up/follow-up-routes.js';
export { memoryStore } from './stores/memory.js';
export type {
  ListPage,
  ListQuery,
  PendingAlert,
  PutResult,
  ResponseStore,
  ResponseSummary,
  StoredResponse,
  SummaryQuery,
} from './store.js';
export type { Alert, AlertPayload } from './alerts/alert.js';
export { alertPayload, type AlertPayloadOptions } from './alerts/alert-payload.js';
export { webhookAlert, type WebhookAlertOptions } from './alerts/webhook-alert.js';
export { emailAlert, type EmailAlertOptions } from './alerts/email-alert.js';
export { AlertError, isAlertError } from './alerts/alert-error.js';
export { smtpMailer, type MailMessage, type Mailer } from './mail/mailer.js';
export { replyMessage } from './mail/reply-message.js';
export { followUpEmail, listTemplates, renderReply, type ReplyTemplates, type TemplateVars } from './mail/templates.js';
export { MailError, isMailError } from './mail/mail-error.js';
export { signPayload, verifySignature } from './signature.js';
export { sameSecret } from './same-secret.js';
export {
  CaseRuleError,
  ConfigError,
  MissingDriverError,
  ServeError,
  StoreError,
  isCaseRuleError,
  isConfigError,
  isMissingDriverError,
  isServeError,
  isStoreError,
} from './errors.js';
