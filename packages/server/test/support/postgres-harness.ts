/**
 * The throw-away PostgreSQL server of the store tests: the one starter in `@earful/devtools`
 * (temp data directory, free loopback port, trust auth, fsync off; as root the binaries run as
 * the `postgres` user), shared with the read benchmark so both start it one way. Without
 * PostgreSQL installed it throws INSTALL_HINT: the tests fail, they never skip silently.
 */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type PostgresServer } from '@earful/devtools/postgres';

export { findPostgresBin, INSTALL_HINT, startPostgres, type PostgresServer } from '@earful/devtools/postgres';

/** A server for the test file that calls it (started before its tests, stopped after them). */
export interface TestPostgres {
  /** A client of the `postgres` database, as superuser. */
  admin(): pg.Client;
  server(): PostgresServer;
  /**
   * A new empty database's URL. `ctype` `'C'` (the server's default) makes pg_trgm ignore every
   * non-ASCII letter; `'C.utf8'` indexes every script.
   */
  freshDatabase(ctype?: 'C' | 'C.utf8'): Promise<string>;
}

export function usePostgres(prefix: string): TestPostgres {
  let server: PostgresServer | undefined;
  let admin: pg.Client | undefined;
  let n = 0;
  beforeAll(async () => {
    server = await startPostgres();
    admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });
  return {
    admin: () => admin!,
    server: () => server!,
    async freshDatabase(ctype) {
      const name = `${prefix}_${(n += 1)}`;
      await admin!.query(`CREATE DATABASE ${name}${ctype ? ` TEMPLATE template0 LC_COLLATE '${ctype}' LC_CTYPE '${ctype}'` : ''}`);
      return server!.urlFor(name);
    },
  };
}
