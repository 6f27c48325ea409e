/**
 * What stops the visitor from leaving a step: a required answer missing, an invalid email or
 * phone, text over its limit. Returns a message key (the UI translates it), so this stays pure.
 */
import { codePointLength, PHONE_PATTERN as PHONE, RESPONSE_LIMITS, type Question } from '@earful/schema';
import type { Draft } from './drafts.js';
import { OTHER } from './drafts.js';

/** A problem with one step's draft: the message key and, for limits, the count to show. */
export interface StepProblem {
  readonly key: 'error.required' | 'error.email' | 'error.phone' | 'error.contactMissing' | 'error.tooLong';
  readonly field?: 'email' | 'phone' | 'text';
  readonly count?: number;
}

// A simple email shape (the receiver validates every response anyway); phones use the contract's pattern.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The text limit of a question: its `maxLength`, else the wire limit (4,000).
 *
 * @example
 * ```ts
 * textLimit({ id: 'd', type: 'text', prompt: 'Tell us more', maxLength: 500 }); // 500
 * ```
 */
export function textLimit(question: Question): number {
  return question.type === 'text' && question.maxLength ? question.maxLength : RESPONSE_LIMITS.maxTextLength;
}

/**
 * The first problem of `draft` for `question`, or `null` when the step may be left.
 *
 * @example
 * ```ts
 * stepProblem({ id: 'c', type: 'contact', prompt: 'May we?', fields: ['email'] }, { consent: true, email: 'x' });
 * // { key: 'error.email', field: 'email' }
 * ```
 */
export function stepProblem(question: Question, draft: Draft | undefined): StepProblem | null {
  const d = draft ?? {};
  const text = d.text ?? '';
  const max = textLimit(question);
  // The "other" text of a choice counts against the wire limit, like a text answer.
  const tooLong: StepProblem | null = codePointLength(text) > max ? { key: 'error.tooLong', field: 'text', count: max } : null;
  switch (question.type) {
    case 'rating':
      return question.required && d.rating === undefined ? { key: 'error.required' } : null;
    case 'text':
      return question.required && text.trim() === '' ? { key: 'error.required' } : tooLong;
    case 'choice': {
      const chosen = d.choices ?? [];
      if (question.required && chosen.length === 0) return { key: 'error.required' };
      return chosen.includes(OTHER) ? tooLong : null;
    }
    case 'contact': {
      if (!d.consent) return question.required ? { key: 'error.required' } : null;
      const email = (d.email ?? '').trim();
      const phone = (d.phone ?? '').trim();
      if (email && (!EMAIL.test(email) || email.length > RESPONSE_LIMITS.maxEmailLength)) return { key: 'error.email', field: 'email' };
      if (phone && !PHONE.test(phone)) return { key: 'error.phone', field: 'phone' };
      return email || phone ? null : { key: 'error.contactMissing', field: question.fields.includes('email') ? 'email' : 'phone' };
    }
  }
}
