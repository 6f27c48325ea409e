/**
 * The one fake SDK client of the widget tests: records what the widget submits, answers with the
 * outcome the test sets, and tells the widget's `on('delivered')` listeners when the test says a
 * response went out (as the real client does after a later 2xx).
 */
import type { Delivery, SubmitInput, SubmitResult } from '@earful/sdk';

export type Outcome = 'delivered' | 'queued' | 'reject' | 'hang';

export function fakeClient(initial: Outcome = 'delivered') {
  const calls: SubmitInput[] = [];
  const listeners = new Set<(state: Delivery) => void>();
  let outcome = initial;
  let release: (() => void) | undefined;
  return {
    calls,
    set(next: Outcome) {
      outcome = next;
    },
    /** Lets a submit made under 'hang' finish. */
    release: () => release?.(),
    /** Announces that the response `id` was delivered. The widget reads only the id. */
    deliver(id: string) {
      for (const listener of listeners) listener({ id, attempts: 1, response: { id } as Delivery['response'] });
    },
    async submit(input: SubmitInput): Promise<SubmitResult> {
      calls.push(structuredClone(input));
      const id = input.id ?? 'x';
      if (outcome === 'hang') await new Promise<void>((r) => (release = r));
      if (outcome === 'reject') throw Object.assign(new Error('HTTP 400'), { name: 'HttpError', code: 'http', status: 400 });
      return { id, status: outcome === 'queued' ? 'queued' : 'delivered' };
    },
    on(_event: 'delivered', listener: (state: Delivery) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
