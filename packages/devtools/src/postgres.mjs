// Starts a throw-away PostgreSQL server from Debian's binaries for tests and benchmarks: a temp
// data directory, a free loopback port, trust auth, stopped and deleted afterwards. initdb refuses
// to run as root, so as root the binaries run as the `postgres` user on a directory it owns.
// Without PostgreSQL installed this throws INSTALL_HINT (callers fail; they never skip silently).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INSTALL_HINT =
  'PostgreSQL is not installed: the @earful/server PostgreSQL tests and benchmarks need its server binaries (pg_ctl, initdb). ' +
  'Install them with `sudo apt-get install -y postgresql` (Debian/Ubuntu; .ci/run does this), or put a directory with pg_ctl on PATH.';

export function findPostgresBin(root = '/usr/lib/postgresql', searchPath = true) {
  const fromPath = searchPath ? spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim() : '';
  if (fromPath && existsSync(join(fromPath, '..', 'initdb'))) return join(fromPath, '..');
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0] === undefined) throw new Error(INSTALL_HINT);
  return join(root, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** @param {{ settings?: readonly string[] }} [options] extra `-c name=value` server settings */
export async function startPostgres(options = {}) {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'earful-pg-'));
  const data = join(dir, 'data');
  const run = (tool, args) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    try {
      execFileSync(command, argv, { stdio: 'pipe', cwd: dir, timeout: 60_000 });
    } catch (error) {
      const stderr = error?.stderr?.toString() ?? '';
      throw new Error(`${tool} ${args.join(' ')} failed: ${stderr || String(error)}`);
    }
  };
  if (asRoot) {
    const uid = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(dir, Number(uid), Number(gid));
  }
  const port = await freePort();
  const extra = (options.settings ?? []).map((s) => ` -c ${s}`).join('');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', [
    '-D', data, '-l', join(dir, 'log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off${extra}`,
    'start',
  ]);
  const urlFor = (database) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    urlFor,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
