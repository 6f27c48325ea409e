/**
 * Finds `@earful/inbox` at run time — it is an optional companion, not a dependency — and mounts
 * its static app, or a one-line 404 that says how to install it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RouteHandler } from '../start-server.js';

/**
 * `@earful/inbox`'s routes when the package is installed (found from this package, the running
 * command's or the working directory), else a one-line 404 that says how to get it. The inbox is static files
 * and holds no secrets; everything it shows comes from the authenticated `/api`.
 */
export async function mountInbox(packageName = '@earful/inbox'): Promise<RouteHandler> {
  // From this package; from the running command (the `earful` package depends on the inbox, and
  // under pnpm only its own node_modules can see it); from the working directory.
  const command = process.argv[1];
  for (const from of [import.meta.url, ...(command ? [command] : []), join(process.cwd(), 'package.json')]) {
    let entry: string;
    try {
      // The package is ESM-only (no "require" condition): find its package.json, then its import entry.
      const manifest = createRequire(from).resolve(`${packageName}/package.json`);
      const pkg = createRequire(from)(manifest) as { exports?: { '.'?: { import?: string } } };
      entry = join(dirname(manifest), pkg.exports?.['.']?.import ?? './dist/serve.js');
    } catch {
      continue; // not installed here
    }
    let module: { inboxRoutes?: (options?: { basePath?: string }) => RouteHandler };
    try {
      module = (await import(pathToFileURL(entry).href)) as typeof module;
    } catch (error) {
      return notFound(`The inbox could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); reinstall @earful/inbox (in this repository: pnpm --filter @earful/inbox build).`);
    }
    if (typeof module.inboxRoutes === 'function') return module.inboxRoutes({ basePath: '/inbox' });
  }
  return notFound('The inbox is not installed: run "npm install @earful/inbox" next to @earful/server and restart.');
}

function notFound(line: string): RouteHandler {
  return async () =>
    new Response(`${line}\n`, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
}
