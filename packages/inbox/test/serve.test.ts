/**
 * `inboxRoutes()`: the page and hashed assets with a strict CSP and `nosniff`, long caching for
 * assets only, nothing outside the app's folder (however the path is encoded), GET/HEAD only.
 * Runs over a folder made here, so it needs no build; one test reads the built dist if present.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INBOX_CSP, inboxRoutes } from '../src/serve.js';

const root = mkdtempSync(join(tmpdir(), 'earful-inbox-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>inbox</title>');
writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
// A file next to the app folder that must never be served.
writeFileSync(join(root, '..', 'earful-inbox-secret.txt'), 'secret');

const serve = inboxRoutes({ basePath: '/inbox', root });
const get = (path: string, method = 'GET') => serve(new Request(`http://127.0.0.1${path}`, { method }));

describe('inboxRoutes', () => {
  it('serves the page at the base path with a strict CSP, nosniff and no caching', async () => {
    const response = await get('/inbox/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>inbox</title>');
  });
  it('redirects the bare base path to its folder, so relative asset URLs resolve', async () => {
    const response = await get('/inbox');
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/inbox/');
  });
  it('serves hashed assets with their type and a year of caching', async () => {
    const js = await get('/inbox/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-security-policy')).toBe(INBOX_CSP);
    expect(await js.text()).toBe('console.log(1)');
    const css = await get('/inbox/assets/index-abc123.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });
  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/inbox/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('/inbox/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
  it.each([
    '/inbox/..%2fearful-inbox-secret.txt',
    '/inbox/assets/..%2f..%2fearful-inbox-secret.txt',
    '/inbox/assets/%2e%2e/%2e%2e/earful-inbox-secret.txt',
    '/inbox/assets/..%5c..%5cearful-inbox-secret.txt',
    '/inbox/assets/...js',
    '/inbox/assets/a%00.js',
    '/inbox/%2e%2e%2fearful-inbox-secret.txt',
    '/inbox/assets/',
    '/inbox/assets/sub/index.js',
    '/inbox/serve.js',
    '/inbox/package.json',
  ])('refuses %s with 404', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });
  it('the URL parser resolves plain ../ before the handler sees it: outside the base path is 404', async () => {
    const response = await get('/inbox/../earful-inbox-secret.txt');
    expect(response.status).toBe(404);
  });
  it('answers 404 outside the base path and for unknown assets', async () => {
    expect((await get('/inboxes/')).status).toBe(404);
    expect((await get('/')).status).toBe(404);
    expect((await get('/inbox/assets/missing-123.js')).status).toBe(404);
  });
  it('says how to build when the app is missing', async () => {
    const empty = inboxRoutes({ root: mkdtempSync(join(tmpdir(), 'earful-inbox-empty-')) });
    const response = await empty(new Request('http://127.0.0.1/inbox/'));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm --filter @earful/inbox build');
  });
  it('refuses a base path that is not a plain path', () => {
    for (const basePath of ['inbox', '/inbox/', '/in box', '/../x', '/inbox?x=1']) expect(() => inboxRoutes({ basePath }), basePath).toThrow(/basePath/);
    expect(() => inboxRoutes({ basePath: '' })).not.toThrow();
    expect(() => inboxRoutes({ basePath: '/support/inbox' })).not.toThrow();
  });
  it('mounts at the root with an empty base path', async () => {
    const atRoot = inboxRoutes({ basePath: '', root });
    expect((await atRoot(new Request('http://127.0.0.1/'))).status).toBe(200);
    expect((await atRoot(new Request('http://127.0.0.1/assets/index-abc123.js'))).status).toBe(200);
  });
});
