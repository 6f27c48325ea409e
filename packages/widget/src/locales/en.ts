/**
 * English UI strings: the single source of message keys. Every other locale file is typed as
 * {@link Messages}, so a key added here is a type error there until translated. Placeholders are `{name}`; plural messages pick a form by `vars.count`.
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
const en = {
  // Buttons
  'launcher.open': 'Feedback',
  'close': 'Close',
  'next': 'Next',
  'back': 'Back',
  'submit': 'Send',
  'retry': 'Try again',
  'progress': 'Step {current} of {total}',
  // The heading of a survey whose author gave it no `title`
  'survey.title': 'Tell us what you think',

  // Rating scales: one label per value, or the two ends. A button's accessible name joins what
  // it shows (a number, a colour's name) with what it means, so voice users can say either.
  'scale.optionName': '{value}, {label}',
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
  'scale.nps.value': '{count} out of {max}',
  'scale.nps.low': 'Not at all likely',
  'scale.nps.high': 'Extremely likely',
  // Thermometer: the colour's short name is shown on a ~60 px button; the description is read with it.
  'scale.thermometer4.1': 'Red',
  'scale.thermometer4.1.description': 'Unhappy',
  'scale.thermometer4.2': 'Amber',
  'scale.thermometer4.2.description': 'Could be better',
  'scale.thermometer4.3': 'Green',
  'scale.thermometer4.3.description': 'Happy',
  'scale.thermometer4.4': 'Gold',
  'scale.thermometer4.4.description': 'Delighted',
  'scale.thumbs.0': 'Thumbs down',
  'scale.thumbs.1': 'Thumbs up',
  'scale.ces7.value': '{count} out of {max}',
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
  // The end of an author's own survey: promises nothing (the complaint preset has its own words)
  'thanks.body': 'Your answers help us improve.',

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
  'complaint.remedy': 'What would put it right?',
  'complaint.remedy.refund': 'A refund',
  'complaint.remedy.replacement': 'A replacement',
  'complaint.remedy.apology': 'An apology',
  'complaint.remedy.callback': 'A call back',
  'complaint.remedy.other': 'Something else',
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

export default en;

/** Every message key. */
export type MessageKey = keyof typeof en;

/** A full set of messages for one locale. */
export type Messages = { [K in keyof typeof en]: MessageValue };
