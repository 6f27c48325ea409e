/**
 * The complaint preset: what works with unhappy customers. Rating first; when it is negative,
 * ask what went wrong (reasons), what would put it right (a remedy), details, and whether we may
 * contact them; when it is positive, an optional "What did you like?". The texts come from the
 * message catalogue, so they follow the visitor's language and the survey's `texts` overrides.
 */
import type { Survey } from '@earful/schema';
import type { MessageKey } from '../locales/en.js';

/** Looks up a message by key (a translator, or `(key) => en[key]`). */
export type TextLookup = (key: MessageKey) => string;

const REASONS = ['late', 'damaged', 'price', 'website', 'service'] as const;
/** Option ids of "What would put it right?" (the inbox reads them from the choice answer). */
const REMEDIES = ['refund', 'replacement', 'apology', 'callback'] as const;

/** Options of {@link complaintSurvey}. */
export interface ComplaintOptions {
  /** The survey id (default `complaint`). */
  id?: string;
  /** Ask "What would put it right?" after "What went wrong?" (default true). */
  remedy?: boolean;
}

/**
 * The complaint survey, with texts from `t`. Its `texts` carry the apology of the thank-you
 * screen: a survey of your own apologises only if you write one (`complaint.sorryBody`).
 *
 * @example
 * ```ts
 * const survey = complaintSurvey((key) => en[key] as string, { remedy: false });
 * mountWidget({ endpoint: 'https://example.com/feedback', survey });
 * ```
 */
export function complaintSurvey(t: TextLookup, { id = 'complaint', remedy = true }: ComplaintOptions = {}): Survey {
  const negative = { question: 'rating', sentiment: ['negative' as const] };
  return {
    id,
    title: t('complaint.title'),
    texts: { 'complaint.sorryTitle': t('complaint.sorryTitle'), 'complaint.sorryBody': t('complaint.sorryBody'), 'complaint.thanksBody': t('complaint.thanksBody') },
    questions: [
      { id: 'rating', type: 'rating', scale: 'csat5', prompt: t('complaint.rating'), required: true },
      {
        id: 'reasons',
        type: 'choice',
        multiple: true,
        prompt: t('complaint.whatWentWrong'),
        options: REASONS.map((r) => ({ id: r, label: t(`complaint.reason.${r}`) })),
        other: { label: t('complaint.reason.other') },
        showIf: negative,
      },
      ...(remedy
        ? [
            {
              id: 'remedy',
              type: 'choice' as const,
              multiple: true,
              prompt: t('complaint.remedy'),
              options: REMEDIES.map((r) => ({ id: r, label: t(`complaint.remedy.${r}`) })),
              other: { label: t('complaint.remedy.other') },
              showIf: negative,
            },
          ]
        : []),
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
        showIf: negative,
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
