/**
 * English UI strings: the single source of message keys. Every other locale file (owned by the
 * REACH engineer) is typed as {@link Messages}, so a key added here is a type error there until
 * translated. Placeholders are `{name}`; plural messages pick a form by `vars.count`.
 * Survey authors override any key through the survey's `texts` record (same keys).
 */

/** A plural message: forms by `Intl.PluralRules` category; `other` is required. */
export type PluralMessage = { one?: string; other: string; zero?: string; two?: string; few?: string; many?: string };

/** One message: a string with `{placeholders}`, or plural forms. */
export type MessageValue = string | PluralMessage;

/**
 * The English messages.
 *
 * @example
 * ```ts
 * en['state.queued']; // "Saved — we'll send it when you're back online"
 * ```
 */
export const en = {
  // Buttons
  'launcher.open': 'Feedback',
  'close': 'Close',
  'next': 'Next',
  'back': 'Back',
  'submit': 'Send',
  'retry': 'Try again',
  'progress': 'Step {current} of {total}',
  'dialog.label': 'Feedback',

  // Rating scales: one label per value, or the two ends
  'scale.csat5.1': 'Very unsatisfied',
  'scale.csat5.2': 'Unsatisfied',
  'scale.csat5.3': 'Neutral',
  'scale.csat5.4': 'Satisfied',
  'scale.csat5.5': 'Very satisfied',
  'scale.emoji5.1': 'Very unhappy',
  'scale.emoji5.2': 'Unhappy',
  'scale.emoji5.3': 'Neutral',
  'scale.emoji5.4': 'Happy',
  'scale.emoji5.5': 'Very happy',
  'scale.stars5.value': { one: '{count} star', other: '{count} stars' },
  'scale.nps.value': '{count} out of 10',
  'scale.nps.low': 'Not at all likely',
  'scale.nps.high': 'Extremely likely',
  'scale.thermometer4.1': 'Red: unhappy',
  'scale.thermometer4.2': 'Amber: could be better',
  'scale.thermometer4.3': 'Green: happy',
  'scale.thermometer4.4': 'Gold: delighted',
  'scale.thumbs.0': 'Thumbs down',
  'scale.thumbs.1': 'Thumbs up',
  'scale.ces7.value': '{count} out of 7',
  'scale.ces7.low': 'Very difficult',
  'scale.ces7.high': 'Very easy',

  // Choice and contact
  'choice.other': 'Other',
  'choice.otherDetails': 'Please describe',
  'contact.email': 'Email',
  'contact.phone': 'Phone',
  'contact.name': 'Name',
  'contact.consent': 'Yes, you may contact me about this feedback',
  'contact.consentHint': 'We only keep your details if you tick this box.',

  // Delivery states
  'state.sending': 'Sending…',
  'state.delivered': 'Thank you',
  'state.queued': "Saved — we'll send it when you're back online",
  'state.failed': "We couldn't send your feedback. Your answers are still here.",

  // The complaint preset
  'complaint.title': 'How did we do?',
  'complaint.rating': 'How satisfied are you with your experience today?',
  'complaint.whatWentWrong': 'What went wrong?',
  'complaint.reason.late': 'Late delivery',
  'complaint.reason.damaged': 'Damaged or wrong item',
  'complaint.reason.price': 'Price',
  'complaint.reason.website': 'Problem with the website',
  'complaint.reason.service': 'Customer service',
  'complaint.reason.other': 'Something else',
  'complaint.details': 'Tell us more',
  'complaint.detailsPlaceholder': 'What happened? The more we know, the faster we can fix it.',
  'complaint.contact': 'May we contact you to put it right?',
  'complaint.sorryTitle': "We're sorry we let you down",
  'complaint.sorryBody': "Here's what happens next: a person on our team reads every complaint. If you left your details, we'll contact you to put it right.",
  'complaint.liked': 'What did you like?',
  'complaint.thanksBody': "We're glad it went well. Your feedback helps us keep it that way.",

  // Validation and counts
  'error.required': 'Please answer this question.',
  'error.email': 'Please enter a valid email address, such as name@example.com.',
  'error.phone': 'Please enter a valid phone number.',
  'error.contactMissing': 'Please enter an email address or a phone number.',
  'error.tooLong': { one: 'Please shorten this to {count} character.', other: 'Please shorten this to {count} characters.' },
  'count.characters': '{count} of {max} characters',
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;

/** A full set of messages for one locale. */
export type Messages = { [K in keyof typeof en]: MessageValue };
