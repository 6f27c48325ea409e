/**
 * The `Retry-After` hold of an endpoint: until when nothing may be sent to it. Shared on purpose
 * by every client of the page (one JavaScript realm) — the widget makes a client per mount and the
 * host app may make its own for the same endpoint, and a 429 seen by one must hold back the others,
 * or a rate-limited receiver is hit again at once (README: "nothing is sent to that endpoint
 * before it"). Other tabs and later pages learn it from the item's `retryAfter` instead. Owns the
 * one map of holds, the SDK's only state outside a client, and touches nothing else.
 */
import type { QueuedItem } from '../queue-storage.js';

/** Until when (ms since epoch) each endpoint asked not to be sent anything. */
const pageHolds = new Map<string, number>();

/** The end of the hold on `endpoint` (ms since epoch; 0 or a past time when there is none). */
export const heldUntil = (endpoint: string): number => pageHolds.get(endpoint) ?? 0;

/** Moves the hold on `endpoint` to `at` if that is later (never earlier). */
export function extendHold(endpoint: string, at: number): void {
  if (at > heldUntil(endpoint)) pageHolds.set(endpoint, at);
}

/** The earliest time `item` may be sent: after the hold on its endpoint and its own stored `Retry-After`. */
export const notBefore = (endpoint: string, item: QueuedItem): number => Math.max(heldUntil(endpoint), item.retryAfter ?? 0);
