/**
 * The complaint preset: what works with unhappy customers. Rating first; when it is negative,
 * ask what went wrong (reasons + details) and whether we may contact them to put it right; when
 * it is positive, an optional "What did you like?". The texts come from the message catalogue,
 * so they follow the visitor's language and the survey's `texts` overrides.
 */
import type { Survey } from '@earful/schema';
import type { MessageKey } from '../locales/en.js';

/** Looks up a message by key (a translator, or `(key) => en[key]`). */
export type TextLookup = (key: MessageKey) => string;

const REASONS = ['late', 'damaged', 'price', 'website', 'service'] as const;

/**
 * The complaint survey, with texts from `t`.
 *
 * @example
 * ```ts
 * const survey = complaintSurvey((key) => translate(key));
 * mountWidget({ endpoint: 'https://example.com/feedback', survey });
 * ```
 */
export function complaintSurvey(t: TextLookup, id = 'complaint'): Survey {
  return {
    id,
    title: t('complaint.title'),
    questions: [
      { id: 'rating', type: 'rating', scale: 'csat5', prompt: t('complaint.rating'), required: true },
      {
        id: 'reasons',
        type: 'choice',
        multiple: true,
        prompt: t('complaint.whatWentWrong'),
        options: REASONS.map((r) => ({ id: r, label: t(`complaint.reason.${r}`) })),
        other: { label: t('complaint.reason.other') },
        showIf: { question: 'rating', sentiment: ['negative'] },
      },
      {
        id: 'details',
        type: 'text',
        multiline: true,
        maxLength: 2000,
        prompt: t('complaint.details'),
        placeholder: t('complaint.detailsPlaceholder'),
        showIf: { question: 'rating', sentiment: ['negative', 'neutral'] },
      },
      {
        id: 'contact',
        type: 'contact',
        prompt: t('complaint.contact'),
        fields: ['email', 'phone'],
        showIf: { question: 'rating', sentiment: ['negative'] },
      },
      {
        id: 'liked',
        type: 'text',
        multiline: true,
        maxLength: 2000,
        prompt: t('complaint.liked'),
        showIf: { question: 'rating', sentiment: ['positive'] },
      },
    ],
  };
}

/**
 * Names of the built-in presets, for `data-survey="complaint"`.
 *
 * @example
 * ```ts
 * PRESET_NAMES.includes('complaint'); // true
 * ```
 */
export const PRESET_NAMES = ['complaint'] as const;

/** One of {@link PRESET_NAMES}. */
export type PresetName = (typeof PRESET_NAMES)[number];
