/**
 * The `earful` CLI: `serve`, `export`, `stats`, `keys`, `users`, `login-link`, `erase`,
 * `check-receiver`. Every failure is one line on stderr that says what to do, and a non-zero exit
 * (2 for usage mistakes, 1 for everything else).
 */
import { parseArgs } from 'node:util';
import { isEarfulError } from '@earful/schema';
import { webhookAlert } from '../alerts/webhook-alert.js';
import type { Alert } from '../alerts/alert.js';
import { setupLinkIfNeeded } from '../api/auth/links.js';
import { startServer } from '../start-server.js';
import type { ResponseStore } from '../store.js';
import { sqliteStore } from '../stores/sqlite.js';
import { keysCommand, loginLinkCommand, usersCommand } from './auth-commands.js';
import { CheckReceiverUsageError, checkReceiverCommand } from './check-receiver.js';
import { CSV_HEADER, csvLine, csvRow } from './csv.js';
import { EraseUsageError, eraseCommand } from './erase-command.js';
import { openStore, STORE_OPTIONS, storeTarget } from './open-store.js';
import { apiOf, reachableUrl, SERVE_API_OPTIONS, slaOf } from './serve-options.js';
import { USAGE } from './usage.js';
import { UsageError } from './usage-error.js';

export const UNSIGNED_WARNING =
  'earful: warning: EARFUL_WEBHOOK_SECRET is not set, so alerts go out unsigned and the hook cannot tell them from forgeries; set it to a long random value and check Earful-Signature in the hook';

const COMMON = { db: { type: 'string' }, help: { type: 'boolean' }, since: { type: 'string' }, survey: { type: 'string', multiple: true } } as const;
const OPTIONS = {
  serve: {
    ...COMMON,
    ...STORE_OPTIONS,
    ...SERVE_API_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string' },
    origin: { type: 'string', multiple: true },
    path: { type: 'string' },
    webhook: { type: 'string' },
    'webhook-format': { type: 'string' },
    'no-rate-limit': { type: 'boolean' },
  },
  export: { ...COMMON, format: { type: 'string' } },
  stats: { ...COMMON, json: { type: 'boolean' } },
} as const;

type Command = keyof typeof OPTIONS;

function parse<C extends Command>(command: C, args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS[command], strict: true, allowPositionals: false }).values as Record<string, string | string[] | boolean | undefined>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(error);
    throw new UsageError(`${message} (run "earful ${command} --help" for the options)`);
  }
}

function requireDb(values: Record<string, unknown>, command: Command): string {
  const db = values.db;
  if (typeof db !== 'string' || db === '') throw new UsageError(`--db is required, e.g. earful ${command} --db ./feedback.db`);
  return db;
}

function single(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) {
    if (v.length > 1) throw new UsageError(`--${name} may be given once, got ${v.length} values`);
    return v[0] as string | undefined;
  }
  return v as string | undefined;
}

function sinceOf(values: Record<string, unknown>): string | undefined {
  const since = values.since as string | undefined;
  if (since !== undefined && !Number.isFinite(Date.parse(since))) {
    throw new UsageError(`--since must be an ISO-8601 date such as 2026-11-01 or 2026-11-01T09:00:00Z, got ${JSON.stringify(since)}`);
  }
  return since;
}

async function serve(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const values = parse('serve', args);
  if (values.help) return (out.write(`${USAGE.serve}\n`), 0);
  const target = storeTarget(values, 'serve');
  const portText = (values.port as string | undefined) ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got ${JSON.stringify(portText)}`);
  const origins = (values.origin as string[] | undefined) ?? [];
  const format = (values['webhook-format'] as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'slack') throw new UsageError(`--webhook-format must be json or slack, got ${JSON.stringify(format)}`);
  const api = apiOf(values);
  const sla = slaOf(values);
  const alerts: Alert[] = [];
  const webhook = values.webhook as string | undefined;
  if (webhook !== undefined) {
    const secret = process.env.EARFUL_WEBHOOK_SECRET;
    alerts.push(webhookAlert({ url: webhook, format, ...(secret ? { secret } : {}) }));
    // Warn rather than refuse: Slack's incoming webhooks cannot verify a signature anyway.
    if (!secret) err.write(`${UNSIGNED_WARNING}\n`);
  }
  const surveys = values.survey as string[] | undefined;
  // PostgreSQL is opened here (startServer opens SQLite files itself) and closed after the server.
  const given = 'postgres' in target ? await openStore(values, 'serve') : undefined;
  try {
    const server = await startServer({
      ...(given ? { store: given } : { db: (target as { db: string }).db }),
      port,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      origins: origins.length === 0 || origins.includes('*') ? '*' : origins,
      ...(values.path === undefined ? {} : { path: values.path as string }),
      ...(surveys ? { surveys } : {}),
      ...(values['no-rate-limit'] ? { rateLimit: false as const } : {}),
      ...(sla ? { sla } : {}),
      alerts,
      api,
    });
    // Listen for the stop signals before saying we are ready: a supervisor may send one at once.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    const where = 'db' in target ? `database ${target.db}` : 'PostgreSQL';
    out.write(`earful: receiving responses at ${server.endpoint} (${where}); Ctrl+C stops\n`);
    if (origins.length === 0) out.write('earful: any website may send responses here; pass --origin https://your.site to allow only yours\n');
    if (api !== false) {
      const base = api.publicUrl ?? reachableUrl(server.url);
      out.write(`earful: inbox at ${base}/inbox/ and the API at ${base}/api (sign-in or an API key needed)\n`);
      const setup = await setupLinkIfNeeded(server.store, base, Date.now());
      // The token rides in the fragment: browsers never send it, so no log keeps it after use.
      if (setup !== undefined) out.write(`earful: no accounts yet — open this one-time link to create the first (valid 24 h): ${setup}\n`);
    }
    await stopped;
    await server.close();
  } finally {
    await given?.close();
  }
  return 0;
}

// Reading never migrates, switches the journal or writes: a wrong --db must stay as it was.
function openForReading(db: string): ResponseStore {
  return sqliteStore(db, { readOnly: true, busyTimeoutMs: 1000 });
}

async function exportCommand(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const values = parse('export', args);
  if (values.help) return (out.write(`${USAGE.export}\n`), 0);
  const db = requireDb(values, 'export');
  const format = (values.format as string | undefined) ?? 'csv';
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format must be csv or jsonl, got ${JSON.stringify(format)}`);
  const since = sinceOf(values);
  const surveyId = single(values, 'survey');
  const store = openForReading(db);
  try {
    if (format === 'csv') out.write(`${csvLine(CSV_HEADER)}\n`);
    let cursor: string | undefined;
    for (let page = 0; page < 1_000_000; page += 1) {
      const result = await store.list({ limit: 1000, ...(since ? { since } : {}), ...(surveyId ? { surveyId } : {}), ...(cursor ? { cursor } : {}) });
      for (const record of result.items) out.write(format === 'csv' ? `${csvRow(record)}\n` : `${JSON.stringify(record)}\n`);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
  } finally {
    await store.close();
  }
  return 0;
}

async function stats(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const values = parse('stats', args);
  if (values.help) return (out.write(`${USAGE.stats}\n`), 0);
  const db = requireDb(values, 'stats');
  const since = sinceOf(values);
  const surveyId = single(values, 'survey');
  const store = openForReading(db);
  try {
    const s = await store.summary({ ...(since ? { since } : {}), ...(surveyId ? { surveyId } : {}) });
    if (values.json) {
      out.write(`${JSON.stringify(s, null, 2)}\n`);
      return 0;
    }
    const pct = (n: number | null) => (n === null ? 'n/a' : `${n}%`);
    const lines = [
      `responses  ${s.total}  (negative ${s.bySentiment.negative}, neutral ${s.bySentiment.neutral}, positive ${s.bySentiment.positive}, no rating ${s.bySentiment.none})`,
      `CSAT       ${pct(s.csat.percent)} satisfied of ${s.csat.answers} csat5 answers`,
      `NPS        ${s.nps.score ?? 'n/a'}  (promoters ${s.nps.promoters}, passives ${s.nps.passives}, detractors ${s.nps.detractors})`,
      `thermometer gold ${s.thermometer.gold}, green ${s.thermometer.green}, amber ${s.thermometer.amber}, red ${s.thermometer.red}`,
      `top reasons ${s.topReasons.length === 0 ? 'none' : s.topReasons.map((r) => `${r.value} (${r.count})`).join(', ')}`,
    ];
    out.write(`${lines.join('\n')}\n`);
  } finally {
    await store.close();
  }
  return 0;
}

/** `earful erase`, with `--postgres <url>` as the alternative to `--db`. */
async function eraseWithStore(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const at = args.indexOf('--postgres');
  if (at === -1) return eraseCommand(args, out);
  const url = args[at + 1];
  if (url === undefined || url.startsWith('--')) throw new UsageError('--postgres needs a URL, e.g. --postgres postgres://user@localhost/earful');
  const { postgresStore } = await import('../stores/postgres.js');
  return eraseCommand([...args.slice(0, at), ...args.slice(at + 2)], out, () => postgresStore(url));
}

/** Runs the CLI with `argv` (without `node` and the script); resolves to the exit code. */
export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out.write(`${USAGE.main}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'serve') return await serve(rest, out, err);
    if (command === 'export') return await exportCommand(rest, out);
    if (command === 'stats') return await stats(rest, out);
    if (command === 'keys') return await keysCommand(rest, { out, err, input });
    if (command === 'users') return await usersCommand(rest, { out, err, input });
    if (command === 'login-link') return await loginLinkCommand(rest, { out, err, input });
    if (command === 'erase') return await eraseWithStore(rest, out);
    if (command === 'check-receiver') return await checkReceiverCommand(rest, out);
    throw new UsageError(`unknown command ${JSON.stringify(command)}; use serve, export, stats, keys, users, login-link, erase or check-receiver (earful --help lists them)`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CheckReceiverUsageError || error instanceof EraseUsageError) {
      err.write(`earful: ${error.message}\n`);
      return 2;
    }
    err.write(`earful: ${isEarfulError(error) ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

