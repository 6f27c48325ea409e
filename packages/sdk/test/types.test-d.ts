/** Type-level promises of the public API. */
import { expectTypeOf, it } from 'vitest';
import type { EarfulClient, SubmitInput, SubmitResult } from '../src/index.js';

it('submit takes a response without the filled-in fields', () => {
  expectTypeOf<{ surveyId: string; answers: [{ type: 'text'; questionId: string; value: string }] }>().toExtend<SubmitInput>();
  expectTypeOf<EarfulClient['submit']>().returns.resolves.toEqualTypeOf<SubmitResult>();
  expectTypeOf<SubmitResult['status']>().toEqualTypeOf<'delivered' | 'queued'>();
  // @ts-expect-error answers are required
  const missing: SubmitInput = { surveyId: 's' };
  void missing;
});
