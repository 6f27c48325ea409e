/**
 * An alert whose delivery was cut short by `kill -9` is delivered by the next receiver on the same
 * SQLite file within seconds (the claim is a short lease the dead process stops renewing), and the
 * retry says it is attempt 2. Runs the built `earful serve` in child processes (`pnpm build` first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LEASE_MS } from '../src/internal/alert-dispatcher.js';
import { verifySignature } from '../src/signature.js';
import { makeResponse } from './support/fixtures.js';
import { serveLoopback } from '@earful/devtools/loopback';
import { serveChild, type ServeChild } from './support/serve-child.js';

const SECRET = 'whsec_crash_test_secret';
const dir = mkdtempSync(join(tmpdir(), 'earful-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('alerts across a crash', () => {
  it('a receiver restarted after kill -9 mid-delivery redelivers within seconds, as attempt 2', { timeout: 60_000 }, async () => {
    // The hook holds the first request open (the delivery is in flight when the process dies).
    const held: { id: string; attempt: string; closedAt?: number }[] = [];
    const answered: { id: string; attempt: string; body: string; headers: IncomingHttpHeaders; at: number }[] = [];
    const hook = await serveLoopback((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const entry = { id: String(req.headers['earful-alert-id']), attempt: String(req.headers['earful-attempt']) };
        if (held.length === 0) {
          const hold: (typeof held)[number] = entry;
          held.push(hold);
          res.on('close', () => (hold.closedAt = Date.now()));
          return;
        }
        answered.push({ ...entry, body, headers: req.headers, at: Date.now() });
        res.writeHead(204).end();
      });
    });
    const db = join(dir, 'crash.db');
    const args = ['--db', db, '--webhook', `${hook.url}/earful`];
    let first: ServeChild | undefined;
    let second: ServeChild | undefined;
    try {
      first = await serveChild(args, { EARFUL_WEBHOOK_SECRET: SECRET });
      const complaint = makeResponse({ answers: [{ type: 'rating', questionId: 'q', scale: 'csat5', value: 1 }, { type: 'text', questionId: 't', value: 'Never arrived.' }] });
      const accepted = await fetch(first.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(complaint) });
      expect(accepted.status).toBe(202);
      await vi.waitFor(() => expect(held).toHaveLength(1), { timeout: 10_000, interval: 10 });
      expect(held[0]).toMatchObject({ id: complaint.id, attempt: '1' });
      // Let the dying process renew its lease at least once, as a long delivery would.
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS / 2));

      expect(await first.stop('SIGKILL')).toBe('SIGKILL');
      const killedAt = Date.now();
      second = await serveChild(args, { EARFUL_WEBHOOK_SECRET: SECRET });
      const restartedAt = Date.now();
      // Well under the 60 s lease this replaces; the figure is printed, not asserted.
      await vi.waitFor(() => expect(answered.find((a) => a.id === complaint.id)).toBeDefined(), { timeout: 30_000, interval: 20 });
      const redelivered = answered.find((a) => a.id === complaint.id)!;
      expect(redelivered.attempt).toBe('2');
      expect(verifySignature(SECRET, redelivered.body, redelivered.headers['earful-signature'] as string)).toBe(true);
      expect(answered.filter((a) => a.id === complaint.id)).toHaveLength(1);
      console.log(
        `kill -9 mid-delivery: redelivered ${redelivered.at - killedAt} ms after the kill ` +
          `(${redelivered.at - restartedAt} ms after the new process listened; lease ${LEASE_MS} ms, renewed while delivering)`,
      );
    } finally {
      await first?.stop('SIGKILL');
      await second?.stop();
      await hook.close();
    }
  });
});
