/**
 * The parts of the widget a build either bundles or loads when needed: the locale and its
 * messages, the SDK client and the reach controller. This file is the ESM library's choice:
 * the locale is resolved per page, other locales, the SDK and reach are dynamic imports (so an
 * app's bundler splits them off), and English fills any gap. The script-tag build swaps this
 * module for `../script/parts.ts`, which bundles ONE locale and the SDK into the chunk (and
 * reach, in the chunks for surveys that open by themselves), so a survey shows after 2 script
 * requests whatever its language or trigger (vite.config.ts).
 */
import { loadMessages, resolveLocale } from '../i18n/index.js';
import { en, type Messages } from '../locales/en.js';

/** The locale to use: the option, else `<html lang>`, else the browser's, else `en`. */
export function pickLocale(requested: string | undefined, doc: Document): string {
  return resolveLocale({ requested, htmlLang: doc.documentElement.lang, navigatorLanguages: doc.defaultView?.navigator.languages });
}

/** Messages for `locale`: English at once, others from their chunk. */
export function localeMessages(locale: string): Messages | Promise<Messages> {
  return locale === 'en' ? en : loadMessages(locale);
}

/** Messages for keys a locale lacks. */
export const fallbackMessages: Messages | undefined = en;

/** The SDK's lean client factory. */
export const loadSdk = () => import('@earful/sdk').then((sdk) => sdk.createLeanClient);

export { loadReach } from './lazy-reach.js';
