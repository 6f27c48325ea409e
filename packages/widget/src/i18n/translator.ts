/**
 * The translator the widget renders every one of its own words with: survey overrides first,
 * then the locale's messages, then the fallback messages (English, where the build has them). Plural forms come from `Intl.PluralRules` on
 * `vars.count`; numbers in placeholders are formatted with `Intl.NumberFormat` of the locale.
 */
import type { LocalizedText } from '@earful/schema';
import type { MessageKey, MessageValue, Messages } from '../locales/en.js';
import { localizedText } from './localized-text.js';

/** Values for `{placeholders}`; numbers are formatted for the locale. */
export type MessageVars = Readonly<Record<string, string | number>>;

/** Renders one message. */
export type Translator = (key: MessageKey, vars?: MessageVars) => string;

/** Options of {@link createTranslator}. */
export interface TranslatorOptions {
  /** The visitor's locale (a bundled one, or any BCP-47 tag). */
  locale: string;
  /** That locale's messages (from `loadMessages`); missing keys come from `fallback`. */
  messages: Partial<Messages>;
  /**
   * Messages for the keys `messages` lacks: English (`en`) in the ESM build. A script-tag chunk
   * carries one complete locale and passes none (a test checks every locale has every key).
   */
  fallback?: Messages | undefined;
  /** The survey's `texts`: a replacement per key, optionally per locale. */
  overrides?: Readonly<Record<string, LocalizedText>> | undefined;
  /** Which entry of a per-locale override to use when the visitor's is missing (default `en`; pass the survey's `locale`). */
  fallbackLocale?: string | undefined;
  /** Warn once per key (naming it) when a key falls back to English or does not exist. */
  dev?: boolean | undefined;
  /** Where dev warnings go (default `console.warn`). */
  warn?: ((message: string) => void) | undefined;
}

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

// The first `Intl.PluralRules` / `Intl.NumberFormat` of a page costs tens of milliseconds (ICU
// data), so they are made on first use, not when the widget mounts on an idle page.
function formatter(locale: string) {
  let rules: Intl.PluralRules | undefined;
  let numbers: Intl.NumberFormat | undefined;
  return (value: MessageValue, vars: MessageVars | undefined): string => {
    let text: string;
    if (typeof value === 'string') text = value;
    else {
      const count = Number(vars?.count);
      const category = Number.isFinite(count) ? (rules ??= new Intl.PluralRules(locale)).select(count) : 'other';
      text = value[category] ?? value.other;
    }
    if (!vars) return text;
    return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
      if (!Object.hasOwn(vars, name)) return whole;
      const v = vars[name];
      return typeof v === 'number' ? (numbers ??= new Intl.NumberFormat(locale)).format(v) : String(v);
    });
  };
}

/**
 * Creates a translator for one locale.
 *
 * @example
 * ```ts
 * const t = createTranslator({ locale: 'lv', messages: await loadMessages('lv'), overrides: survey.texts, dev: true });
 * t('error.tooLong', { count: 21 }); // Latvian "one" form: 21 ends in 1
 * t('count.characters', { count: 12, max: 20000 }); // 'Rakstzīmes: 12 no 20 000' (Latvian digit grouping)
 * ```
 */
export function createTranslator(options: TranslatorOptions): Translator {
  const locale = safeLocale(options.locale);
  const format = formatter(locale);
  const { messages, fallback } = options;
  const known = fallback ?? messages;
  let formatFallback: ReturnType<typeof formatter> | undefined;
  const fallbackLocale = options.fallbackLocale ?? 'en';
  const warned = new Set<string>();
  const warn = (key: string, why: string) => {
    if (!options.dev || warned.has(key)) return;
    warned.add(key);
    (options.warn ?? console.warn)(`[earful] ${why} "${key}"`);
  };
  // A misspelt key in the survey's `texts` would be silently unused: say so up front.
  for (const key of Object.keys(options.overrides ?? {})) {
    if (!Object.hasOwn(known, key)) warn(key, 'the survey\'s texts override no message; check the spelling of');
  }

  return (key, vars) => {
    const override = options.overrides && Object.hasOwn(options.overrides, key) ? options.overrides[key] : undefined;
    if (override !== undefined) return format(localizedText(override, locale, fallbackLocale), vars);
    const own = Object.hasOwn(messages, key) ? messages[key] : undefined;
    if (own !== undefined) return format(own, vars);
    if (!fallback || !Object.hasOwn(fallback, key)) {
      warn(key, 'unknown message key');
      return key;
    }
    if (locale !== 'en') warn(key, `missing ${locale} translation, using English for`);
    return (formatFallback ??= locale === 'en' ? format : formatter('en'))(fallback[key], vars);
  };
}
