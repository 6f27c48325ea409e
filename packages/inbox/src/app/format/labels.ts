/**
 * The message key of each status, remedy and sentiment. Typed as records over the contract's
 * unions, so a status added to `@earful/schema` is a type error here until it has words (the
 * schema's runtime lists would bring zod into the bundle; these keys do not).
 */
import type { CaseStatus, Remedy, Sentiment } from '@earful/schema';
import type { MessageKey } from '../i18n/messages/en.js';

export const STATUS_KEYS: { readonly [S in CaseStatus]: MessageKey } = {
  new: 'status.new',
  acknowledged: 'status.acknowledged',
  resolving: 'status.resolving',
  resolved: 'status.resolved',
  spam: 'status.spam',
};

export const REMEDY_KEYS: { readonly [R in Remedy]: MessageKey } = {
  apology: 'remedy.apology',
  refund: 'remedy.refund',
  discount: 'remedy.discount',
  credit: 'remedy.credit',
  replacement: 'remedy.replacement',
  fix: 'remedy.fix',
  other: 'remedy.other',
};

export const SENTIMENT_KEYS: { readonly [S in Sentiment | 'none']: MessageKey } = {
  negative: 'sentiment.negative',
  neutral: 'sentiment.neutral',
  positive: 'sentiment.positive',
  none: 'sentiment.none',
};

/** Keys of a record, typed (for the records above). */
export const keysOf = <K extends string>(record: { readonly [P in K]: unknown }): K[] => Object.keys(record) as K[];
