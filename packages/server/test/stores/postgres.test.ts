/**
 * The store suite against a real PostgreSQL started for this file (see support/postgres-harness).
 * Fails — never skips — when PostgreSQL is not installed, with the command that installs it.
 */
import { describe, expect, it } from 'vitest';
import { postgresStore } from '../../src/stores/postgres.js';
import { makeRecord, makeResponse } from '../support/fixtures.js';
import { findPostgresBin, INSTALL_HINT, usePostgres } from '../support/postgres-harness.js';
import { describeCaseStore } from '../support/case-suite.js';
import { describeStore } from '../support/store-suite.js';

const { freshDatabase } = usePostgres('earful_test');

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
