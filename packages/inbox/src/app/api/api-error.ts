/**
 * What a failed `/api` call throws: the HTTP status, the server's stable `error` code and its
 * sentence, and — on a stale update (409) — the case as it is now.
 */
import type { ApiProblem, Case } from '@earful/schema';
import { EarfulError, errorGuard } from '@earful/schema/lean';

/**
 * An `/api` call that did not succeed. `status` is 0 when the receiver could not be reached;
 * `reason` is the server's `error` code (`unauthorized`, `conflict`, `no_consent`, `no_smtp`, …).
 */
export class ApiError extends EarfulError {
  declare readonly code: 'api';
  readonly status: number;
  readonly reason: string;
  /** Field problems of a 400. */
  readonly issues: ApiProblem['issues'];
  /** With 409 on a stale version: the case as it is now. */
  readonly case: Case | undefined;

  constructor(status: number, problem: Partial<ApiProblem>, options: { cause?: unknown } = {}) {
    super(problem.message ?? `The receiver answered ${status}.`, { code: 'api', cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.reason = problem.error ?? (status === 0 ? 'network' : 'http');
    this.issues = problem.issues;
    this.case = problem.case;
  }
}

/** True for an {@link ApiError}, also from another copy of the package. */
export const isApiError = /* @__PURE__ */ errorGuard(ApiError, 'ApiError');
