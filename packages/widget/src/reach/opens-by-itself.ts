/**
 * Whether a survey opens by itself: it has a trigger other than `manual`, or targeting rules.
 * Such a survey needs the reach controller (`mountWidget` starts it); the script-tag loader
 * picks the chunk with reach inside (`-auto`) for it and fetches that chunk when the browser is
 * idle, while any other launcher survey waits for the visitor's intent. The loader repeats this
 * rule in fewer bytes; test/loader.test.ts holds the two to the same answers.
 */
import type { Survey } from '@earful/schema';

/**
 * True when the survey may open without the visitor asking: a `trigger` that is not `manual`,
 * or `targeting`.
 *
 * @example
 * ```ts
 * opensByItself({ trigger: { type: 'delay', ms: 5000 } }); // true
 * opensByItself({ trigger: { type: 'manual' } });          // false
 * opensByItself({});                                       // false: launcher or Earful('open') only
 * ```
 */
export function opensByItself(survey: Pick<Survey, 'trigger' | 'targeting'>): boolean {
  return survey.targeting !== undefined || (survey.trigger !== undefined && survey.trigger.type !== 'manual');
}
