/**
 * Picks the bundled locale for a visitor. Candidates, in order: the explicit `locale` option,
 * `<html lang>`, then each of `navigator.languages`; the first one that maps to a bundled
 * locale wins, else `en`. Mapping is by language, and for Chinese by script: `zh-Hans`, `zh-CN`,
 * `zh-SG`, `zh-MY` and plain `zh` → `zh-Hans`; Traditional Chinese (`zh-Hant`, `zh-TW`, `zh-HK`,
 * `zh-MO`) is not bundled, so it falls through to the next candidate. Regions otherwise do not
 * matter (`pt-BR`, `pt-PT` → `pt`; `de-AT` → `de`); `iw` is read as `he`. Languages without a
 * bundle (`nb`, `it`, …) fall through.
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

const HANT_REGIONS = new Set(['TW', 'HK', 'MO']);

/**
 * The bundled locale a tag maps to, or `null`.
 *
 * @example
 * ```ts
 * matchLocale('pt-BR');   // 'pt'
 * matchLocale('zh-TW');   // null
 * ```
 */
export function matchLocale(tag: string): SupportedLocale | null {
  const parts = tag.trim().replace(/_/g, '-').split('-').filter(Boolean);
  let language = parts[0]?.toLowerCase() ?? '';
  if (language === 'iw') language = 'he';
  if (language === 'zh') {
    let script: string | undefined;
    let region: string | undefined;
    for (const part of parts.slice(1)) {
      if (part.length === 4 && /^[a-z]+$/i.test(part)) script ??= part.toLowerCase();
      else if (/^(?:[a-z]{2}|\d{3})$/i.test(part)) region ??= part.toUpperCase();
    }
    if (script === 'hans') return 'zh-Hans';
    if (script !== undefined) return null;
    return region !== undefined && HANT_REGIONS.has(region) ? null : 'zh-Hans';
  }
  return isSupportedLocale(language) ? language : null;
}

/**
 * Resolves the locale to use from the explicit option, `<html lang>` and `navigator.languages`.
 *
 * @example
 * ```ts
 * resolveLocale({ requested: undefined, htmlLang: document.documentElement.lang, navigatorLanguages: navigator.languages });
 * resolveLocale({ navigatorLanguages: ['zh-SG', 'en'] }); // 'zh-Hans'
 * ```
 */
export function resolveLocale(sources: LocaleSources = {}): SupportedLocale {
  const candidates = [sources.requested, sources.htmlLang, ...(sources.navigatorLanguages ?? [])];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 35) continue;
    const match = matchLocale(candidate);
    if (match) return match;
  }
  return 'en';
}
