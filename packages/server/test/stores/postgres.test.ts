/**
 * The store suite against a real PostgreSQL started for this file (see support/postgres-harness).
 * Fails — never skips — when PostgreSQL is not installed, with the command that installs it.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStore } from '../../src/stores/postgres.js';
import { makeRecord, makeResponse } from '../support/fixtures.js';
import { findPostgresBin, INSTALL_HINT, startPostgres, type PostgresServer } from '../support/postgres-harness.js';
import { describeCaseStore } from '../support/case-suite.js';
import { describeStore } from '../support/store-suite.js';

let server: PostgresServer;
let admin: pg.Client;
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

async function freshDatabase(): Promise<string> {
  const name = `earful_test_${(n += 1)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  return server.urlFor(name);
}

async function openPostgres() {
  const url = await freshDatabase();
  const store = postgresStore(url);
  return {
    store,
    reopen: async () => {
      await store.close();
      return postgresStore(url);
    },
  };
}

describeStore('postgres', openPostgres);
describeCaseStore('postgres', openPostgres);

describe('postgres store with several receivers', () => {
  it('migrates once and stores one id once when two stores race on one database', async () => {
    const url = await freshDatabase();
    const a = postgresStore(url);
    const b = postgresStore(url);
    try {
      const record = makeRecord(makeResponse());
      const results = await Promise.all([a.putIfAbsent(record, ['hook']), b.putIfAbsent(record, ['hook']), a.putIfAbsent(record, ['hook'])]);
      expect(results.filter((r) => r.inserted)).toHaveLength(1);
      const claims = await Promise.all([
        a.claimAlerts({ now: Date.now(), limit: 10, leaseMs: 60_000 }),
        b.claimAlerts({ now: Date.now(), limit: 10, leaseMs: 60_000 }),
      ]);
      expect(claims.flat()).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('postgres harness', () => {
  it('fails with the install command when PostgreSQL is missing (never a silent skip)', () => {
    expect(() => findPostgresBin('/nonexistent/postgresql', false)).toThrowError(INSTALL_HINT);
    expect(INSTALL_HINT).toContain('apt-get install -y postgresql');
  });
});
