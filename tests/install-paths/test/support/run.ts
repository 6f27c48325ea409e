/**
 * Runs a command the way a user's shell would: in a throw-away project, with none of the
 * workspace leaking in — no `npm_config_*` that `pnpm test` sets, no workspace `.bin` on PATH,
 * no NODE_PATH — and a time limit that kills the whole process group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { delimiter } from 'node:path';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** The environment of a fresh terminal on this machine: PATH without any node_modules/.bin. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$|VITEST|TEST$|NODE_ENV$)/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '').split(delimiter).filter((p) => !p.includes('node_modules')).join(delimiter);
  // npm's and pnpm's chatter would bury the one line a test looks for.
  env.NO_UPDATE_NOTIFIER = '1';
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return { ...env, ...extra };
}

/** Runs `command` through `sh -c` in `cwd`; rejects only when it outlives `timeoutMs`. */
export function sh(command: string, cwd: string, options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunResult> {
  const started = Date.now();
  const child = spawn('sh', ['-c', command], { cwd, env: userEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const limit = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`\`${command}\` in ${cwd} ran over ${limit} ms\n${stdout}\n${stderr}`));
    }, limit);
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr, ms: Date.now() - started })));
  });
}

/** Like {@link sh}, but a non-zero exit is an error that shows the output. */
export async function mustRun(command: string, cwd: string, options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunResult> {
  const result = await sh(command, cwd, options);
  if (result.code !== 0) throw new Error(`\`${command}\` in ${cwd} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  return result;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts a long-running command (a server) and resolves with the first match of `ready` in its
 * stdout; `stop()` sends SIGINT to its process group and waits (then SIGKILL after 5 s).
 */
export function startLong(
  command: string,
  cwd: string,
  ready: RegExp,
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<{ match: RegExpExecArray; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn('sh', ['-c', `exec ${command}`], { cwd, env: userEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const stop = async () => {
    killGroup(child, 'SIGINT');
    const timer = setTimeout(() => killGroup(child), 5000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`\`${command}\` printed nothing matching ${ready} within ${options.timeoutMs ?? 30_000} ms\n${out}\n${err}`));
    }, options.timeoutMs ?? 30_000);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ match, output: () => out + err, stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`\`${command}\` exited ${code} before it was ready\n${out}\n${err}`));
    });
  });
}
