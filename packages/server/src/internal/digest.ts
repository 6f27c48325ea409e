/**
 * The digest that tells a repeated delivery (same id, same body) from a reused id with another
 * body. Keys are sorted first, so the same response sent with its keys in another order — or
 * read back from a JSONB column — has the same digest.
 */
import { createHash } from 'node:crypto';

// Every put digests its response: one string built by appending, no array per object or array.
// The text is byte for byte what the first version (map/filter/join) made, so the digest of a
// stored record never changes: an undefined array item (or function, symbol) adds nothing, and
// a function or symbol property value reads `undefined`, as a template literal printed them.
function canonical(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      out += canonical(value[i]) ?? '';
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonical(item)}`;
  }
  return `${out}}`;
}

/** SHA-256 (hex) of the canonical JSON of `value`. */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(canonical(value) as string).digest('hex');
}
