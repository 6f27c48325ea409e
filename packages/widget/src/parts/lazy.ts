/**
 * Used by: the ESM library (`dist/index.js`, built by tsc). The script-tag chunks use
 * `./bundled.ts` instead (vite.config.ts puts it in place of this file).
 *
 * The locale is resolved per page; other locales, the SDK and reach are dynamic imports (so an
 * app's bundler splits them off), and English fills any gap.
 */
import { loadMessages, resolveLocale } from '../i18n/index.js';
import en, { type Messages } from '../locales/en.js';
import type { LoadSdk, LocaleMessages, PickLocale } from './types.js';

/** The locale to use: the option, else `<html lang>`, else the browser's, else `en`. */
export const pickLocale: PickLocale = (requested, doc) =>
  resolveLocale({ requested, htmlLang: doc.documentElement.lang, navigatorLanguages: doc.defaultView?.navigator.languages });

/** Messages for `locale`: English at once, others from their chunk. */
export const localeMessages: LocaleMessages = (locale) => (locale === 'en' ? en : loadMessages(locale));

/** Messages for keys a locale lacks. */
export const fallbackMessages: Messages | undefined = en;

/** The SDK's lean client factory. */
export const loadSdk: LoadSdk = () => import('@earful/sdk').then((sdk) => sdk.createLeanClient);

export { loadReach } from './lazy-reach.js';
