/**
 * The widget's locale plumbing in one place: which locale, which direction, which messages.
 * English is bundled (synchronous); other locales are chunks loaded by `src/i18n`.
 */
import { isRtl, loadMessages, resolveLocale } from '../i18n/index.js';
import { en, type Messages } from '../locales/en.js';

/** The bundled locale to use: the option, else `<html lang>`, else the browser's, else `en`. */
export function pickLocale(requested: string | undefined, doc: Document): string {
  return resolveLocale({ requested, htmlLang: doc.documentElement.lang, navigatorLanguages: doc.defaultView?.navigator.languages });
}

/** True for right-to-left locales. */
export const isRtlLocale: (locale: string) => boolean = isRtl;

/** Messages for `locale`: English at once, others from their chunk. */
export function loadLocaleMessages(locale: string): Messages | Promise<Messages> {
  return locale === 'en' ? en : loadMessages(locale);
}
