/**
 * Reads a password for `earful users add`: never from the command line (it would stay in the
 * shell history and in `ps`). From a terminal it asks twice without echo; from a pipe
 * (`--password-stdin`, or any non-terminal stdin) it reads the first line.
 */
import { createInterface } from 'node:readline';

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

function firstLine(input: Input): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.includes('\n') || text.length > 4096) done();
    };
    const done = () => {
      input.off('data', onData);
      input.off('end', done);
      input.off('error', reject);
      input.pause();
      resolve(text.split(/\r?\n/, 1)[0]!);
    };
    input.on('data', onData);
    input.once('end', done);
    input.once('error', reject);
    input.resume();
  });
}

function askHidden(input: Input, err: NodeJS.WritableStream, prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output: err, terminal: true });
    // Echo nothing of what is typed; the prompt itself is written once.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    err.write(prompt);
    rl.question('', (answer) => {
      rl.close();
      err.write('\n');
      resolve(answer);
    });
  });
}

/** The password: from a terminal asked twice (they must match), else the first line of stdin. */
export async function readPassword(input: Input, err: NodeJS.WritableStream, fromStdin: boolean): Promise<string> {
  if (fromStdin || !input.isTTY) return firstLine(input);
  const first = await askHidden(input, err, 'Password (at least 12 characters): ');
  const again = await askHidden(input, err, 'The same password again: ');
  if (first !== again) throw new Error('the two passwords differ; run the command again');
  return first;
}
