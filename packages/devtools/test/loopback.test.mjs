import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { serveFiles, serveLoopback } from '../src/loopback.mjs';

/** GET with raw bytes in the path (fetch would normalise "/../" away before it is sent). */
function get(url, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/`, { path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer to ${path} within 5 s`)));
    req.end();
  });
}

describe('serveLoopback', () => {
  it('listens on 127.0.0.1 at a free port and answers', async () => {
    const loopback = await serveLoopback((_req, res) => res.end('hi'));
    try {
      expect(loopback.url).toBe(`http://127.0.0.1:${loopback.port}`);
      expect(loopback.port).toBeGreaterThan(0);
      expect(await (await fetch(loopback.url)).text()).toBe('hi');
    } finally {
      await loopback.close();
    }
  });

  it('close() ends open sockets, even a request the handler never answers', async () => {
    const loopback = await serveLoopback(() => undefined); // never answers
    const socket = connect(loopback.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const closed = new Promise((resolve) => socket.once('close', () => resolve('socket closed')));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the request reaches the handler
    const started = Date.now();
    await loopback.close();
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r('still open after 2 s'), 2_000))])).toBe('socket closed');
    expect(Date.now() - started).toBeLessThan(2_000);
    await loopback.close(); // a second close is harmless
    await expect(fetch(loopback.url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });

  it('serves on another 127.x address, and refuses a host that is not loopback', async () => {
    const loopback = await serveLoopback((_req, res) => res.end('ok'), { host: '127.0.0.2' });
    try {
      expect(loopback.url).toBe(`http://127.0.0.2:${loopback.port}`);
    } finally {
      await loopback.close();
    }
    await expect(serveLoopback(() => undefined, { host: '0.0.0.0' })).rejects.toThrow('loopback only');
  });

  it('rejects when the port is taken instead of waiting', async () => {
    const first = await serveLoopback(() => undefined);
    try {
      await expect(serveLoopback(() => undefined, { port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});

describe('serveFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'earful-devtools-'));
  const site = join(root, 'site');
  const dist = join(root, 'dist');
  mkdirSync(join(site, 'docs'), { recursive: true });
  mkdirSync(dist);
  writeFileSync(join(site, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(site, 'docs', 'index.html'), '<h1>docs</h1>');
  writeFileSync(join(dist, 'earful.js'), 'console.log("earful")'.repeat(20));
  writeFileSync(join(root, 'secret.txt'), 'secret');
  let loopback;
  afterAll(async () => {
    await loopback?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html for folders, the longest prefix first, with a content type', async () => {
    loopback = await serveLoopback(serveFiles({ '/': site, '/dist/': dist }, { rewrite: (file, body) => (file.endsWith('index.html') ? `${body}<!-- rewritten -->` : body) }));
    const home = await get(loopback.url, '/');
    expect([home.status, home.headers['content-type'], home.body.toString()]).toEqual([200, 'text/html; charset=utf-8', '<h1>home</h1><!-- rewritten -->']);
    expect((await get(loopback.url, '/docs/?q=1')).body.toString()).toBe('<h1>docs</h1><!-- rewritten -->');
    const script = await get(loopback.url, '/dist/earful.js');
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript']);
  });

  it('answers 404 to paths that climb out of their folder, 400 to broken escapes', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/dist/..%2fsecret.txt', '/dist/%2e%2e%2f%2e%2e%2fsecret.txt', '/missing.js', '/docs']) {
      expect([path, (await get(loopback.url, path)).status]).toEqual([path, 404]);
    }
    expect((await get(loopback.url, '/%E0%A4%A')).status).toBe(400);
  });

  it('gzips when asked to and the browser accepts it', async () => {
    const zipped = await serveLoopback(serveFiles({ '/': dist }, { gzip: true }));
    try {
      const plain = await get(zipped.url, '/earful.js');
      expect(plain.headers['content-encoding']).toBeUndefined();
      const packed = await get(zipped.url, '/earful.js', { 'accept-encoding': 'gzip' });
      expect(packed.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(packed.body).equals(plain.body)).toBe(true);
      expect(packed.body.length).toBeLessThan(plain.body.length);
    } finally {
      await zipped.close();
    }
  });
});
