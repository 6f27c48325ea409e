/**
 * Every UI language against `en.ts`, the single source of keys: same keys, same placeholders,
 * the plural forms the language needs, nothing left in English, text in its own script, and
 * numbers only through placeholders (so `Intl` formats them).
 */
import { describe, expect, it } from 'vitest';
import en, { type MessageValue, type Messages } from '../src/app/i18n/messages/en.js';
import { UI_LOCALES, UI_MESSAGES, pickUiLocale } from '../src/app/i18n/ui-locales.js';
import { createTranslator } from '../src/app/i18n/translator.js';

const SCRIPT: Record<string, RegExp> = { ko: /\p{Script=Hangul}/u, te: /\p{Script=Telugu}/u };
const placeholders = (text: string) => new Set([...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!));
const forms = (value: MessageValue): string[] => (typeof value === 'string' ? [value] : Object.values(value));
const hasWords = (text: string) => /\p{L}/u.test(text.replace(/\{[A-Za-z0-9_]+\}/g, ''));
// Product names that stay as they are in every language.
const NAMES = /Earful|CSAT|NPS/g;

it('speaks en, ko, lv, te and et', () => {
  expect(Object.keys(UI_LOCALES).sort()).toEqual(['en', 'et', 'ko', 'lv', 'te']);
});

describe.each(Object.keys(UI_LOCALES).filter((l) => l !== 'en'))('%s', (locale) => {
  const messages: Messages = UI_MESSAGES[locale as keyof typeof UI_MESSAGES];
  const entries = Object.entries(messages) as Array<[keyof Messages, MessageValue]>;

  it('has exactly the keys of en.ts', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });
  it('keeps every placeholder of en (and adds none) in every form', () => {
    for (const [key, value] of entries) {
      const wanted = new Set(forms(en[key]).flatMap((f) => [...placeholders(f)]));
      expect(typeof value, `${key}: plural in en, so plural here`).toBe(typeof en[key]);
      for (const text of forms(value)) expect(placeholders(text), `${locale} ${key}: "${text}"`).toEqual(wanted);
    }
  });
  it('has exactly the plural categories the language needs', () => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    for (const [key, value] of entries) if (typeof value !== 'string') expect(Object.keys(value).sort(), `${locale} ${key}`).toEqual(needed);
  });
  it('leaves nothing in English', () => {
    for (const [key, value] of entries) {
      const english = new Set(forms(en[key]));
      for (const text of forms(value)) if (hasWords(text)) expect(english.has(text), `${locale} ${key} is still English: "${text}"`).toBe(false);
    }
  });
  it('is written in its own script', () => {
    const script = SCRIPT[locale];
    if (!script) return;
    for (const [key, value] of entries) {
      for (const text of forms(value)) if (hasWords(text.replace(NAMES, ''))) expect(script.test(text), `${locale} ${key}: "${text}"`).toBe(true);
    }
  });
  it('has clean strings and writes numbers only through placeholders', () => {
    for (const [key, value] of entries) {
      for (const text of forms(value)) {
        expect(text, `${locale} ${key}`).toBe(text.trim());
        expect(text, `${locale} ${key}`).not.toMatch(/ {2}|<|>|\{\{|\}\}|TODO/);
        expect(text.replace(/\{[A-Za-z0-9_]+\}/g, ''), `${locale} ${key}`).not.toMatch(/\p{Nd}|[{}]/u);
      }
    }
  });
});

describe('the translator', () => {
  it('picks plural forms through Intl.PluralRules: never "1 cases"', () => {
    const { t } = createTranslator('en', en);
    expect(t('queue.shown', { count: 1 })).toBe('1 case shown');
    expect(t('queue.shown', { count: 2 })).toBe('2 cases shown');
    expect(t('queue.shown', { count: 1200 })).toBe('1,200 cases shown');
    const lv = createTranslator('lv', UI_MESSAGES.lv).t;
    expect(lv('queue.shown', { count: 21 })).toBe('Parādīta 21 lieta');
    expect(lv('queue.shown', { count: 11 })).toBe('Parādītas 11 lietas');
  });
  it('formats numbers, dates and durations for the locale', () => {
    const ko = createTranslator('ko', UI_MESSAGES.ko);
    expect(ko.duration(3 * 3_600_000 + 5 * 60_000)).toBe('3시간');
    expect(createTranslator('en', en).duration(2 * 86_400_000)).toBe('2 days');
    expect(createTranslator('en', en).duration(60_000)).toBe('1 minute');
    expect(createTranslator('et', UI_MESSAGES.et).number(1234.5)).toBe('1234,5');
    expect(ko.date('2026-12-01T12:00:00Z')).toMatch(/2026/);
  });
  it('fills gaps from the fallback and leaves unknown placeholders visible', () => {
    const partial = { ...en, 'queue.title': undefined } as unknown as Messages;
    expect(createTranslator('en', partial, en).t('queue.title')).toBe('Cases');
    expect(createTranslator('en', en).t('error.other')).toBe('That did not work: {message}');
  });
  it('picks the UI language from the browser languages by language subtag', () => {
    expect(pickUiLocale(['lv-LV', 'en'])).toBe('lv');
    expect(pickUiLocale(['de-DE', 'ko-KR'])).toBe('ko');
    expect(pickUiLocale(['de'])).toBe('en');
    expect(pickUiLocale([])).toBe('en');
  });
});
