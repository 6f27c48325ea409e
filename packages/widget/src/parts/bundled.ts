/**
 * The script-tag chunk's parts (it stands in for `../internal/parts.ts` in that build; see
 * vite.config.ts): one locale and the SDK are bundled in (and reach, see ./bundled-reach.ts), so
 * nothing more is fetched before a survey shows or sends. The loader already chose this chunk by
 * the visitor's locale (the same rule as `resolveLocale`; a test compares the two), so the chunk
 * uses its own.
 * Every locale has every key (test/i18n/locales.test.ts), so no English fallback is bundled.
 */
import { createLeanClient } from '@earful/sdk';
import type * as Lazy from '../internal/parts.js';
import { locale, messages } from './bundled-locale.js';

export const pickLocale: typeof Lazy.pickLocale = () => locale;
export const localeMessages: typeof Lazy.localeMessages = () => messages;
export const fallbackMessages: typeof Lazy.fallbackMessages = undefined;
export const loadSdk: typeof Lazy.loadSdk = () => Promise.resolve(createLeanClient);
export { loadReach } from './bundled-reach.js';
