/**
 * What one client has under way, shared by its parts; each has one writer. `submit()`, the
 * delivery loop and page exit read them so that an item is never in two requests of this client
 * at once, and so that a request cut off by the page unloading is not counted as a failure.
 */
import type { Outcome } from './delivery-loop.js';

/** Normal sends under way, by item id. Written by delivery-loop.ts. */
export type Sending = Map<string, Promise<Outcome>>;

/** Ids of the items handed to a keepalive request on page exit. Written by page-events.ts. */
export type Exiting = Set<string>;

/** `unloading`: between `pagehide` and a `pageshow` from the back/forward cache. Written by page-events.ts. */
export interface PageState {
  unloading: boolean;
}
