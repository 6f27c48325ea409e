/**
 * The store entries load their driver when a store is made, never at import: importing
 * `@earful/server/sqlite` or `/postgres` (and so the CLI) works without the optional peer, and a
 * missing one becomes a `MissingDriverError`. The absent-driver case itself runs from the packed
 * tarball in a project without the driver: tests/install-paths.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MissingDriverError, isMissingDriverError } from '../../src/errors.js';
import { requireDriver } from '../../src/stores/shared/require-driver.js';

describe('requireDriver', () => {
  it('the store modules import their driver only as a type', () => {
    for (const [file, driver] of [['shared/sqlite-driver.ts', 'better-sqlite3'], ['postgres.ts', 'pg']] as const) {
      const code = readFileSync(new URL(`../../src/stores/${file}`, import.meta.url), 'utf8');
      const imports = [...code.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gm)].filter((m) => m[2] === driver);
      expect(imports.length, file).toBe(1);
      expect(imports[0]![1], `${file} must not load ${driver} at import`).toBe('type ');
    }
  });

  it('returns the installed driver, with a working native part', () => {
    const Database = requireDriver<typeof import('better-sqlite3')>('better-sqlite3', 'the SQLite store');
    const db = new Database(':memory:');
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
    expect(typeof requireDriver<typeof import('pg')>('pg', 'the PostgreSQL store').Pool).toBe('function');
  });

  it('MissingDriverError has a code and a guard that matches copies by name', () => {
    const error = new MissingDriverError('the SQLite store needs better-sqlite3 — run: npm install better-sqlite3', { driver: 'better-sqlite3' });
    expect(error.code).toBe('missing_driver');
    expect(error.driver).toBe('better-sqlite3');
    expect(isMissingDriverError(error)).toBe(true);
    expect(isMissingDriverError(Object.assign(new Error('x'), { name: 'MissingDriverError', code: 'missing_driver' }))).toBe(true);
    expect(isMissingDriverError(new Error('x'))).toBe(false);
  });
});
