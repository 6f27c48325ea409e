/**
 * `earful keys`, `earful users` and `earful login-link`: API keys for teams' backends, staff
 * accounts for the inbox, and a one-time sign-in link. They write to the same database the
 * receiver serves from (`--db` or `--postgres`), so a running `earful serve` sees them at once.
 */
import { parseArgs } from 'node:util';
import { addStaffUser, createApiKey, removeStaffUser, revokeApiKey, setStaffPassword, staffEmail } from '../api/auth/accounts.js';
import { loginLink } from '../api/auth/links.js';
import { checkPublicUrl } from '../follow-up/public-url.js';
import type { ResponseStore } from '../store.js';
import { openStore, STORE_OPTIONS } from './open-store.js';
import { readPassword } from './read-password.js';
import { USAGE } from './usage.js';
import { UsageError } from './usage-error.js';

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream; input: NodeJS.ReadableStream & { isTTY?: boolean } };

const OPTIONS = {
  keys: { ...STORE_OPTIONS, name: { type: 'string' }, 'read-only': { type: 'boolean' }, help: { type: 'boolean' } },
  users: { ...STORE_OPTIONS, 'password-stdin': { type: 'boolean' }, help: { type: 'boolean' } },
  'login-link': { ...STORE_OPTIONS, base: { type: 'string' }, help: { type: 'boolean' } },
} as const;

function parse(command: keyof typeof OPTIONS, args: string[]) {
  try {
    const { values, positionals } = parseArgs({ args, options: OPTIONS[command], strict: true, allowPositionals: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new UsageError(`${message} (run "earful ${command} --help" for the options)`);
  }
}

async function withStore<T>(values: Record<string, unknown>, command: string, work: (store: ResponseStore) => Promise<T>): Promise<T> {
  const store = await openStore(values, command);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function one(positionals: string[], what: string, example: string): string {
  if (positionals.length !== 1) throw new UsageError(`give one ${what}, e.g. ${example}`);
  return positionals[0]!;
}

/** `earful keys create --name <name> [--read-only] | list | revoke <name>`. */
export async function keysCommand(args: string[], { out, err }: Io): Promise<number> {
  const { values, positionals } = parse('keys', args);
  if (values.help) return (out.write(`${USAGE.keys}\n`), 0);
  const [action, ...rest] = positionals;
  if (action === 'create') {
    const name = (values.name as string | undefined) ?? rest[0];
    if (name === undefined || rest.length > (values.name === undefined ? 1 : 0)) throw new UsageError('give the key a name: earful keys create --name crm --db ./feedback.db');
    return withStore(values, 'keys', async (store) => {
      const { key } = await createApiKey(store, { name, readOnly: values['read-only'] === true, now: Date.now() });
      out.write(`${key}\n`);
      // To stderr, so `KEY=$(earful keys create …)` captures the key alone.
      err.write(`earful: API key "${name}"${values['read-only'] ? ' (read-only)' : ''} created; it is shown only this once — send it as Authorization: Bearer <key>\n`);
      return 0;
    });
  }
  if (action === 'list') {
    if (rest.length > 0) throw new UsageError('keys list takes no names');
    return withStore(values, 'keys', async (store) => {
      const keys = await store.auth.listTokens('api-key', Date.now());
      if (keys.length === 0) out.write('no API keys; make one with earful keys create --name <name>\n');
      for (const key of keys) out.write(`${key.name ?? key.subject}\t${key.readOnly ? 'read-only' : 'read-write'}\tcreated ${key.createdAt}\n`);
      return 0;
    });
  }
  if (action === 'revoke') {
    const name = (values.name as string | undefined) ?? one(rest, 'key name', 'earful keys revoke crm --db ./feedback.db');
    return withStore(values, 'keys', async (store) => {
      if (!(await revokeApiKey(store, name))) throw new Error(`there is no API key named ${JSON.stringify(name)}; earful keys list shows the names`);
      out.write(`earful: API key "${name}" revoked; requests with it now get 401\n`);
      return 0;
    });
  }
  throw new UsageError(`keys needs create, list or revoke, e.g. earful keys create --name crm --db ./feedback.db`);
}

/** `earful users add <email> [--password-stdin] | set-password <email> | list | remove <email>`. */
export async function usersCommand(args: string[], { out, err, input }: Io): Promise<number> {
  const { values, positionals } = parse('users', args);
  if (values.help) return (out.write(`${USAGE.users}\n`), 0);
  const [action, ...rest] = positionals;
  if (action === 'add') {
    if (rest.length > 1) throw new UsageError('give only the email; the password is read from stdin, never from the command line');
    const email = staffEmailOrUsage(one(rest, 'email', 'earful users add ana@shop.example --db ./feedback.db'));
    return withStore(values, 'users', async (store) => {
      const password = await readPassword(input, err, values['password-stdin'] === true);
      const added = await addStaffUser(store, email, password, Date.now());
      out.write(`earful: added ${added}; they sign in at /inbox with this password\n`);
      return 0;
    });
  }
  if (action === 'set-password') {
    if (rest.length > 1) throw new UsageError('give only the email; the password is read from stdin, never from the command line');
    const email = staffEmailOrUsage(one(rest, 'email', 'earful users set-password ana@shop.example --db ./feedback.db'));
    return withStore(values, 'users', async (store) => {
      if ((await store.auth.getUser(email)) === undefined) throw new Error(`there is no user ${email}; earful users list shows them`);
      const password = await readPassword(input, err, values['password-stdin'] === true);
      if (!(await setStaffPassword(store, email, password))) throw new Error(`there is no user ${email}; earful users list shows them`);
      out.write(`earful: new password for ${email}; their open sessions were ended\n`);
      return 0;
    });
  }
  if (action === 'list') {
    if (rest.length > 0) throw new UsageError('users list takes no emails');
    return withStore(values, 'users', async (store) => {
      const users = await store.auth.listUsers();
      if (users.length === 0) out.write('no users; add one with earful users add <email>\n');
      for (const user of users) out.write(`${user.email}\tadded ${user.createdAt}\n`);
      return 0;
    });
  }
  if (action === 'remove') {
    const email = staffEmailOrUsage(one(rest, 'email', 'earful users remove ana@shop.example --db ./feedback.db'));
    return withStore(values, 'users', async (store) => {
      if (!(await removeStaffUser(store, email))) throw new Error(`there is no user ${email}; earful users list shows them`);
      out.write(`earful: removed ${email} and signed them out everywhere\n`);
      return 0;
    });
  }
  throw new UsageError('users needs add, set-password, list or remove, e.g. earful users add ana@shop.example --db ./feedback.db');
}

function staffEmailOrUsage(email: string): string {
  try {
    return staffEmail(email);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `earful login-link <email> [--base <url>]`: prints a one-time sign-in link (15 minutes). */
export async function loginLinkCommand(args: string[], { out }: Io): Promise<number> {
  const { values, positionals } = parse('login-link', args);
  if (values.help) return (out.write(`${USAGE['login-link']}\n`), 0);
  const email = staffEmailOrUsage(one(positionals, 'email', 'earful login-link ana@shop.example --db ./feedback.db'));
  let base: string;
  try {
    base = checkPublicUrl((values.base as string | undefined) ?? 'http://127.0.0.1:8787', '--base');
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return withStore(values, 'login-link', async (store) => {
    out.write(`${await loginLink(store, email, base, Date.now())}\n`);
    return 0;
  });
}
