/**
 * Measures the UTF-8 size of a response without allocating a byte array, so the SDK (before it
 * queues) and the server (after it parses) apply the same 16 KB rule the same way.
 */

/**
 * Number of bytes `value` takes as UTF-8. Lone surrogates count as U+FFFD (3 bytes), as
 * `TextEncoder` would encode them.
 *
 * @example
 * ```ts
 * utf8ByteLength('배송'); // 6
 * ```
 */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Size in bytes of `response` as UTF-8 JSON, exactly as `JSON.stringify` sends it.
 *
 * @example
 * ```ts
 * if (responseByteLength(response) > RESPONSE_LIMITS.maxBodyBytes) throw new Error('too large');
 * ```
 */
export function responseByteLength(response: unknown): number {
  return utf8ByteLength(JSON.stringify(response) ?? '');
}

/**
 * Number of Unicode code points in `value` (what the contract's text limits count): an emoji or
 * a Telugu conjunct's parts count as people see code points, not as UTF-16 units.
 *
 * @example
 * ```ts
 * codePointLength('😀'); // 1 ('😀'.length is 2)
 * ```
 */
export function codePointLength(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
