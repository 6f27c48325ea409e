/** A mistake in the command line: the CLI prints its message and exits 2 (not 1, which is for failures). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
