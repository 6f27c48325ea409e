/**
 * The demo served beyond this machine (`--host 0.0.0.0 --token`), over real HTTP. The server
 * listens on every interface, but the test only ever connects to 127.0.0.1 and plays the LAN
 * browser with the Host and Origin headers a browser on another device would send.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo, type DemoAddress } from '../src/demo.js';
import { reachableHosts } from '../src/reachable-hosts.js';

const TOKEN = 'lan-demo-token-7f3a9c';
const dir = mkdtempSync(join(tmpdir(), 'earful-demo-lan-'));
let demo: Demo;
let lan: DemoAddress;

beforeAll(async () => {
  demo = await startDemo({ db: join(dir, 'feedback.db'), receiverPort: 0, shopPort: 0, host: '0.0.0.0', token: TOKEN });
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

const inboxOf = (address: DemoAddress) => address.inboxUrl.replace(/\?.*$/, '');

describe('the demo on 0.0.0.0 with a token', () => {
  it('prints addresses a browser can reach, never 0.0.0.0, and says which is which', () => {
    const expected = reachableHosts('0.0.0.0').map((r) => r.host);
    expect(demo.addresses.map((a) => a.host)).toEqual(expected);
    expect(expected.at(-1)).toBe('localhost');
    for (const a of demo.addresses) {
      expect(`${a.shopUrl} ${a.inboxUrl} ${a.endpoint}`).not.toContain('0.0.0.0');
      expect(a.via).toMatch(/^(this machine only|the network on .+)$/);
    }
  });

  it('serves the inbox page its CSS and JS without the token', async () => {
    for (const asset of ['inbox.css', 'inbox.js']) {
      const res = await send(`${inboxOf(lan)}/assets/${asset}`);
      expect(res.status, asset).toBe(200);
    }
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie and a clean URL; the token is in no page', async () => {
    const signIn = await send(`${inboxOf(lan)}?sentiment=negative&token=${TOKEN}`);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/inbox?sentiment=negative');
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0]!;

    const page = await send(`${inboxOf(lan)}?sentiment=negative`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Earful inbox');
    expect(page.body).not.toContain(TOKEN);
    expect(page.body).not.toContain('token=');
    expect((await send(`${inboxOf(lan)}/alerts.json`, { headers: { cookie } })).status).toBe(200);

    // Without the cookie, with a wrong token, or with a forged cookie: 403 saying what to do.
    const refused = await send(inboxOf(lan));
    expect(refused.status).toBe(403);
    expect(refused.body).not.toContain('--public');
    expect(refused.body).toContain('link');
    expect((await send(`${inboxOf(lan)}?token=${TOKEN}x`)).status).toBe(403);
    const [issued, nonce] = cookie.split('=')[1]!.split('.');
    expect((await send(inboxOf(lan), { headers: { cookie: `earful_inbox=${issued}.${nonce}.${'0'.repeat(64)}` } })).status).toBe(403);
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
