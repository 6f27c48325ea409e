/**
 * i18n: which locale a visitor gets, its messages (one chunk per locale), and the translator.
 * The widget's `src/index.ts` re-exports what it makes public from here.
 */
export { SUPPORTED_LOCALES, isRtl, isSupportedLocale, type SupportedLocale } from './supported-locales.js';
export { matchLocale, resolveLocale, type LocaleSources } from './resolve-locale.js';
export { loadMessages } from './load-messages.js';
export { createTranslator, type MessageVars, type Translator, type TranslatorOptions } from './translator.js';
export { localizedText } from './localized-text.js';
