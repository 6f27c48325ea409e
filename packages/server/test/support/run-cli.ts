/** Runs the `earful` CLI in-process and captures what it prints, for the CLI tests. */
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/run.js';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** `earful <argv…>`: its exit code and everything it wrote to stdout and stderr. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(argv, out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}

/** `earful <argv…>` with `stdin` as its standard input (a pipe, not a terminal). */
export async function runCliWithInput(stdin: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(argv, out.stream, err.stream, Readable.from([stdin]));
  return { code, out: out.text(), err: err.text() };
}
