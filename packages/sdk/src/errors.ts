/**
 * The SDK's error classes. Each has a literal `code`, keeps the original error as `cause`, and
 * has a guard that also matches by `name` (errors from another copy of the package).
 */
import { EarfulError, errorGuard } from '@earful/schema/lean';

// ConfigError is shared by every package: it lives in @earful/schema and is re-exported here.
export { ConfigError, isConfigError } from '@earful/schema';

/**
 * The endpoint answered with a status that is not 2xx. `submit()` rejects with it when the
 * endpoint refused the response for good (a 4xx that is not retried, or 413).
 *
 * @example
 * ```ts
 * try { await client.submit(input); } catch (e) { if (isHttpError(e) && e.status === 400) showFormAgain(); }
 * ```
 */
export class HttpError extends EarfulError {
  declare readonly code: 'http';
  /** The HTTP status. */
  readonly status: number;
  /** The response as received (its body is unread). */
  readonly response: Response;
  constructor(message: string, response: Response) {
    super(message, { code: 'http' });
    this.name = 'HttpError';
    this.status = response.status;
    this.response = response;
  }
}

/**
 * A request took longer than `timeoutMs` and was aborted (the response stays queued and is retried).
 *
 * @example
 * ```ts
 * createClient({ endpoint, onRetry: ({ error }) => isTimeoutError(error) && console.warn('slow endpoint') });
 * ```
 */
export class TimeoutError extends EarfulError {
  declare readonly code: 'timeout';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'timeout', cause: options.cause });
    this.name = 'TimeoutError';
  }
}

/**
 * The request failed before any response: offline, DNS, refused or dropped connection, CORS
 * (the response stays queued and is retried).
 *
 * @example
 * ```ts
 * createClient({ endpoint, onRetry: ({ error }) => isNetworkError(error) && console.warn(error.message) });
 * ```
 */
export class NetworkError extends EarfulError {
  declare readonly code: 'network';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'network', cause: options.cause });
    this.name = 'NetworkError';
  }
}

/**
 * The queue's storage failed (quota, private mode, storage unavailable); the client went on
 * with an in-memory queue. Reported once through `onError`, never thrown into the page.
 *
 * @example
 * ```ts
 * createClient({ endpoint, onError: (e) => isStorageError(e) && console.warn('responses are kept in memory only') });
 * ```
 */
export class StorageError extends EarfulError {
  declare readonly code: 'storage';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'storage', cause: options.cause });
    this.name = 'StorageError';
  }
}

/**
 * True for an {@link HttpError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isHttpError(error)) console.warn(error.status);
 * ```
 */
export const isHttpError = /* @__PURE__ */ errorGuard(HttpError, 'HttpError');

/**
 * True for a {@link TimeoutError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isTimeoutError(error)) console.warn('the endpoint is slow');
 * ```
 */
export const isTimeoutError = /* @__PURE__ */ errorGuard(TimeoutError, 'TimeoutError');

/**
 * True for a {@link NetworkError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isNetworkError(error)) console.warn('offline?');
 * ```
 */
export const isNetworkError = /* @__PURE__ */ errorGuard(NetworkError, 'NetworkError');

/**
 * True for a {@link StorageError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isStorageError(error)) console.warn('queue is in memory only');
 * ```
 */
export const isStorageError = /* @__PURE__ */ errorGuard(StorageError, 'StorageError');
