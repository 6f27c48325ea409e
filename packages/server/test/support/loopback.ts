/** Loopback HTTP helpers for tests: a server on port 0 and raw requests that may never finish. */
import { createServer, type RequestListener, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export async function listen(listener: RequestListener): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes `head` then up to `maxChunks` chunks of `chunk` until the server answers; returns the raw answer. */
export function rawRequest(url: string, head: string, chunk: string, maxChunks: number): Promise<{ answer: string; chunksSent: number }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ answer, chunksSent: sent });
    };
    socket.on('data', (d) => {
      answer += d.toString();
      if (answer.includes('\r\n\r\n')) setTimeout(finish, 50);
    });
    socket.on('error', () => finish());
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(head);
      const pump = () => {
        if (done || sent >= maxChunks) return;
        sent += 1;
        socket.write(chunk, () => setImmediate(pump));
      };
      pump();
    });
    setTimeout(() => (done ? undefined : reject(new Error('no answer within 10 s'))), 10_000).unref();
  });
}
