/**
 * The one id maker of the project: a response's `id` (its idempotency key), and any other random
 * id the widget, reach or the SDK needs. It uses `crypto.getRandomValues`, which every browser
 * has on every page; `crypto.randomUUID` exists only in secure contexts (https, localhost), so a
 * shop served over plain http would break.
 */

/**
 * A random version-4 UUID, as `responseSchema` requires for `id`.
 *
 * @example
 * ```ts
 * const response = { schemaVersion: 1, id: newResponseId(), surveyId: 'checkout', ... };
 * ```
 */
export function newResponseId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
