/**
 * Picks one string out of an author's `LocalizedText` (a plain string, or one per locale). The
 * widget shows a survey's texts with it and the inbox shows a response's labels with it, so a
 * visitor and the team read the same wording.
 */
import type { LocalizedText } from './survey-schema.js';

function language(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

function pick(record: Readonly<Record<string, string>>, locale: string): string | undefined {
  const wanted = locale.toLowerCase();
  const keys = Object.keys(record);
  const exact = keys.find((key) => key.toLowerCase() === wanted);
  if (exact !== undefined) return record[exact];
  // Same language, any region or script: `ko-KR` text for a `ko` visitor and the other way round.
  const sameLanguage = keys.find((key) => language(key) === language(wanted));
  return sameLanguage === undefined ? undefined : record[sameLanguage];
}

/**
 * The text for `locale`: exact tag, then same language, then the same for `fallbackLocale`
 * (usually the survey's `locale`), then the first entry.
 *
 * @example
 * ```ts
 * localizedText({ en: 'How did we do?', ko: '어떠셨나요?' }, 'ko-KR', 'en'); // '어떠셨나요?'
 * localizedText('How did we do?', 'ko', 'en');                              // 'How did we do?'
 * ```
 */
export function localizedText(text: LocalizedText, locale: string, fallbackLocale: string): string {
  if (typeof text === 'string') return text;
  return pick(text, locale) ?? pick(text, fallbackLocale) ?? Object.values(text)[0] ?? '';
}
