/**
 * The demo served beyond this machine (`--host 0.0.0.0`), over real HTTP. The server listens on
 * every interface, but the test only ever connects to 127.0.0.1 and plays the LAN browser with the
 * Host and Origin headers a browser on another device would send. Nothing of the inbox's data is
 * served without a session, and the printed sign-in link is the only way to one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo, type DemoAddress } from '../src/demo.js';
import { reachableHosts } from '../src/reachable-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-demo-lan-'));
let demo: Demo;
let lan: DemoAddress;

beforeAll(async () => {
  demo = await startDemo({ db: join(dir, 'feedback.db'), receiverPort: 0, shopPort: 0, host: '0.0.0.0' });
  // A device on the network uses an interface address; with none (a bare container), localhost.
  lan = demo.addresses[0]!;
});
afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request to 127.0.0.1 at the port of `url`, sent as if to `url`'s host (its Host header). */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: init.method ?? 'GET', headers: { host: target.host, ...init.headers }, timeout: 5000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 5 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('the demo on 0.0.0.0', () => {
  it('prints addresses a browser can reach, never 0.0.0.0, and says which is which', async () => {
    const expected = reachableHosts('0.0.0.0').map((r) => r.host);
    expect(demo.addresses.map((a) => a.host)).toEqual(expected);
    expect(expected.at(-1)).toBe('localhost');
    for (const a of demo.addresses) {
      expect(`${a.shopUrl} ${a.inboxUrl} ${a.endpoint} ${await demo.signInLink(a)}`).not.toContain('0.0.0.0');
      expect(a.via).toMatch(/^(this machine only|the network on .+)$/);
    }
  });

  it('serves the inbox app (no data in it) but no case, summary or event without a session', async () => {
    const page = await send(lan.inboxUrl);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    for (const path of ['/api/cases', '/api/cases?sentiment=negative', '/api/summary', '/api/events', '/api/export', '/api/session']) {
      const res = await send(`${lan.receiverUrl}${path}`);
      expect(res.status, path).toBe(401);
      expect(res.body, path).not.toContain('@');
    }
    // A made-up session cookie is no session.
    expect((await send(`${lan.receiverUrl}/api/cases`, { headers: { cookie: `earful_session=es_${'A'.repeat(43)}` } })).status).toBe(401);
  });

  it('the sign-in link signs a LAN browser in once: an HttpOnly SameSite=Strict session, then 410', async () => {
    const link = await demo.signInLink(lan);
    expect(link.startsWith(`${lan.receiverUrl}/inbox/#login=`)).toBe(true);
    const token = new URL(link).hash.slice('#login='.length);
    const redeem = () =>
      send(`${lan.receiverUrl}/api/session/link`, {
        method: 'POST',
        headers: { origin: lan.receiverUrl, 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    const signedIn = await redeem();
    expect(signedIn.status, signedIn.body).toBe(200);
    expect(JSON.parse(signedIn.body)).toEqual({ email: demo.staffEmail });
    const setCookie = String(signedIn.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const cases = await send(`${lan.receiverUrl}/api/cases`, { headers: { cookie } });
    expect(cases.status).toBe(200);
    expect(JSON.parse(cases.body)).toMatchObject({ items: [] });

    // The same link again: gone. So is a made-up one, and one posted from another site.
    expect((await redeem()).status).toBe(410);
    const other = new URL(await demo.signInLink(lan)).hash.slice('#login='.length);
    const forged = await send(`${lan.receiverUrl}/api/session/link`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ token: other }),
    });
    expect(forged.status).toBe(403);
  });

  it('the shop page at each address names the receiver at that address, and the receiver allows that origin', async () => {
    for (const address of demo.addresses) {
      const page = await send(address.shopUrl);
      expect(page.status).toBe(200);
      expect(page.body).toContain(address.endpoint);
      const origin = new URL(address.shopUrl).origin;
      const res = await send(address.endpoint, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(res.status, origin).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
    }
    const shopPort = new URL(lan.shopUrl).port;
    for (const origin of [`http://0.0.0.0:${shopPort}`, 'http://evil.example', `http://${lan.host}:1`]) {
      expect((await send(lan.endpoint, { method: 'OPTIONS', headers: { origin } })).status, origin).toBe(403);
    }
    // A Host that is none of this machine's addresses is told where the shop is.
    const misdirected = await send(`http://rebound.example:${shopPort}/`);
    expect(misdirected.status).toBe(421);
    expect(misdirected.body).toContain(lan.shopUrl);
  });
});

describe('reachableHosts', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [
      { address: '192.168.1.20', family: 'IPv4', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
      { address: 'fd00::20', family: 'IPv6', internal: false },
    ],
  } as unknown as Parameters<typeof reachableHosts>[1];

  it('turns a wildcard into interface addresses and localhost', () => {
    expect(reachableHosts('0.0.0.0', interfaces)).toEqual([
      { host: '192.168.1.20', via: 'the network on eth0' },
      { host: 'localhost', via: 'this machine only' },
    ]);
    expect(reachableHosts('::', interfaces).map((r) => r.host)).toEqual(['192.168.1.20', '[fd00::20]', 'localhost']);
    expect(reachableHosts('127.0.0.1', interfaces).map((r) => r.host)).toEqual(['127.0.0.1', 'localhost']);
    expect(reachableHosts('192.168.1.20', interfaces)).toEqual([{ host: '192.168.1.20', via: 'the address given with --host' }]);
  });
});
