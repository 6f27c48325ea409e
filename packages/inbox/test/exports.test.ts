/**
 * The public surface of `@earful/inbox` (the Node entry): exactly `inboxRoutes` and `INBOX_CSP`;
 * importing it — the source and the built file — touches no DOM and reads no file (SSR-safe).
 */
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';

it('exports exactly inboxRoutes and INBOX_CSP, and imports without a DOM', async () => {
  expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
  const entry = await import('../src/serve.js');
  expect(Object.keys(entry).sort()).toEqual(['INBOX_CSP', 'inboxRoutes']);
});

it('the built entry is what package.json exports and imports the same way', async () => {
  const pkg = (await import('../package.json', { with: { type: 'json' } })).default as unknown as { exports: Record<string, unknown> };
  expect(pkg.exports['.']).toEqual({ types: './dist/serve.d.ts', import: './dist/serve.js' });
  const built = new URL('../dist/serve.js', import.meta.url);
  if (!existsSync(built)) throw new Error('dist/serve.js is missing: run `pnpm --filter @earful/inbox build` before the tests');
  const entry = await import(built.href);
  expect(Object.keys(entry).sort()).toEqual(['INBOX_CSP', 'inboxRoutes']);
  const response = await entry.inboxRoutes()(new Request('http://127.0.0.1/inbox/'));
  expect(response.status).toBe(200);
  expect(await response.text()).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js"><\/script>/);
});
