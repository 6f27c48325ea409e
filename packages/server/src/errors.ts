/**
 * The receiver's own errors. Each has a literal `code` and an `isXxxError()` guard that also
 * matches by `name` (so it works across copies of the package); the original error stays `cause`.
 */
import { EarfulError, errorGuard } from '@earful/schema/lean';

// ConfigError is shared by every package: it lives in @earful/schema and is re-exported here.
export { ConfigError, isConfigError } from '@earful/schema';

/**
 * A store could not do what was asked: the database is locked, unreadable or unreachable, or a
 * query was malformed. The handler answers 503 for it; the CLI prints its message.
 *
 * @example
 * ```ts
 * try { sqliteStore('/read-only/feedback.db'); }
 * catch (error) { if (isStoreError(error)) console.error(error.message); }
 * ```
 */
export class StoreError extends EarfulError {
  declare readonly code: 'store';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'store', cause: options.cause });
    this.name = 'StoreError';
  }
}

/**
 * `startServer` could not listen (the port is in use, or the host is not an address of this machine).
 *
 * @example
 * ```ts
 * try { await startServer({ db: './feedback.db', port: 8787 }); }
 * catch (error) { if (isServeError(error)) console.error(error.message); }
 * ```
 */
export class ServeError extends EarfulError {
  declare readonly code: 'serve';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'serve', cause: options.cause });
    this.name = 'ServeError';
  }
}

/**
 * True for a {@link StoreError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isStoreError(error)) process.exitCode = 2;
 * ```
 */
export const isStoreError = /* @__PURE__ */ errorGuard(StoreError, 'StoreError');

/**
 * True for a {@link ServeError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isServeError(error)) console.error(error.message);
 * ```
 */
export const isServeError = /* @__PURE__ */ errorGuard(ServeError, 'ServeError');

/**
 * A store's database driver is missing: `better-sqlite3` (SQLite) or `pg` (PostgreSQL) is an
 * optional peer dependency that is not installed, or its native part was not built. `message` is
 * one line naming the package and the command that fixes it; `driver` is the package name.
 *
 * @example
 * ```ts
 * try { sqliteStore('./feedback.db'); }
 * catch (error) { if (isMissingDriverError(error)) console.error(error.message); } // … — run: npm install better-sqlite3
 * ```
 */
export class MissingDriverError extends EarfulError {
  declare readonly code: 'missing_driver';
  /** The npm package to install or build, such as `'better-sqlite3'`. */
  readonly driver: string;
  constructor(message: string, options: { driver: string; cause?: unknown }) {
    super(message, { code: 'missing_driver', cause: options.cause });
    this.name = 'MissingDriverError';
    this.driver = options.driver;
  }
}

/**
 * True for a {@link MissingDriverError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isMissingDriverError(error)) console.error(error.message);
 * ```
 */
export const isMissingDriverError = /* @__PURE__ */ errorGuard(MissingDriverError, 'MissingDriverError');

/**
 * A case change the rules refuse (see `stores/shared/case-rules.ts`): a remedy on a case that is
 * not being resolved, a due date without `resolving`, resolving without a remedy. Thrown by
 * `ResponseStore.changeCase` before anything is written; the API answers 422 with `message`.
 *
 * @example
 * ```ts
 * try { await store.changeCase(id, { actor, at, patch: { status: 'resolved' } }); }
 * catch (error) { if (isCaseRuleError(error)) console.error(error.message); } // resolving a case needs a remedy: …
 * ```
 */
export class CaseRuleError extends EarfulError {
  declare readonly code: 'case_rule';
  constructor(message: string) {
    super(message, { code: 'case_rule' });
    this.name = 'CaseRuleError';
  }
}

/**
 * True for a {@link CaseRuleError}, also from another copy of the package.
 *
 * @example
 * ```ts
 * if (isCaseRuleError(error)) return problemResponse(422, 'case_rule', error.message);
 * ```
 */
export const isCaseRuleError = /* @__PURE__ */ errorGuard(CaseRuleError, 'CaseRuleError');
