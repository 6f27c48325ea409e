/** Inputs for `submit()` shared by the SDK's tests. */
import type { SubmitInput } from '../src/index.js';

/** A small valid submit input (the client fills id, createdAt, schemaVersion and locale). */
export function input(overrides: Partial<SubmitInput> = {}): SubmitInput {
  return { surveyId: 'checkout', answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 2 }], ...overrides };
}

/** An input whose JSON body is about `bytes` long (within 20) (ASCII text answers of ≤ 4,000 characters), for bytes ≥ 400. */
export function inputOfSize(bytes: number): SubmitInput {
  // Everything but the answers' text: the filled-in fields and per-answer JSON overhead.
  const fixed = 174;
  const parts = Math.ceil((bytes - fixed) / 4_040);
  const perAnswer = 42; // {"type":"text","questionId":"qN","value":""}, with a comma
  let text = bytes - fixed - parts * perAnswer;
  const answers = Array.from({ length: parts }, (_, i) => {
    const n = Math.min(4_000, Math.ceil(text / (parts - i)));
    text -= n;
    return { type: 'text' as const, questionId: `q${i}`, value: 'x'.repeat(n) };
  });
  return input({ answers });
}
