/**
 * Starts the whole demo, on loopback unless told otherwise: the shop (page + widget) and the
 * receiver (SQLite) with the JSON API, the follow-up pages and the `@earful/inbox` app. `main.ts`
 * runs it for `pnpm demo`; the end-to-end test runs it on free ports and stops and restarts the
 * receiver to prove offline delivery. Served beyond this machine (`--host 0.0.0.0`), each address
 * a browser can use gets its own shop page naming the receiver at that same address, and the
 * receiver allows exactly those shop origins. The inbox shows nothing without a session, and the
 * only way in is a one-time sign-in link this process makes (the demo's staff account has a
 * random password nobody knows).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addStaffUser, loginLink, startServer, toNodeListener, type ResponseStore, type RunningServer } from '@earful/server';
import { sqliteStore } from '@earful/server/sqlite';
import { complaintSurvey, en } from '@earful/widget';
import { reachableHosts, type ReachableHost } from './reachable-hosts.js';
import { DEMO_ORDER_ID, NPS_SURVEY } from './shop/shop-page.js';
import { shopRoute } from './shop/shop-route.js';

export interface DemoOptions {
  /** SQLite file of the receiver (created when missing). */
  readonly db: string;
  /** Receiver (API and inbox) port; 0 picks a free one. Default 8787. */
  readonly receiverPort?: number;
  /** Shop port; 0 picks a free one. Default 8080. */
  readonly shopPort?: number;
  /** Listen address. Default 127.0.0.1; `0.0.0.0` serves every interface (the inbox still needs a sign-in). */
  readonly host?: string;
}

/** One address a browser can use, with its URLs. */
export interface DemoAddress extends ReachableHost {
  readonly shopUrl: string;
  /** The inbox app (`…/inbox/`); it asks for a sign-in. {@link Demo.signInLink} makes the way in. */
  readonly inboxUrl: string;
  readonly endpoint: string;
  /** The receiver's origin at this address (`http://host:port`). */
  readonly receiverUrl: string;
}

export interface Demo {
  /** The first of `addresses`. */
  readonly shopUrl: string;
  readonly inboxUrl: string;
  readonly endpoint: string;
  /** Every address a browser can reach the demo at (for `0.0.0.0`: the interfaces', then localhost). */
  readonly addresses: readonly DemoAddress[];
  readonly store: ResponseStore;
  /** The demo's staff account, made on the first run. */
  readonly staffEmail: string;
  /**
   * A fresh one-time link (`…/inbox/#login=…`) that signs a browser in as {@link staffEmail}
   * at `address` (default the first): it works once, within 15 minutes.
   */
  signInLink(address?: DemoAddress): Promise<string>;
  /** Stops the receiver only (the shop keeps running), to show offline delivery. */
  stopReceiver(): Promise<void>;
  /** Starts the receiver again on the same port and database. */
  startReceiver(): Promise<void>;
  close(): Promise<void>;
}

/** The demo shop's staff account: the inbox's cases are worked as this person. */
export const DEMO_STAFF_EMAIL = 'owner@nordlys-tea.example';

/** The definitions the inbox takes labels from: the same surveys the shop page shows. */
export const DEMO_SURVEYS = [complaintSurvey((key) => en[key] as string), NPS_SURVEY];

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Makes the staff account on a new database. Its password is random and never shown: sign-in links are the way in. */
async function ensureStaff(store: ResponseStore): Promise<void> {
  if ((await store.auth.getUser(DEMO_STAFF_EMAIL)) !== undefined) return;
  await addStaffUser(store, DEMO_STAFF_EMAIL, randomBytes(32).toString('base64url'), Date.now());
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const { host = '127.0.0.1' } = options;
  const reachable = reachableHosts(host);
  const store = sqliteStore(options.db);

  // The shop listens first, so the receiver knows the shop's origins, and the receiver's port is
  // settled before the shop page names it as the endpoint.
  let handleShop: (request: Request) => Promise<Response> = async () => new Response('starting', { status: 503 });
  const shop = createServer(toNodeListener((request) => handleShop(request)));
  let receiver: RunningServer | undefined;
  try {
    await ensureStaff(store);
    const shopPort = await listen(shop, options.shopPort ?? 8080, host);
    let port = options.receiverPort ?? 8787;
    const startReceiver = async () => {
      receiver = await startServer({
        store,
        port,
        host,
        // Exactly the shop as a browser reaches it: each address at the shop's port.
        origins: reachable.map((r) => `http://${r.host}:${shopPort}`),
        // No publicUrl: the API takes each request's own origin, so the inbox works at every
        // printed address (a sign-in holds for the address it was made at).
        api: { surveys: DEMO_SURVEYS },
      });
      port = receiver.port;
    };
    await startReceiver();
    const addresses: DemoAddress[] = reachable.map((r) => {
      const receiverUrl = `http://${r.host}:${port}`;
      return {
        ...r,
        // The order page: its URL (the page every response names) carries the order id.
        shopUrl: `http://${r.host}:${shopPort}/orders/${DEMO_ORDER_ID}`,
        inboxUrl: `${receiverUrl}/inbox/`,
        endpoint: `${receiverUrl}${receiver!.endpoint.slice(receiver!.url.length)}`,
        receiverUrl,
      };
    });
    // Each page names the receiver at the address the browser used, so its Origin is one the
    // receiver allows; any other Host is told where the shop is.
    const shops = new Map(addresses.map((a) => [a.host, shopRoute({ endpoint: a.endpoint })]));
    handleShop = async (request) => {
      const route = shops.get(new URL(request.url).hostname);
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
      staffEmail: DEMO_STAFF_EMAIL,
      signInLink: (address = addresses[0]!) => loginLink(store, DEMO_STAFF_EMAIL, address.receiverUrl, Date.now()),
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
