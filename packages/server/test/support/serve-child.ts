/**
 * `earful serve` from the built bin in a child process, for tests that must kill a real
 * receiver (SIGKILL included) or read what it prints at start. Needs `pnpm build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface ServeChild {
  readonly child: ChildProcess;
  /** The receiver's URL, as the child printed it. */
  readonly endpoint: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code or signal once the child has exited. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** Sends `signal` and waits for the exit (at most 10 s). */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
}

/** Starts `earful serve --port 0 ...args` (on the Node.js `node`) and resolves once it listens (at most 20 s). */
export function serveChild(args: readonly string[], env: Record<string, string | undefined> = {}, node = process.execPath): Promise<ServeChild> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm --filter @earful/server build\` before the tests`);
  const child = spawn(node, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const result = await Promise.race([exited, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 10_000)))]);
    clearTimeout(timer);
    if (result === 'timeout') {
      child.kill('SIGKILL');
      return exited;
    }
    return result;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`earful serve did not start within 20 s; stderr: ${err}`));
    }, 20_000);
    const onData = () => {
      const match = /receiving responses at (\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ child, endpoint: match[1]!, stdout: () => out, stderr: () => err, exited, stop });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`earful serve exited (${String(code)}) before listening; stderr: ${err}`));
    });
  });
}
