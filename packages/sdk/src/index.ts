/**
 * `@earful/sdk` — a typed client that delivers Earful survey responses: validates, queues
 * durably, retries what can succeed, and dedupes by id. Every public export is named here;
 * `./internal/` is never exported.
 */
export { EarfulError, ValidationError, isEarfulError, isValidationError } from '@earful/schema';
export {
  createClient,
  createLeanClient,
  type ClientOptions,
  type Delivery,
  type DropReason,
  type EarfulClient,
  type SubmitInput,
  type SubmitResult,
} from './client.js';
export {
  ConfigError,
  HttpError,
  NetworkError,
  StorageError,
  TimeoutError,
  isConfigError,
  isHttpError,
  isNetworkError,
  isStorageError,
  isTimeoutError,
} from './errors.js';
export { localStorageStorage, memoryStorage, type QueuedItem, type QueueStorage } from './queue-storage.js';
export { DEFAULT_RETRY_POLICY, backoffDelay, retryAfterTime, statusClass, type RetryPolicy, type StatusClass } from './retry-policy.js';
