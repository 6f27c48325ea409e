/**
 * Packs every published package with `pnpm pack` (which turns `workspace:` ranges into real
 * versions, as publishing does) and measures each tarball as a user sees it: gzip bytes on the
 * wire and the unpacked size of its files.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const WORKSPACE = new URL('../../../../', import.meta.url).pathname;

export interface Packed {
  readonly name: string;
  readonly tarball: string;
  readonly gzipBytes: number;
  readonly unpackedBytes: number;
  readonly files: readonly string[];
  readonly manifest: { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
}

/** Every non-private package under packages/. */
export function publishedPackages(): { name: string; dir: string }[] {
  const root = join(WORKSPACE, 'packages');
  return readdirSync(root)
    .map((dir) => join(root, dir))
    .filter((dir) => statSync(join(dir, 'package.json'), { throwIfNoEntry: false }))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; private?: boolean } }))
    .filter(({ pkg }) => pkg.private !== true)
    .map(({ dir, pkg }) => ({ name: pkg.name, dir }));
}

export function packAll(destination: string): Map<string, Packed> {
  const packed = new Map<string, Packed>();
  for (const { name, dir } of publishedPackages()) {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const tarball = out.trim().split('\n').filter((l) => l.endsWith('.tgz')).pop();
    if (tarball === undefined) throw new Error(`pnpm pack printed no tarball for ${name}:\n${out}`);
    const path = tarball.startsWith('/') ? tarball : join(destination, tarball);
    // `tar -tvzf` lists sizes in its third column; entries are package/<file>.
    const listing = execFileSync('tar', ['-tvzf', path], { encoding: 'utf8' }).trim().split('\n');
    let unpacked = 0;
    const files: string[] = [];
    for (const line of listing) {
      const parts = line.trim().split(/\s+/);
      unpacked += Number(parts[2]);
      files.push(parts.slice(5).join(' ').replace(/^package\//, ''));
    }
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', path, 'package/package.json'], { encoding: 'utf8' })) as Packed['manifest'];
    packed.set(name, { name, tarball: path, gzipBytes: statSync(path).size, unpackedBytes: unpacked, files, manifest });
  }
  return packed;
}
