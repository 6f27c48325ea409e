// @ts-check
/**
 * A production-shaped receiver in one file: node:http, @earful/server's handler with the SQLite
 * store, and a signed webhook alert the moment a customer is unhappy.
 */
import { createServer } from 'node:http';
import { createHandler, toNodeListener, webhookAlert } from '@earful/server';
import { sqliteStore } from '@earful/server/sqlite';

/**
 * @param {{ db: string, port?: number, origins: string[], webhookUrl?: string, webhookSecret?: string }} options
 */
export async function startReceiver({ db, port = 8787, origins, webhookUrl, webhookSecret }) {
  const store = sqliteStore(db);
  const handler = createHandler({
    store,
    path: '/feedback',
    allowedOrigins: origins,
    alerts: webhookUrl ? [webhookAlert({ url: webhookUrl, secret: webhookSecret, format: 'json' })] : [],
    onNegative: (response) => console.log(`unhappy customer on ${response.surveyId} (${response.id})`),
  });
  const server = createServer(toNodeListener(handler));
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    endpoint: `http://127.0.0.1:${address.port}/feedback`,
    store,
    handler,
    async close() {
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await handler.close();
      await store.close();
    },
  };
}
