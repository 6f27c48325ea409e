/**
 * Starts the whole demo, on loopback unless told otherwise: the shop (page + widget + webhook
 * target) and the receiver (SQLite, alerts, the inbox). `main.ts` runs it for `pnpm demo`; the
 * end-to-end test runs it on free ports and stops and restarts the receiver to prove offline
 * delivery. Served beyond this machine (`--host 0.0.0.0 --token`), each address a browser can use
 * gets its own shop page naming the receiver at that same address, and the receiver allows
 * exactly those shop origins.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, toNodeListener, webhookAlert, type ResponseStore, type RunningServer } from '@earful/server';
import { sqliteStore } from '@earful/server/sqlite';
import { createAlertFeed, type AlertFeed } from './inbox/alert-feed.js';
import { inboxRoute } from './inbox/inbox-route.js';
import { LOOPBACK, reachableHosts, type ReachableHost } from './reachable-hosts.js';
import { DEMO_ORDER_ID } from './shop/shop-page.js';
import { shopRoute } from './shop/shop-route.js';

export interface DemoOptions {
  /** SQLite file of the receiver (created when missing). */
  readonly db: string;
  /** Receiver (and inbox) port; 0 picks a free one. Default 8787. */
  readonly receiverPort?: number;
  /** Shop port; 0 picks a free one. Default 8080. */
  readonly shopPort?: number;
  /** Listen address. Default 127.0.0.1; anything else needs `token`. */
  readonly host?: string;
  /** Required to read the inbox when it is served beyond loopback. */
  readonly token?: string;
}

/** One address a browser can use, with its URLs. */
export interface DemoAddress extends ReachableHost {
  readonly shopUrl: string;
  /** With a token, the sign-in link: it carries the token once and trades it for a cookie. */
  readonly inboxUrl: string;
  readonly endpoint: string;
}

export interface Demo {
  /** The first of `addresses`. */
  readonly shopUrl: string;
  readonly inboxUrl: string;
  readonly endpoint: string;
  /** Every address a browser can reach the demo at (for `0.0.0.0`: the interfaces', then localhost). */
  readonly addresses: readonly DemoAddress[];
  readonly store: ResponseStore;
  readonly feed: AlertFeed;
  /** Stops the receiver only (the shop keeps running), to show offline delivery. */
  stopReceiver(): Promise<void>;
  /** Starts the receiver again on the same port and database. */
  startReceiver(): Promise<void>;
  close(): Promise<void>;
}

const HOOK_PATH = '/hooks/earful-alerts';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const { host = '127.0.0.1', token } = options;
  if (!LOOPBACK.has(host) && !token) {
    throw new Error(`the inbox shows customers' contact details: serving it on ${host} needs --token <secret> as well`);
  }
  const reachable = reachableHosts(host);
  // The receiver sends alerts to the shop's webhook target on this machine.
  const local = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : reachable[0]!.host;
  const secret = randomBytes(24).toString('hex');
  const feed = createAlertFeed(secret);
  const store = sqliteStore(options.db);

  // The shop starts first so that the receiver knows where to send alerts, and the receiver's
  // port is settled before the shop page names it as the endpoint.
  let handleShop: (request: Request) => Promise<Response> = async () => new Response('starting', { status: 503 });
  const shop = createServer(toNodeListener((request) => handleShop(request)));
  let receiver: RunningServer | undefined;
  try {
    const shopPort = await listen(shop, options.shopPort ?? 8080, host);
    const inbox = inboxRoute({ store, feed, token, surveyIds: ['complaint', 'nps'] });
    let port = options.receiverPort ?? 8787;
    const startReceiver = async () => {
      receiver = await startServer({
        store,
        port,
        host,
        // Exactly the shop as a browser reaches it: each address at the shop's port.
        origins: reachable.map((r) => `http://${r.host}:${shopPort}`),
        alerts: [webhookAlert({ url: `http://${local}:${shopPort}${HOOK_PATH}`, secret, name: 'demo-inbox' })],
        routes: { '/inbox': inbox },
      });
      port = receiver.port;
    };
    await startReceiver();
    const addresses: DemoAddress[] = reachable.map((r) => ({
      ...r,
      // The order page: its URL (the page every response names) carries the order id.
      shopUrl: `http://${r.host}:${shopPort}/orders/${DEMO_ORDER_ID}`,
      inboxUrl: `http://${r.host}:${port}/inbox${token ? `?token=${encodeURIComponent(token)}` : ''}`,
      endpoint: `http://${r.host}:${port}${receiver!.endpoint.slice(receiver!.url.length)}`,
    }));
    // Each page names the receiver at the address the browser used, so its Origin is one the
    // receiver allows; any other Host is told where the shop is.
    const shops = new Map(addresses.map((a) => [a.host, shopRoute({ endpoint: a.endpoint, feed, hookPath: HOOK_PATH })]));
    const webhookTarget = shops.get(local) ?? shopRoute({ endpoint: addresses[0]!.endpoint, feed, hookPath: HOOK_PATH });
    handleShop = async (request) => {
      const url = new URL(request.url);
      if (url.pathname === HOOK_PATH) return webhookTarget(request);
      const route = shops.get(url.hostname);
      if (route) return route(request);
      return new Response(`Open the shop at ${addresses.map((a) => a.shopUrl).join(' or ')}\n`, {
        status: 421,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    };
    const stopReceiver = async () => {
      const running = receiver;
      receiver = undefined;
      await running?.close();
    };
    return {
      shopUrl: addresses[0]!.shopUrl,
      inboxUrl: addresses[0]!.inboxUrl,
      endpoint: addresses[0]!.endpoint,
      addresses,
      store,
      feed,
      stopReceiver,
      startReceiver,
      async close() {
        await stopReceiver();
        await new Promise<void>((resolve) => {
          shop.close(() => resolve());
          shop.closeAllConnections();
        });
        await store.close();
      },
    };
  } catch (error) {
    await receiver?.close();
    shop.close();
    await store.close();
    throw error;
  }
}
