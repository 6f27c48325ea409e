/**
 * The widget's view of i18n: a `Translate` function and `pickText` for author texts. Both come
 * from the REACH engineer's `src/i18n` (plural rules, number formats, `texts` overrides).
 */
import type { LocalizedText } from '@earful/schema';
import { createTranslator, localizedText, type Translator } from '../i18n/index.js';
import type { Messages } from '../locales/en.js';
import { fallbackMessages } from './parts.js';

/** Translates a message key, filling `{placeholders}` from `vars`. */
export type Translate = Translator;

/** Picks the text for `locale` from an author text (plain, or per locale with fallbacks). */
export function pickText(text: LocalizedText | undefined, locale: string, fallback = 'en'): string {
  return text === undefined ? '' : localizedText(text, locale, fallback);
}

/** A translator over `messages` (English fills gaps where the build has it) and the survey's `texts` overrides. */
export function makeTranslate(locale: string, messages: Partial<Messages>, overrides?: Readonly<Record<string, LocalizedText>>, dev = false): Translate {
  return createTranslator({ locale, messages, fallback: fallbackMessages, overrides, dev });
}
