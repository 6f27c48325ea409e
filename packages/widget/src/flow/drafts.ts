/**
 * What the visitor has entered so far, per question id, before it becomes wire answers. Kept as
 * plain data so the flow functions stay pure and the UI can keep typed text across retries.
 */

/** A draft for one question. Every field is optional: the visitor may not have touched it yet. */
export interface Draft {
  /** Rating value. */
  rating?: number;
  /** Free text (text question), or the "other" text of a choice question. */
  text?: string;
  /** Chosen option ids (choice question). `'__other'` marks the "other" option. */
  choices?: readonly string[];
  /** Contact fields. */
  email?: string;
  phone?: string;
  name?: string;
  /** Contact consent: nothing from the contact question is sent without it. */
  consent?: boolean;
}

/** Drafts by question id. */
export type Drafts = Readonly<Record<string, Draft>>;

/**
 * The option id the UI uses for a choice question's "other" (never sent: see `buildAnswers`).
 *
 * @example
 * ```ts
 * buildAnswers(survey, { reasons: { choices: [OTHER], text: 'Rude driver' } });
 * ```
 */
export const OTHER = '__other';
