/**
 * The error an alert delivery fails with: the sink answered with a non-2xx status, did not
 * finish in time, or could not be reached. It only ever reaches `onError` (phase `'alert'`):
 * the delivery is retried with backoff, and no request waits for it.
 */
import { EarfulError, errorGuard } from '@earful/schema/lean';

/**
 * Why one alert delivery failed. `reason` tells a slow sink (`'timeout'`) from one that
 * answered badly (`'status'`, with `status`) or was unreachable (`'network'`).
 *
 * @example
 * ```ts
 * createHandler({ store, alerts, onError(error) { if (isAlertError(error) && error.reason === 'timeout') console.warn(error.message) } });
 * ```
 */
export class AlertError extends EarfulError {
  declare readonly code: 'alert';
  readonly reason: 'timeout' | 'status' | 'network' | 'shutdown';
  /** The HTTP status, for `reason: 'status'`. */
  readonly status: number | undefined;
  constructor(message: string, options: { reason: AlertError['reason']; status?: number; cause?: unknown }) {
    super(message, { code: 'alert', cause: options.cause });
    this.name = 'AlertError';
    this.reason = options.reason;
    this.status = options.status;
  }
}

/**
 * True for an {@link AlertError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isAlertError(error)) console.warn(`alert failed (${error.reason}): ${error.message}`);
 * ```
 */
export const isAlertError = /* @__PURE__ */ errorGuard(AlertError, 'AlertError');
