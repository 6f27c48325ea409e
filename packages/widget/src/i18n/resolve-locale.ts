/**
 * Picks the bundled locale for a visitor. Candidates, in order: the explicit `locale` option,
 * `<html lang>`, then each of `navigator.languages`; the first one that maps to a bundled
 * locale wins, else `en`. Mapping is by language (the first subtag, case-insensitive, `-` or
 * `_` as separator), so regions do not matter (`pt-BR`, `pt-PT` → `pt`; `de-AT` → `de`).
 * Chinese is the one language with two bundles: a tag naming Traditional Chinese — `Hant`, `TW`,
 * `HK` or `MO` — and not `Hans` maps to `zh-Hant` (`zh-TW`, `zh-Hant-CN`), every other Chinese
 * tag to `zh-Hans` (`zh`, `zh-CN`, `zh-SG`, `zh-Hans-HK`). Languages without a bundle (`nb`,
 * `sv`, …) fall through to the next candidate.
 *
 * The script-tag loader (src/loader/earful.ts) applies this same rule in a few bytes to pick
 * its chunk; test/i18n/loader-locale.test.ts holds the two to the same answers.
 */
import { isSupportedLocale, type SupportedLocale } from './supported-locales.js';

/** Where a locale can come from. */
export interface LocaleSources {
  /** The widget's `locale` option or `data-locale` attribute. */
  requested?: string | null | undefined;
  /** `document.documentElement.lang`. */
  htmlLang?: string | null | undefined;
  /** `navigator.languages`. */
  navigatorLanguages?: readonly string[] | null | undefined;
}

/** A Chinese tag (lower case, ending in a separator) that names Traditional and not Simplified. */
const TRADITIONAL = /^(?!.*[-_]hans[-_]).*[-_](hant|tw|hk|mo)[-_]/;

/**
 * The bundled locale a tag maps to, or `null`.
 *
 * @example
 * ```ts
 * matchLocale('pt-BR');   // 'pt'
 * matchLocale('zh-TW');   // 'zh-Hant'
 * matchLocale('sv');      // null
 * ```
 */
export function matchLocale(tag: string): SupportedLocale | null {
  const text = `${tag.toLowerCase()}-`;
  const language = text.split(/[-_]/)[0]!;
  if (language === 'zh') return TRADITIONAL.test(text) ? 'zh-Hant' : 'zh-Hans';
  return isSupportedLocale(language) ? language : null;
}

/**
 * Resolves the locale to use from the explicit option, `<html lang>` and `navigator.languages`.
 *
 * @example
 * ```ts
 * resolveLocale({ requested: undefined, htmlLang: document.documentElement.lang, navigatorLanguages: navigator.languages });
 * resolveLocale({ navigatorLanguages: ['zh-SG', 'en'] }); // 'zh-Hans'
 * resolveLocale({ navigatorLanguages: ['zh-HK', 'en'] }); // 'zh-Hant'
 * ```
 */
export function resolveLocale(sources: LocaleSources = {}): SupportedLocale {
  const candidates = [sources.requested, sources.htmlLang, ...(sources.navigatorLanguages ?? [])];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const match = matchLocale(candidate);
    if (match) return match;
  }
  return 'en';
}
