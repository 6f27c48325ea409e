/**
 * The languages the inbox speaks, their words (bundled: five small files), and the choice of one
 * for a browser's languages.
 */
import en, { type Messages } from './messages/en.js';
import et from './messages/et.js';
import ko from './messages/ko.js';
import lv from './messages/lv.js';
import te from './messages/te.js';

/** The UI's languages, each with its own name (for the language menu). */
export const UI_LOCALES = { en: 'English', ko: '한국어', lv: 'Latviešu', te: 'తెలుగు', et: 'Eesti' } as const;

/** One of {@link UI_LOCALES}. */
export type UiLocale = keyof typeof UI_LOCALES;

/** The words of each UI language. */
export const UI_MESSAGES: { readonly [L in UiLocale]: Messages } = { en, ko, lv, te, et };

/** True for a key of {@link UI_LOCALES}. */
export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && Object.hasOwn(UI_LOCALES, value);
}

/**
 * The first of `languages` (a browser's `navigator.languages`) the inbox speaks, by language
 * subtag (`ko-KR` → `ko`); English otherwise.
 *
 * @example
 * ```ts
 * pickUiLocale(['lv-LV', 'en']); // 'lv'
 * ```
 */
export function pickUiLocale(languages: readonly string[]): UiLocale {
  for (const tag of languages) {
    const language = tag.split(/[-_]/)[0]!.toLowerCase();
    if (isUiLocale(language)) return language;
  }
  return 'en';
}
