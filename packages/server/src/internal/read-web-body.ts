/**
 * Reads a Fetch `Request` body with a byte limit, stopping as soon as it passes it: the rest of an
 * oversized body is never pulled. The receiver, the `/api` router and the follow-up pages share it.
 */
import type { Incoming } from './pipeline.js';

/** The body's bytes, or why there are none (`too-large` as soon as `limit` is passed). */
export async function readWebBody(request: Request, limit: number): ReturnType<Incoming['readBody']> {
  if (request.body === null) return { kind: 'ok', bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        // Stop reading: the rest of an oversized body is never pulled.
        reader.cancel().catch(() => {});
        return { kind: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: 'error' };
  }
  if (chunks.length === 1) return { kind: 'ok', bytes: chunks[0]! };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'ok', bytes };
}
