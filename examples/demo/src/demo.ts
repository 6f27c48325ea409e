/**
 * Starts the whole demo on loopback: the shop (page + widget + webhook target) and the
 * receiver (SQLite, alerts, the inbox). `main.ts` runs it for `pnpm demo`; the end-to-end test
 * runs it on free ports and stops and restarts the receiver to prove offline delivery.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, toNodeListener, webhookAlert, type ResponseStore, type RunningServer } from '@earful/server';
import { sqliteStore } from '@earful/server/sqlite';
import { createAlertFeed, type AlertFeed } from './inbox/alert-feed.js';
import { inboxRoute } from './inbox/inbox-route.js';
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

export interface Demo {
  readonly shopUrl: string;
  readonly inboxUrl: string;
  readonly endpoint: string;
  readonly store: ResponseStore;
  readonly feed: AlertFeed;
  /** Stops the receiver only (the shop keeps running), to show offline delivery. */
  stopReceiver(): Promise<void>;
  /** Starts the receiver again on the same port and database. */
  startReceiver(): Promise<void>;
  close(): Promise<void>;
}

const HOOK_PATH = '/hooks/earful-alerts';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

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
    const shopUrl = `http://${host}:${shopPort}`;
    const inbox = inboxRoute({ store, feed, token, surveyIds: ['complaint', 'nps'] });
    let port = options.receiverPort ?? 8787;
    const startReceiver = async () => {
      receiver = await startServer({
        store,
        port,
        host,
        origins: [shopUrl],
        alerts: [webhookAlert({ url: `${shopUrl}${HOOK_PATH}`, secret, name: 'demo-inbox' })],
        routes: { '/inbox': inbox },
      });
      port = receiver.port;
    };
    await startReceiver();
    const endpoint = receiver!.endpoint;
    handleShop = shopRoute({ endpoint, feed, hookPath: HOOK_PATH });
    const stopReceiver = async () => {
      const running = receiver;
      receiver = undefined;
      await running?.close();
    };
    return {
      shopUrl: `${shopUrl}/`,
      inboxUrl: `${receiver!.url}/inbox${token ? `?token=${encodeURIComponent(token)}` : ''}`,
      endpoint,
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
