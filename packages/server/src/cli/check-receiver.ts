/**
 * `earful check-receiver <url>`: sends the probes of `check-receiver-checks.ts` to any receiver
 * over HTTP, prints the pass/fail table and exits 1 when a check fails. Every request is bounded
 * in time, every body read in size, and the rate-limit burst in count and time.
 */
import { parseArgs } from 'node:util';
import { newResponseId } from '@earful/schema';
import { BURST_LIMITS, RECEIVER_CHECKS, formatTable, judgeCheck, type CheckContext, type CheckRow, type Observed, type Probe, type ReceiverCheck } from './check-receiver-checks.js';

/** Options of {@link checkReceiver}. */
export interface CheckReceiverOptions {
  /** A browser origin the receiver allows; without it the CORS checks are skipped. */
  readonly origin?: string;
  /** Up to this many requests (at most 1,000, within 10 s) to provoke a 429; without it that check is skipped. */
  readonly burst?: number;
  /** Time limit of one request, in ms. Default 10,000. */
  readonly timeoutMs?: number;
  /** Makes response ids. Default `newResponseId` of `@earful/schema`, the one id maker the SDK uses too. */
  readonly newId?: () => string;
}

/** Bytes of an answer's body kept for judging (messages, the `duplicate` flag); the rest is not read. */
const BODY_KEEP = 4_096;

export const CHECK_RECEIVER_USAGE = `Usage: earful check-receiver <url> [options]

Checks that the receiver at <url> keeps the Earful wire contract (docs/own-receiver.md) and
prints a table with a one-line fix for each failure. It stores a few responses with surveyId
"earful-check-receiver" (rated positive, so no alert fires); run it against a test or staging
receiver, or delete them afterwards. Exits 1 when a check fails.

  --origin <origin>        A browser origin the receiver allows: checks CORS   (default: skip CORS)
  --burst <n>              Send up to n responses (≤ 1000, ≤ 10 s) to check the 429 (default: skip)
  --timeout <ms>           Time limit of each request                           (default 10000)
  --help                   Show this help`;

function causeOf(error: unknown, timeoutMs: number): string {
  if ((error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError') return `nothing within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

async function readSome(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let kept = 0;
  try {
    while (kept < BODY_KEEP) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      kept += value.byteLength;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, BODY_KEEP));
}

/** Sends one probe; a receiver that never answers or streams forever is cut off by the timer. */
async function send(url: string, probe: Probe, timeoutMs: number): Promise<Observed> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  try {
    const response = await fetch(url, { method: probe.method, headers: probe.headers, body: probe.body, redirect: 'manual', signal: controller.signal });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { status: response.status, headers, body: await readSome(response) };
  } catch (error) {
    return { error: causeOf(controller.signal.aborted ? controller.signal.reason : error, timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}

/** A burst: a few requests at a time, stopping at the first answer `stopAt` accepts, the count cap or the time cap. */
async function burst(url: string, check: ReceiverCheck, probes: Probe[], timeoutMs: number): Promise<Observed[]> {
  const observed: Observed[] = [];
  const deadline = Date.now() + BURST_LIMITS.maxMs;
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && next < probes.length && Date.now() < deadline) {
      const probe = probes[next++]!;
      const o = await send(url, probe, Math.max(1, Math.min(timeoutMs, deadline - Date.now())));
      observed.push(o);
      if (check.stopAt!(o)) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: BURST_LIMITS.concurrency }, worker));
  // Judge in the order answers came; the first 429 is the one that counts.
  return observed;
}

/**
 * Runs every check against the receiver at `url`, one after another, and returns the rows of the
 * table. Never throws for what the receiver does: a refused connection is a failed check.
 *
 * @example
 * ```ts
 * const rows = await checkReceiver('http://127.0.0.1:8787/responses', { origin: 'https://shop.example' });
 * const failed = rows.some((row) => row.verdict.outcome === 'fail');
 * ```
 */
export async function checkReceiver(url: string, options: CheckReceiverOptions = {}): Promise<CheckRow[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const context: CheckContext = {
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    ...(options.burst === undefined ? {} : { burst: Math.min(options.burst, BURST_LIMITS.maxRequests) }),
    newId: options.newId ?? newResponseId,
    createdAt: new Date().toISOString(),
  };
  const rows: CheckRow[] = [];
  for (const check of RECEIVER_CHECKS) {
    const title = check.title(context);
    const skip = check.skip?.(context);
    if (skip !== undefined) {
      rows.push({ title, verdict: { outcome: 'skipped', got: '—', fix: skip } });
      continue;
    }
    const probes = check.probes(context);
    let observed: Observed[];
    if (check.stopAt) observed = await burst(url, check, probes, timeoutMs);
    else {
      observed = [];
      for (const probe of probes) observed.push(await send(url, probe, timeoutMs));
    }
    rows.push({ title, verdict: judgeCheck(check, observed, context) });
  }
  return rows;
}

/** Thrown for a mistake on the command line; the CLI prints it and exits 2. */
export class CheckReceiverUsageError extends Error {
  constructor(message: string) {
    super(`${message} (run "earful check-receiver --help" for the options)`);
    this.name = 'CheckReceiverUsageError';
  }
}

function wholeNumber(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new CheckReceiverUsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

function parse(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { origin: { type: 'string' }, burst: { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new CheckReceiverUsageError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true as const };
  if (positionals.length !== 1) throw new CheckReceiverUsageError(`give one receiver URL, e.g. earful check-receiver http://127.0.0.1:8787/responses (got ${positionals.length})`);
  const url = positionals[0]!;
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new CheckReceiverUsageError(`the receiver URL must be an absolute http(s) URL such as http://127.0.0.1:8787/responses, got ${JSON.stringify(url)}`);
  const origin = values.origin;
  if (origin !== undefined) {
    let canonical: string | undefined;
    try {
      canonical = new URL(origin).origin;
    } catch {
      // reported below
    }
    if (canonical !== origin) throw new CheckReceiverUsageError(`--origin must be an origin such as https://shop.example (scheme, host and port only), got ${JSON.stringify(origin)}`);
  }
  return {
    help: false as const,
    url,
    options: {
      ...(origin === undefined ? {} : { origin }),
      ...(values.burst === undefined ? {} : { burst: wholeNumber('burst', values.burst, 1, BURST_LIMITS.maxRequests)! }),
      timeoutMs: wholeNumber('timeout', values.timeout, 1, 600_000) ?? 10_000,
    },
  };
}

/** The command: prints the table to `out`; resolves to 0 when nothing failed, 1 otherwise. */
export async function checkReceiverCommand(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const parsed = parse(args);
  if (parsed.help) return (out.write(`${CHECK_RECEIVER_USAGE}\n`), 0);
  const rows = await checkReceiver(parsed.url, parsed.options);
  out.write(`${formatTable(parsed.url, rows)}\n`);
  return rows.some((row) => row.verdict.outcome === 'fail') ? 1 : 0;
}
