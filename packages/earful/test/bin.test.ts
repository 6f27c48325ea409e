/**
 * The `earful` bin runs @earful/server's CLI through its `./cli` export: help, then a real
 * serve → POST → stats round trip on a temp SQLite file. (Installing it from its tarball on a
 * clean project is tests/install-paths' job.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/earful.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'earful-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('earful bin', () => {
  it('prints the CLI help', () => {
    const result = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', timeout: 10_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: earful <command>/);
    expect(result.stdout).toContain('serve');
  });

  it('serves into an SQLite file, and stats reads it back', async () => {
    const db = join(dir, 'feedback.db');
    const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no endpoint printed within 10 s: ${out}`)), 10_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /receiving responses at (\S+)/.exec(out);
          if (match) (clearTimeout(timer), resolve(match[1]!));
        });
        child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`earful serve exited ${code}: ${out}`))));
      });
      const body = {
        schemaVersion: 1,
        id: randomUUID(),
        surveyId: 'checkout',
        createdAt: new Date().toISOString(),
        locale: 'en',
        answers: [{ type: 'rating', questionId: 'rating', scale: 'csat5', value: 1 }],
      };
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(202);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    const stats = spawnSync(process.execPath, [BIN, 'stats', '--db', db, '--json'], { encoding: 'utf8', timeout: 10_000 });
    expect(stats.stderr).toBe('');
    expect(JSON.parse(stats.stdout)).toMatchObject({ total: 1, bySentiment: { negative: 1 } });
  });
});
