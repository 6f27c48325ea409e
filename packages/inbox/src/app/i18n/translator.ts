/**
 * Words and figures in the UI's language: messages with `{placeholders}` and plural forms chosen
 * by `Intl.PluralRules`, numbers, dates and durations through `Intl`, so "1 answers" cannot happen.
 */
import type { MessageKey, MessageValue, Messages } from './messages/en.js';

/** Values of a message's placeholders; numbers are formatted for the locale. */
export type MessageVars = Readonly<Record<string, string | number>>;

/** The UI's words and formats in one locale. */
export interface Translator {
  readonly locale: string;
  /** The message `key` with `vars` filled in; plural messages pick their form by `vars.count`. */
  t(key: MessageKey, vars?: MessageVars): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** A date and time such as "1 Dec 2026, 18:05". */
  dateTime(iso: string | number): string;
  /** A date such as "1 Dec 2026". */
  date(iso: string | number): string;
  /** A length of time in its largest whole unit: "3 hours", "2 days", "45 minutes". */
  duration(ms: number): string;
}

const UNITS: ReadonlyArray<readonly [Intl.NumberFormatOptions['unit'], number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/**
 * Makes the translator of `locale` over `messages` (`fallback` fills a missing key).
 *
 * @example
 * ```ts
 * const { t } = createTranslator('en', en);
 * t('queue.shown', { count: 1 }); // "1 case shown"
 * ```
 */
export function createTranslator(locale: string, messages: Messages, fallback?: Messages): Translator {
  const plural = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  // A queue row asks for a duration each: one formatter per unit, made once.
  const units = new Map<string, Intl.NumberFormat>();
  const format = (text: string, vars: MessageVars | undefined) =>
    text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
      const value = vars?.[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  return {
    locale,
    t(key, vars) {
      const value: MessageValue | undefined = messages[key] ?? fallback?.[key];
      if (value === undefined) return key;
      if (typeof value === 'string') return format(value, vars);
      const count = typeof vars?.count === 'number' ? vars.count : 0;
      return format(value[plural.select(count)] ?? value.other, vars);
    },
    number: (value, options) => (options ? new Intl.NumberFormat(locale, options).format(value) : numbers.format(value)),
    dateTime: (iso) => dateTimes.format(new Date(iso)),
    date: (iso) => dates.format(new Date(iso)),
    duration(ms) {
      const [unit, size] = UNITS.find(([, size]) => Math.abs(ms) >= size) ?? UNITS[UNITS.length - 1]!;
      let format = units.get(unit!);
      if (!format) units.set(unit!, (format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 })));
      return format.format(Math.floor(ms / size));
    },
  };
}
