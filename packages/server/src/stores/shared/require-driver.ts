/**
 * Loads a store's database driver — `better-sqlite3` or `pg`, optional peer dependencies that
 * only the users of that store install — when the store is made, not when its module is
 * imported. A driver that is absent, or whose native part was never built (npm or pnpm skipped
 * its install script), becomes one `MissingDriverError` line naming the command that fixes it.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { MissingDriverError } from '../../errors.js';

// Both drivers are CommonJS; resolved from this package, where npm hoists them and pnpm links
// the optional peers its dependents provide.
const require = createRequire(import.meta.url);

/** The drivers the stores use; each is an optional peer dependency of `@earful/server`. */
export type DriverName = 'better-sqlite3' | 'pg';

// Drivers with a compiled addon, and the file their install script builds.
const NATIVE: Partial<Record<DriverName, string>> = { 'better-sqlite3': 'better_sqlite3.node' };

function usesPnpm(): boolean {
  return (process.env.npm_config_user_agent ?? '').startsWith('pnpm/');
}

function installCommand(name: DriverName): string {
  return usesPnpm() ? `pnpm add ${name}` : `npm install ${name}`;
}

function rebuildCommand(name: DriverName): string {
  return usesPnpm()
    ? `pnpm approve-builds (allow ${name}), then pnpm rebuild ${name}`
    : `npm install-scripts approve ${name} && npm rebuild ${name}`;
}

function isNotFound(error: unknown, request: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.startsWith(`Cannot find module '${request}'`);
}

// better-sqlite3 loads its addon on the first `new Database()`; loading it here turns "Could not
// locate the bindings file" (install script skipped) or a NODE_MODULE_VERSION mismatch (built for
// another Node) into the same one line, before any file is touched.
const loaded = new Set<DriverName>();
function loadAddon(name: DriverName, file: string, purpose: string): void {
  if (loaded.has(name)) return;
  const root = dirname(require.resolve(`${name}/package.json`));
  let bindings: (options: { bindings: string; module_root: string }) => unknown;
  try {
    bindings = createRequire(`${root}/package.json`)('bindings') as typeof bindings;
  } catch {
    return; // a release that finds its addon another way: the first `new Database()` will tell
  }
  try {
    bindings({ bindings: file, module_root: root });
    loaded.add(name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const why = /NODE_MODULE_VERSION/.test(message)
      ? `was built for another Node.js version than ${process.version}`
      : /Could not locate the bindings file/.test(message)
        ? 'is installed but its native part was not built (its install script did not run)'
        : undefined;
    if (why === undefined) throw error;
    throw new MissingDriverError(`${purpose} needs ${name}, which ${why} — run: ${rebuildCommand(name)}`, { driver: name, cause: error });
  }
}

/**
 * `require(name)` for a store driver, or a `MissingDriverError` whose one-line message names the
 * package and the command that installs (or builds) it. Any other failure is thrown unchanged.
 *
 * @example
 * ```ts
 * const Database = requireDriver<typeof import('better-sqlite3')>('better-sqlite3', 'the SQLite store');
 * ```
 */
export function requireDriver<T>(name: DriverName, purpose: string): T {
  let driver: T;
  try {
    driver = require(name) as T;
  } catch (error) {
    if (!isNotFound(error, name)) throw error;
    throw new MissingDriverError(`${purpose} needs ${name} — run: ${installCommand(name)}`, { driver: name, cause: error });
  }
  const addon = NATIVE[name];
  if (addon !== undefined) loadAddon(name, addon, purpose);
  return driver;
}
