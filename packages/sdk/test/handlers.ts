/**
 * MSW handlers for the SDK's tests (Node: `node-server.ts`; Chromium: `browser/worker.ts`): a receiver that stores responses once per id (like
 * `@earful/server`) and records every request, plus helpers for per-test behaviour via `server.use()`.
 */
import { http, HttpResponse } from 'msw';

let counter = 0;
/** A fresh endpoint URL per test, so per-endpoint state (Retry-After) never leaks between tests. */
export function endpointFor(name: string): string {
  counter++;
  return `https://api.earful.test/${name.replace(/[^a-z0-9]+/gi, '-')}-${counter}`;
}

export interface Hit {
  id: string;
  method: string;
  contentType: string | null;
  headers: Headers;
  body: Record<string, unknown>;
  at: number;
}

/** Records what reached an endpoint; `stored` holds each id once (the server's idempotency). */
export class Receiver {
  readonly hits: Hit[] = [];
  readonly stored = new Map<string, Record<string, unknown>>();

  /** Parses and records a request; returns its body. */
  async record(request: Request): Promise<Hit> {
    const text = await request.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    const hit: Hit = { id: String(body.id), method: request.method, contentType: request.headers.get('content-type'), headers: request.headers, body, at: Date.now() };
    this.hits.push(hit);
    return hit;
  }

  store(hit: Hit): void {
    if (!this.stored.has(hit.id)) this.stored.set(hit.id, hit.body);
  }

  attempts(id?: string): number {
    return this.hits.filter((h) => id === undefined || h.id === id).length;
  }
}

/**
 * A handler for `endpoint` that answers each request with `reply(n, hit)` (n = 1 for the
 * first request to that id); a 2xx stores the response.
 */
export function respond(endpoint: string, receiver: Receiver, reply: (n: number, hit: Hit) => Response | Promise<Response>) {
  return http.post(endpoint, async ({ request }) => {
    const hit = await receiver.record(request);
    const response = await reply(receiver.attempts(hit.id), hit);
    if (response.status >= 200 && response.status < 300) receiver.store(hit);
    return response;
  });
}

/** The default: any endpoint under api.earful.test accepts with 202. */
export const handlers = [http.post('https://api.earful.test/*', () => HttpResponse.json({ status: 'accepted' }, { status: 202 }))];
