/** Pins the public surface of each entry, and that the main entry never loads a database driver. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as postgres from '../src/stores/postgres.js';
import * as sqlite from '../src/stores/sqlite.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, unknown>;
  bin: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional: boolean }>;
};

describe('public surface', () => {
  it('main entry', () => {
    expect(Object.keys(main).sort()).toEqual([
      'AlertError',
      'ApiProblemError',
      'CaseRuleError',
      'ConfigError',
      'MailError',
      'MissingDriverError',
      'ServeError',
      'StoreError',
      'addStaffUser',
      'alertPayload',
      'caseInit',
      'createApiHandler',
      'createApiKey',
      'createHandler',
      'dueAt',
      'emailAlert',
      'followUpEmail',
      'followUpLink',
      'followUpRoutes',
      'isAlertError',
      'isApiProblemError',
      'isCaseRuleError',
      'isConfigError',
      'isMailError',
      'isMissingDriverError',
      'isServeError',
      'isStoreError',
      'listTemplates',
      'loginLink',
      'memoryStore',
      'parseBusinessHours',
      'parseDuration',
      'renderReply',
      'replyMessage',
      'sameSecret',
      'signPayload',
      'smtpMailer',
      'startServer',
      'toNodeListener',
      'verifySignature',
      'webhookAlert',
    ]);
  });

  it('option types users pass are exported (checked by typecheck)', () => {
    const pinned: [main.ConnectionLimits, main.NodeListenerOptions, main.RateLimitPolicy, main.ServerApiOptions, main.LoginRateLimit, main.SessionPolicy] = [
      { perIp: 64 },
      { bodyTimeoutMs: 10_000 },
      { perSurveyTotal: false },
      { publicUrl: 'https://feedback.shop.example', inbox: false },
      { perEmail: false },
      { idleMs: 3_600_000 },
    ];
    expect(pinned).toHaveLength(6);
  });

  it('store subpaths', () => {
    expect(Object.keys(sqlite)).toEqual(['sqliteStore']);
    expect(Object.keys(postgres)).toEqual(['postgresStore']);
  });

  it('package.json exports, bin and optional peers', () => {
    expect(Object.keys(pkg.exports)).toEqual(['.', './sqlite', './postgres', './cli', './package.json']);
    expect(pkg.bin).toEqual({ earful: './dist/cli/main.js' });
    expect(pkg.peerDependenciesMeta).toEqual({ 'better-sqlite3': { optional: true }, pg: { optional: true } });
  });

  it('the main entry statically imports neither better-sqlite3 nor pg', () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const seen = new Set<string>();
    const external = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      // Static value imports and re-exports only (type imports vanish from the build); `await import()`
      // is how startServer loads SQLite and the inbox lazily, and the mailer loads nodemailer.
      for (const match of code.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gm)) {
        const spec = match[1]!;
        if (spec.startsWith('.')) walk(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        else external.add(spec);
      }
    };
    walk(join(src, 'index.ts'));
    expect(seen.size).toBeGreaterThan(10);
    expect([...external].sort()).toEqual([
      '@earful/schema',
      '@earful/schema/lean',
      'node:crypto',
      'node:fs',
      'node:fs/promises',
      'node:http',
      'node:module',
      'node:path',
      'node:stream',
      'node:url',
      'zod/mini', // the OpenAPI document is made from the contract's schemas at run time
    ]);
  });
});
