/**
 * Groups client addresses into the networks that limits are keyed by. One IPv6 subscriber gets a
 * whole /64 (often a /56) and can rotate through it freely, so counting IPv6 addresses one by one
 * would give each client billions of budgets. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) counts as IPv4.
 * Text that is not an address (a proxy's odd `X-Forwarded-For`) is its own key.
 */

/** Prefix lengths: IPv4 bits and IPv6 bits to keep. */
export interface NetworkPrefix {
  readonly v4: number;
  readonly v6: number;
}

/** One client: an IPv4 address, or an IPv6 client's /64. */
export const CLIENT_PREFIX: NetworkPrefix = { v4: 32, v6: 64 };
/** One client network: an IPv4 /24, or an IPv6 /56 (a typical subscriber's delegation). */
export const NETWORK_PREFIX: NetworkPrefix = { v4: 24, v6: 56 };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function v4Key(a: number[], bits: number): string {
  const full = ((a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!) >>> 0;
  const masked = bits >= 32 ? full : bits <= 0 ? 0 : (full & (~0 << (32 - bits))) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (masked >>> s) & 255).join('.')}/${bits}`;
}

function parseV4(text: string): number[] | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** The eight 16-bit groups of an IPv6 address, or undefined. */
function parseV6(text: string): number[] | undefined {
  if (!text.includes(':') || text.length > 45) return undefined;
  let hex = text;
  const lastColon = hex.lastIndexOf(':');
  if (hex.slice(lastColon + 1).includes('.')) {
    // A dotted IPv4 tail (`::ffff:1.2.3.4`) is the last two groups.
    const v4 = parseV4(hex.slice(lastColon + 1));
    if (!v4) return undefined;
    hex = `${hex.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const back = halves.length === 2 ? groups(halves[1]!) : [];
  const count = head.length + back.length;
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const words = [...head, ...new Array<string>(8 - count).fill('0'), ...back].map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
  return words.some(Number.isNaN) ? undefined : words;
}

/** The key of the network `ip` belongs to at `prefix`, e.g. `203.0.113.0/24` or `2001:db8:0:1200::/56`. */
export function networkKey(ip: string, prefix: NetworkPrefix): string {
  const address = ip.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const v4 = parseV4(address);
  if (v4) return v4Key(v4, prefix.v4);
  const v6 = parseV6(address);
  if (!v6) return address;
  if (v6.slice(0, 5).every((w) => w === 0) && v6[5] === 0xffff) {
    return v4Key([v6[6]! >> 8, v6[6]! & 255, v6[7]! >> 8, v6[7]! & 255], prefix.v4);
  }
  const kept = v6.map((word, i) => {
    const bits = Math.min(16, Math.max(0, prefix.v6 - i * 16));
    return bits === 16 ? word : bits === 0 ? 0 : word & (0xffff << (16 - bits)) & 0xffff;
  });
  return `${kept.map((w) => w.toString(16)).join(':')}/${prefix.v6}`;
}
