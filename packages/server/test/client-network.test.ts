import { describe, expect, it } from 'vitest';
import { CLIENT_PREFIX, NETWORK_PREFIX, networkKey } from '../src/internal/client-network.js';

describe('networkKey', () => {
  it.each([
    ['203.0.113.77', CLIENT_PREFIX, '203.0.113.77/32'],
    ['203.0.113.77', NETWORK_PREFIX, '203.0.113.0/24'],
    ['::ffff:203.0.113.77', NETWORK_PREFIX, '203.0.113.0/24'],
    ['::FFFF:cb00:714d', CLIENT_PREFIX, '203.0.113.77/32'],
    ['2001:db8:aa:bbcc:1:2:3:4', CLIENT_PREFIX, '2001:db8:aa:bbcc:0:0:0:0/64'],
    ['2001:db8:aa:bbcc::9', NETWORK_PREFIX, '2001:db8:aa:bb00:0:0:0:0/56'],
    ['[2001:db8::1]', CLIENT_PREFIX, '2001:db8:0:0:0:0:0:0/64'],
    ['fe80::1%eth0', CLIENT_PREFIX, 'fe80:0:0:0:0:0:0:0/64'],
    ['::1', CLIENT_PREFIX, '0:0:0:0:0:0:0:0/64'],
  ])('%s at %o → %s', (ip, prefix, key) => {
    expect(networkKey(ip, prefix)).toBe(key);
  });

  it('puts every address of one IPv6 /64 under one key, and a neighbouring /64 under another', () => {
    const keys = new Set(['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:0:0:0:7'].map((ip) => networkKey(ip, CLIENT_PREFIX)));
    expect(keys.size).toBe(1);
    expect(networkKey('2001:db8:1:3::1', CLIENT_PREFIX)).not.toBe([...keys][0]);
  });

  it('keeps text that is not an address as its own key, and never throws', () => {
    for (const junk of ['', 'unknown', '999.1.1.1', '1:2:3', '1::2::3', 'g::1', '1.2.3.4.5', ':'.repeat(50), '::ffff:1.2.3.999']) {
      expect(() => networkKey(junk, NETWORK_PREFIX)).not.toThrow();
    }
    expect(networkKey('999.1.1.1', NETWORK_PREFIX)).toBe('999.1.1.1');
    expect(networkKey('unknown', NETWORK_PREFIX)).toBe('unknown');
  });
});
