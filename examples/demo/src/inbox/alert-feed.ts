/**
 * The demo's webhook target (standing in for the owner's chat or pager): `@earful/server`'s
 * `webhookAlert` POSTs signed alerts to it, and the inbox page polls for them. Deliveries are at least once, so alerts are deduplicated by their
 * `Earful-Alert-Id`; the feed keeps the newest 100.
 */
import { verifySignature, type AlertPayload } from '@earful/server';

export interface FeedEntry {
  /** Position in the feed, for `after=` polling. */
  readonly seq: number;
  readonly alertId: string;
  readonly payload: AlertPayload;
}

export interface AlertFeed {
  /** Handles a webhook POST: 204 when accepted (or a repeat), 401 for a bad signature. */
  receive(request: Request): Promise<Response>;
  /** Entries newer than `after`. */
  since(after: number): FeedEntry[];
  /** How many distinct alerts arrived (a repeat of an id is not counted again). */
  readonly count: number;
}

const KEEP = 100;

export function createAlertFeed(secret: string): AlertFeed {
  const entries: FeedEntry[] = [];
  const seen = new Set<string>();
  let seq = 0;
  return {
    async receive(request) {
      const body = await request.text();
      if (!verifySignature(secret, body, request.headers.get('earful-signature'))) {
        return Response.json({ error: 'bad_signature' }, { status: 401 });
      }
      const payload = JSON.parse(body) as AlertPayload;
      const alertId = request.headers.get('earful-alert-id') ?? payload.id;
      if (!seen.has(alertId)) {
        seen.add(alertId);
        entries.push({ seq: ++seq, alertId, payload });
        if (entries.length > KEEP) entries.shift();
      }
      return new Response(null, { status: 204 });
    },
    since: (after) => entries.filter((e) => e.seq > after),
    get count() {
      return seq;
    },
  };
}
