/**
 * Loads one locale's messages. Each locale is a literal dynamic `import()`, so bundlers emit it as
 * its own chunk and a visitor downloads only theirs; English is bundled and returned at once.
 */
import en, { type Messages } from '../locales/en.js';
import type { SupportedLocale } from './supported-locales.js';

type LocaleModule = { default: Messages };

const LOADERS: Record<Exclude<SupportedLocale, 'en'>, () => Promise<LocaleModule>> = {
  ko: () => import('../locales/ko.js'),
  lv: () => import('../locales/lv.js'),
  te: () => import('../locales/te.js'),
  et: () => import('../locales/et.js'),
  de: () => import('../locales/de.js'),
  fr: () => import('../locales/fr.js'),
  es: () => import('../locales/es.js'),
  pt: () => import('../locales/pt.js'),
  ja: () => import('../locales/ja.js'),
  'zh-Hans': () => import('../locales/zh-Hans.js'),
  ar: () => import('../locales/ar.js'),
  he: () => import('../locales/he.js'),
  ru: () => import('../locales/ru.js'),
  uk: () => import('../locales/uk.js'),
  'zh-Hant': () => import('../locales/zh-Hant.js'),
  hi: () => import('../locales/hi.js'),
  id: () => import('../locales/id.js'),
  vi: () => import('../locales/vi.js'),
  th: () => import('../locales/th.js'),
  tr: () => import('../locales/tr.js'),
  it: () => import('../locales/it.js'),
  nl: () => import('../locales/nl.js'),
  pl: () => import('../locales/pl.js'),
  fa: () => import('../locales/fa.js'),
};

/**
 * The messages of a bundled locale. Resolves to English for `en`, for an unknown locale, and when
 * the chunk fails to load (offline, blocked by a CSP): the widget always has words to show.
 *
 * @example
 * ```ts
 * const locale = resolveLocale({ htmlLang: document.documentElement.lang, navigatorLanguages: navigator.languages });
 * const t = createTranslator({ locale, messages: await loadMessages(locale) });
 * ```
 */
export async function loadMessages(locale: SupportedLocale | string): Promise<Messages> {
  const load = Object.hasOwn(LOADERS, locale) ? LOADERS[locale as keyof typeof LOADERS] : undefined;
  if (!load) return en;
  try {
    return (await load()).default;
  } catch {
    return en;
  }
}
