/**
 * Where a browser can reach the demo, for the addresses it prints, the origins the receiver
 * allows and the endpoint each shop page names. A wildcard listen address (`0.0.0.0`, `::`) is
 * not reachable as written: it stands for this machine's interface addresses, and `localhost`.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export interface ReachableHost {
  /** As it goes in a URL: `192.168.1.20`, `[fd00::20]`, `localhost`. */
  readonly host: string;
  /** Who can use it: "this machine only", or "the network on eth0". */
  readonly via: string;
}

const THIS_MACHINE = 'this machine only';
/** Listen addresses that serve this machine only. */
export const LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

const urlHost = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** Reachable hosts for `listen`, network addresses first. `interfaces` is injectable for tests. */
export function reachableHosts(
  listen: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): ReachableHost[] {
  if (listen === '0.0.0.0' || listen === '::') {
    const hosts: ReachableHost[] = [];
    for (const [name, infos] of Object.entries(interfaces)) {
      for (const info of infos ?? []) {
        // Link-local IPv6 needs a zone id that browsers do not take in URLs.
        if (info.internal || (info.family === 'IPv6' && (listen === '0.0.0.0' || info.address.toLowerCase().startsWith('fe80:')))) continue;
        hosts.push({ host: urlHost(info.address), via: `the network on ${name}` });
      }
    }
    return [...hosts, { host: 'localhost', via: THIS_MACHINE }];
  }
  if (LOOPBACK.has(listen)) {
    const given = { host: urlHost(listen), via: THIS_MACHINE };
    return listen === 'localhost' ? [given] : [given, { host: 'localhost', via: THIS_MACHINE }];
  }
  return [{ host: urlHost(listen), via: 'the address given with --host' }];
}
