import type { RequestListener, Server } from 'node:http';

/** Content types of the files tests serve; anything else goes out as application/octet-stream. */
export const CONTENT_TYPES: Record<string, string>;

/** A running loopback server. */
export interface Loopback {
  /** The origin, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  url: string;
  port: number;
  server: Server;
  /** Stops listening and ends every open connection, answered or not. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Serves `handler` on a loopback address (default 127.0.0.1) at a free port; never keeps the
 * process alive. Throws when `host` is not a loopback address.
 */
export function serveLoopback(handler: RequestListener, options?: { host?: string; port?: number }): Promise<Loopback>;

/**
 * A handler serving files from `mounts` (URL prefix ending in "/" → directory); "…/" serves
 * index.html; 404 for unknown paths and paths that climb out of their directory.
 */
export function serveFiles(
  mounts: Record<string, string>,
  options?: { gzip?: boolean; rewrite?: (file: string, body: Buffer) => string | Uint8Array },
): RequestListener;
