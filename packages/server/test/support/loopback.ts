/** A raw loopback request that may never finish, for the server's slow-client tests (servers: `serveLoopback` from @earful/devtools). */
import { connect } from 'node:net';

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
