/**
 * Replies as plain data, so the Fetch and node:http adapters turn the same decision into their
 * own response objects, and each error body has one shape: `{ error, message }`.
 */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or null for no body. */
  body: string | null;
  /** Close the connection after answering (the body was not read to its end). */
  close?: boolean;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }, body: JSON.stringify(value) };
}

export function problem(status: number, error: string, message: string, headers: Record<string, string> = {}): Reply {
  return json(status, { error, message }, headers);
}
