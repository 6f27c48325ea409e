/**
 * What one client can hold of `startServer`, over real loopback sockets from distinct source
 * addresses (on Linux all of 127/8 is loopback): a per-IP connection cap, header and body
 * deadlines, and closing instead of draining after 413/429. Every loop is bounded in count and time.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../src/stores/memory.js';
import { startServer, type RunningServer } from '../src/start-server.js';
import { makeResponse } from './support/fixtures.js';

let running: RunningServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await running?.close();
  running = undefined;
});

interface Held {
  socket: Socket;
  /** Everything the server wrote. */
  answer(): string;
  /** Resolves with ms since connect once the server closed the connection. */
  closed: Promise<number>;
}

/** Connects from `localAddress` and writes `head`; the caller decides what (if anything) follows. */
function open(port: number, localAddress: string, head: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    sockets.push(socket);
    let answer = '';
    let started = 0;
    const closed = new Promise<number>((done) => {
      socket.on('close', () => done(Date.now() - started));
      socket.on('end', () => done(Date.now() - started));
    });
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('error', () => {});
    socket.once('connect', () => {
      started = Date.now();
      socket.write(head);
      resolve({ socket, answer: () => answer, closed });
    });
    socket.once('error', reject);
  });
}

/** Resolves once the server's whole answer (head and `content-length` body) arrived, or after `ms`. */
async function answered(held: Held, ms: number): Promise<string> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const text = held.answer();
    const split = text.indexOf('\r\n\r\n');
    const length = /content-length: (\d+)/i.exec(text)?.[1];
    if (split !== -1 && length !== undefined && Buffer.byteLength(text.slice(split + 4)) >= Number(length)) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
  return held.answer();
}

/** Resolves true when `held` closes within `ms`, false otherwise. */
const closesWithin = (held: Held, ms: number) =>
  Promise.race([held.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

/** Writes `chunk` every `everyMs` (at most `max` times) until `held` closes or `ms` pass; true if it closed. */
async function trickleUntilClosed(held: Held, chunk: string, everyMs: number, max: number, ms: number): Promise<boolean> {
  let sent = 0;
  const timer = setInterval(() => (sent < max && !held.socket.destroyed ? (sent++, held.socket.write(chunk)) : undefined), everyMs);
  try {
    return await closesWithin(held, ms);
  } finally {
    clearInterval(timer);
  }
}

const postHead = (length: number) => `POST /responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('one client cannot take the server', () => {
  it('caps slow-header connections per IP, and another client is still served', async () => {
    running = await startServer({ store: memoryStore(), port: 0, onError: () => {} });
    const { port } = running;
    // 127.0.0.2 opens 80 connections and sends half a request head on each, then nothing.
    const attempts = 80;
    const held = await Promise.all(Array.from({ length: attempts }, () => open(port, '127.0.0.2', 'POST /responses HTTP/1.1\r\nHost: x\r\n')));
    const refused = await Promise.all(held.map((h) => closesWithin(h, 500)));
    const open127002 = refused.filter((closed) => !closed).length;
    console.log(`connections held by 127.0.0.2: ${open127002} of ${attempts} attempts (default per-IP cap)`);
    expect(open127002).toBe(64);

    // Meanwhile another client's POST is accepted.
    const body = JSON.stringify(makeResponse());
    const other = await open(port, '127.0.0.3', `${postHead(Buffer.byteLength(body))}${body}`);
    expect(await answered(other, 2000)).toMatch(/^HTTP\/1\.1 202/);
    // The attacker's held connections are still open: the cap, not a timeout, protected the other client.
    expect(held.filter((h) => !h.socket.destroyed && h.socket.readyState === 'open').length).toBe(64);
  });

  it('closes a connection that does not finish its headers within headersTimeoutMs, or sends nothing', async () => {
    running = await startServer({ store: memoryStore(), port: 0, onError: () => {}, connections: { headersTimeoutMs: 1000 } });
    const slow = await open(running.port, '127.0.0.2', 'POST /responses HTTP/1.1\r\nHost: x\r\n');
    const silent = await open(running.port, '127.0.0.2', '');
    expect(await Promise.all([closesWithin(slow, 4000), closesWithin(silent, 4000)])).toEqual([true, true]);
  });

  it('closes connections past connections.max, whoever opens them', async () => {
    running = await startServer({ store: memoryStore(), port: 0, onError: () => {}, connections: { max: 10 } });
    const held = await Promise.all(Array.from({ length: 14 }, (_, i) => open(running!.port, `127.0.1.${i + 1}`, 'POST /responses HTTP/1.1\r\n')));
    const closed = await Promise.all(held.map((h) => closesWithin(h, 500)));
    expect(closed.filter((c) => !c).length).toBe(10);
  });

  it('answers 408 and closes when a body trickles in slower than bodyTimeoutMs', async () => {
    running = await startServer({ store: memoryStore(), port: 0, onError: () => {}, connections: { bodyTimeoutMs: 1000 } });
    const slow = await open(running.port, '127.0.0.2', postHead(5000));
    // One byte every 100 ms, never finishing within the test (at most 50 bytes).
    expect(await trickleUntilClosed(slow, '{', 100, 50, 4000)).toBe(true);
    expect(slow.answer()).toMatch(/^HTTP\/1\.1 408/);
    expect(slow.answer().toLowerCase()).toContain('connection: close');
  });

  it('closes the connection after a 429 instead of draining the body', async () => {
    running = await startServer({ store: memoryStore(), port: 0, onError: () => {}, rateLimit: { perIp: { capacity: 1, refillPerSecond: 0.01 } } });
    const body = JSON.stringify(makeResponse());
    const first = await open(running.port, '127.0.0.2', `${postHead(Buffer.byteLength(body))}${body}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(first.answer()).toMatch(/^HTTP\/1\.1 202/);
    // Same IP, a slow 5,000-byte body: the 429 comes before the body, and the socket must end.
    const slow = await open(running.port, '127.0.0.2', postHead(5000));
    expect(await trickleUntilClosed(slow, '{', 100, 40, 3000)).toBe(true);
    expect(slow.answer()).toMatch(/^HTTP\/1\.1 429/);
    expect(slow.answer().toLowerCase()).toContain('connection: close');
  });

  it('closes the connection after a 413 for a declared oversize body', async () => {
    running = await startServer({ store: memoryStore(), port: 0, onError: () => {} });
    const big = await open(running.port, '127.0.0.2', postHead(1_000_000));
    expect(await trickleUntilClosed(big, 'x'.repeat(1024), 50, 40, 3000)).toBe(true);
    expect(big.answer()).toMatch(/^HTTP\/1\.1 413/);
    expect(big.answer().toLowerCase()).toContain('connection: close');
  });

  it('refuses connection limits that are not positive integers', async () => {
    await expect(startServer({ store: memoryStore(), port: 0, connections: { perIp: 0 } })).rejects.toThrowError(/perIp/);
    await expect(startServer({ store: memoryStore(), port: 0, connections: { headersTimeoutMs: -1 } })).rejects.toThrowError(/headersTimeoutMs/);
  });
});
