/**
 * The locales the widget ships its own words in, and which of them are written right to left.
 */

/** Every bundled locale; `en` is always available without a download. */
export const SUPPORTED_LOCALES = [
  'en', 'ko', 'lv', 'te', 'et', 'de', 'fr', 'es', 'pt', 'ja', 'zh-Hans', 'ar', 'he', 'ru', 'uk',
  'zh-Hant', 'hi', 'id', 'vi', 'th', 'tr', 'it', 'nl', 'pl', 'fa',
] as const;

/** One of {@link SUPPORTED_LOCALES}. */
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

// Languages written right to left (by primary language subtag), bundled or not, so author texts
// in, say, Persian still get the right direction.
const RTL_LANGUAGES = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/**
 * True for locales written right to left (`ar`, `he`, `fa`, and other RTL languages by their
 * language subtag, e.g. `ar-EG`, `ur`).
 *
 * @example
 * ```ts
 * host.dir = isRtl(locale) ? 'rtl' : 'ltr';
 * ```
 */
export function isRtl(locale: string): boolean {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return RTL_LANGUAGES.has(language);
}

/**
 * True when `value` is one of {@link SUPPORTED_LOCALES} exactly.
 *
 * @example
 * ```ts
 * isSupportedLocale('zh-Hans'); // true
 * isSupportedLocale('zh');      // false — use resolveLocale
 * ```
 */
export function isSupportedLocale(value: string): value is SupportedLocale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
