/**
 * Short facts of a case the queue and the case view both show: the first written answer, the
 * order id, who an actor is.
 */
import type { SurveyResponse } from '@earful/schema';

/** The first free-text answer (or a choice's "other" text), or `''`. */
export function firstText(response: SurveyResponse): string {
  for (const answer of response.answers) {
    if (answer.type === 'text' && answer.value.trim() !== '') return answer.value;
    if (answer.type === 'choice' && answer.other) return answer.other;
  }
  return '';
}

/** The order id the site passed in `metadata` (`orderId`, `order_id` or `order`), or `undefined`. */
export function orderIdOf(response: SurveyResponse): string | undefined {
  const meta = response.metadata ?? {};
  for (const key of ['orderId', 'order_id', 'order']) {
    const value = (meta as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The consented contact answer, if the customer left one. */
export function contactOf(response: SurveyResponse) {
  const answer = response.answers.find((a) => a.type === 'contact');
  return answer?.type === 'contact' ? answer : undefined;
}
