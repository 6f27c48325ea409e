/**
 * `earful erase --db <file> (--email <address> | --user-id <id> | --id <uuid>)`: the GDPR erasure
 * of one customer's responses from the command line — their answers, notes and reply texts go,
 * a tombstone per response stays, so a queued resend is acknowledged and never stored again.
 * Prints how many responses were erased.
 */
import { parseArgs } from 'node:util';
import { actorSchema, caseSchema } from '@earful/schema';
import type { EraseTarget, ResponseStore } from '../store.js';
import { sqliteStore } from '../stores/sqlite.js';

export const ERASE_USAGE = `Usage: earful erase --db <file> (--email <address> | --user-id <id> | --id <uuid>)

Erases a customer's responses for good: their answers, notes and the texts of replies to them.
A tombstone with counts stays for each, so the same response sent again is acknowledged and not
stored. Give exactly one of --email, --user-id and --id.

  --db <file>              Earful database (SQLite)                          (required)
  --email <address>        Every response whose contact email is this (any case)
  --user-id <id>           Every response whose user.id is this
  --id <uuid>              One response
  --actor <actor>          Who asked, for the tombstone: user:<email>        (default system)
  --help                   Show this help`;

/** A mistake in the command line (exit code 2). */
export class EraseUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EraseUsageError';
  }
}

const OPTIONS = {
  db: { type: 'string' },
  email: { type: 'string' },
  'user-id': { type: 'string' },
  id: { type: 'string' },
  actor: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** The one target the options name, or an {@link EraseUsageError} that says what to give. */
export function eraseTarget(values: { email?: string | undefined; 'user-id'?: string | undefined; id?: string | undefined }): EraseTarget {
  const given = (['email', 'user-id', 'id'] as const).filter((name) => values[name] !== undefined);
  if (given.length !== 1) {
    throw new EraseUsageError(`give exactly one of --email, --user-id and --id${given.length > 1 ? ` (got ${given.map((g) => `--${g}`).join(' and ')})` : ''}`);
  }
  const value = values[given[0]!]!.trim();
  if (value === '') throw new EraseUsageError(`--${given[0]} must not be empty`);
  if (values.email !== undefined) {
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) throw new EraseUsageError(`--email must be an email address such as kim@example.kr, got ${JSON.stringify(value)}`);
    return { email: value };
  }
  if (values['user-id'] !== undefined) return { userId: value };
  if (!caseSchema.shape.id.safeParse(value).success) throw new EraseUsageError(`--id must be a response id (a UUID), got ${JSON.stringify(value)}`);
  return { responseId: value };
}

/**
 * Runs `earful erase`; resolves to the exit code. `open` opens the store (default: the SQLite
 * file of `--db`); the CLI passes its own for `--postgres`.
 */
export async function eraseCommand(
  args: string[],
  out: NodeJS.WritableStream,
  open: (values: Record<string, string | boolean | undefined>) => ResponseStore = (values) => {
    if (typeof values.db !== 'string' || values.db === '') throw new EraseUsageError('--db is required, e.g. earful erase --db ./feedback.db --email kim@example.kr');
    return sqliteStore(values.db);
  },
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new EraseUsageError(`${message} (run "earful erase --help" for the options)`);
  }
  if (values.help) return (out.write(`${ERASE_USAGE}\n`), 0);
  const target = eraseTarget(values as Parameters<typeof eraseTarget>[0]);
  const actor = typeof values.actor === 'string' ? values.actor : 'system';
  if (!actorSchema.safeParse(actor).success) throw new EraseUsageError(`--actor must be "system" or "user:<email>", got ${JSON.stringify(actor)}`);
  const store = open(values);
  try {
    const tombstones = await store.erase(target, { actor, at: new Date().toISOString() });
    const answers = tombstones.reduce((n, t) => n + t.counts.answers, 0);
    const notes = tombstones.reduce((n, t) => n + t.counts.notes, 0);
    const replies = tombstones.reduce((n, t) => n + t.counts.replies, 0);
    const noun = tombstones.length === 1 ? 'response' : 'responses';
    out.write(
      tombstones.length === 0
        ? 'earful: erased 0 responses (nothing matched; an id erased before stays erased)\n'
        : `earful: erased ${tombstones.length} ${noun} (${answers} answers, ${notes} notes, ${replies} replies); tombstones keep their ids so they are never stored again\n`,
    );
  } finally {
    await store.close();
  }
  return 0;
}
