/**
 * `@earful/server` — the receiving end of Earful responses. Every public export is named here;
 * `./internal/` is never exported. Stores with native dependencies live in subpaths:
 * `@earful/server/sqlite` and `@earful/server/postgres`.
 */
export { createHandler, type EarfulHandler, type RequestInfo } from './create-handler.js';
export type { AlertRetryPolicy, BucketPolicy, ErrorContext, HandlerOptions, HookContext, RateLimitPolicy } from './handler-options.js';
export { toNodeListener, type NodeListener, type NodeListenerOptions } from './to-node-listener.js';
export { startServer, type ConnectionLimits, type RouteHandler, type RunningServer, type StartServerOptions } from './start-server.js';
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
export { alertPayload } from './alerts/alert-payload.js';
export { webhookAlert, type WebhookAlertOptions } from './alerts/webhook-alert.js';
export { AlertError, isAlertError } from './alerts/alert-error.js';
export { signPayload, verifySignature } from './signature.js';
export { sameSecret } from './same-secret.js';
export {
  ConfigError,
  MissingDriverError,
  ServeError,
  StoreError,
  isConfigError,
  isMissingDriverError,
  isServeError,
  isStoreError,
} from './errors.js';
