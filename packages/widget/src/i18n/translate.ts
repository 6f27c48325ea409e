/**
 * The widget's view of i18n: `pickText` for author texts and `makeTranslate` for the UI's words,
 * over the plural rules, number formats and `texts` overrides of ./translator.ts. English fills
 * gaps where the build carries it (`fallbackMessages` of src/parts/). Not re-exported from
 * ./index.ts: src/parts/lazy.ts imports that index, and this file imports the parts.
 */
import type { LocalizedText } from '@earful/schema';
import type { Messages } from '../locales/en.js';
import { fallbackMessages } from '../parts/lazy.js';
import { localizedText } from './localized-text.js';
import { createTranslator, type Translator } from './translator.js';

/** Picks the text for `locale` from an author text (plain, or per locale with fallbacks). */
export function pickText(text: LocalizedText | undefined, locale: string, fallback = 'en'): string {
  return text === undefined ? '' : localizedText(text, locale, fallback);
}

/** A translator over `messages` (English fills gaps where the build has it) and the survey's `texts` overrides. */
export function makeTranslate(locale: string, messages: Partial<Messages>, overrides?: Readonly<Record<string, LocalizedText>>, dev = false): Translator {
  return createTranslator({ locale, messages, fallback: fallbackMessages, overrides, dev });
}
