/**
 * Used by: the script-tag chunks (`dist/script/earful-ui-<locale>[-auto].js`; vite.config.ts puts
 * this file in place of `./lazy.ts`, which the ESM library uses).
 *
 * One locale and the SDK are bundled in (and reach, see ./bundled-reach.ts), so nothing more is
 * fetched before a survey shows or sends. The loader already chose this chunk by the visitor's
 * locale (the same rule as `resolveLocale`; a test compares the two), so the chunk uses its own.
 * Every locale has every key (test/i18n/locales.test.ts), so no English fallback is bundled.
 */
import { createLeanClient } from '@earful/sdk';
import type { Messages } from '../locales/en.js';
import { locale, messages } from './bundled-locale.js';
import type { LoadSdk, LocaleMessages, PickLocale } from './types.js';

export const pickLocale: PickLocale = () => locale;
export const localeMessages: LocaleMessages = () => messages;
export const fallbackMessages: Messages | undefined = undefined;
export const loadSdk: LoadSdk = () => Promise.resolve(createLeanClient);
export { loadReach } from './bundled-reach.js';
