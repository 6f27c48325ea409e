// @ts-check
/**
 * The receiver as a Fetch-API module: `export default { fetch }` is what Deno (`deno serve`),
 * Bun (`Bun.serve`) and Cloudflare Workers run. Edge runtimes have no local disk, so this uses
 * the memory store; give it `postgresStore()` from `@earful/server/postgres` (or your own
 * `ResponseStore`) to keep responses.
 */
import { createHandler, memoryStore } from '@earful/server';

export const handler = createHandler({
  store: memoryStore(),
  path: '/feedback',
  allowedOrigins: ['https://shop.example', /^https:\/\/[a-z0-9-]+\.shop\.example$/],
  onNegative: (response) => console.log(`unhappy customer on ${response.surveyId}`),
});

export default { fetch: (/** @type {Request} */ request) => handler(request) };
